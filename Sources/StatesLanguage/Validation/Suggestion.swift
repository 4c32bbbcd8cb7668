/// "Did you mean …?" for a misspelled name: the nearest of the names it could have been.
public enum Suggestion {
    /// The candidate closest to `name`, when one is close enough to be a slip: at most one edit
    /// in four characters (one, from three characters on; a shorter name must differ only in
    /// case), ignoring case. Ties go to the first candidate.
    public static func nearest(to name: String, among candidates: some Sequence<String>) -> String? {
        let target = Array(name.lowercased())
        let allowed = target.count < 3 ? 0 : max(1, target.count / 4)
        var best: (name: String, distance: Int)?
        for candidate in candidates where candidate != name {
            let distance = editDistance(target, Array(candidate.lowercased()), limit: allowed)
            if distance <= allowed, distance < (best?.distance ?? .max) { best = (candidate, distance) }
        }
        return best?.name
    }

    /// ` Did you mean 'X'?`, or nothing when no candidate is near.
    public static func didYouMean(_ name: String, among candidates: some Sequence<String>) -> String {
        nearest(to: name, among: candidates).map { " Did you mean '\($0)'?" } ?? ""
    }

    /// Levenshtein distance (insertions, deletions, substitutions, and a swap of neighbours
    /// counted as one), or more than `limit` once it cannot be within it.
    static func editDistance(_ a: [Character], _ b: [Character], limit: Int) -> Int {
        if abs(a.count - b.count) > limit { return limit + 1 }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], before[j - 2] + 1)
                }
            }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count]
    }
}
