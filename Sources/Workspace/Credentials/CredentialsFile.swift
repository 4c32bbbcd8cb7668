/// The aws CLI's credentials file ("Configuration and credential file settings" in the AWS CLI
/// User Guide): `[profile]` sections of `key = value` lines, `#` and `;` comment lines. Each
/// profile gives one key pair, `aws_access_key_id` and `aws_secret_access_key`; anything the
/// server would read and not use (a session token, another setting) is refused at its place.
enum CredentialsFile {
    static let accessKeyId = "aws_access_key_id"
    static let secretAccessKey = "aws_secret_access_key"

    /// A profile as read so far: its keys, each with the place it was written.
    private struct Profile {
        var name: String
        var line: Int
        var values: [String: (value: String, place: String)] = [:]
    }

    /// The key pairs of `text`, one a profile, in the file's order; what is wrong goes to
    /// `problems` as `FILE:LINE:COLUMN: error: MESSAGE`.
    static func parse(_ text: String, file: String, problems: inout [String]) -> [Credentials.KeyPair] {
        var profiles: [Profile] = []
        var seen: [String: Int] = [:]
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            let line = rawLine.hasSuffix("\r") ? rawLine.dropLast() : rawLine
            let indent = line.prefix { $0 == " " || $0 == "\t" }.count
            let content = line.dropFirst(indent).trimmingTrailingSpace()
            if content.isEmpty || content.hasPrefix("#") || content.hasPrefix(";") { continue }
            let place = "\(file):\(number):\(indent + 1)"
            if content.hasPrefix("[") {
                let name = String(content.dropFirst().dropLast()).trimmingSpace()
                guard content.hasSuffix("]"), !name.isEmpty else {
                    problems.append("\(place): error: a profile's header is '[name]', not '\(content)'")
                    continue
                }
                if let first = seen[name] {
                    problems.append("\(place): error: profile '\(name)' is already defined at line \(first)")
                }
                seen[name] = number
                profiles.append(Profile(name: name, line: number))
                continue
            }
            guard indent == 0 else {
                problems.append("\(place): error: an indented line continues a nested setting, which a credentials file does not hold")
                continue
            }
            guard let equals = content.firstIndex(of: "=") else {
                problems.append("\(place): error: expected 'key = value', not '\(content)'")
                continue
            }
            let key = String(content[..<equals]).trimmingSpace()
            let value = String(content[content.index(after: equals)...]).trimmingSpace()
            guard !profiles.isEmpty else {
                problems.append("\(place): error: '\(key)' comes before any [profile] header")
                continue
            }
            guard key == accessKeyId || key == secretAccessKey else {
                problems.append("\(place): error: " + refusal(of: key))
                continue
            }
            if let earlier = profiles[profiles.count - 1].values[key] {
                problems.append("\(place): error: '\(key)' is already set in this profile at \(earlier.place)")
                continue
            }
            guard !value.isEmpty else {
                problems.append("\(place): error: '\(key)' has no value")
                continue
            }
            profiles[profiles.count - 1].values[key] = (value, place)
        }
        return profiles.compactMap { pair(of: $0, file: file, problems: &problems) }
    }

    /// A profile's key pair, or the problem that it lacks half of one.
    private static func pair(of profile: Profile, file: String, problems: inout [String]) -> Credentials.KeyPair? {
        let place = "\(file):\(profile.line):1"
        switch (profile.values[accessKeyId], profile.values[secretAccessKey]) {
        case (let id?, let secret?):
            return Credentials.KeyPair(accessKeyId: id.value, secretAccessKey: secret.value, origin: id.place)
        case (nil, nil):
            problems.append("\(place): error: profile '\(profile.name)' sets neither \(accessKeyId) nor \(secretAccessKey)")
        case (nil, _?):
            problems.append("\(place): error: profile '\(profile.name)' sets \(secretAccessKey) but no \(accessKeyId)")
        case (_?, nil):
            problems.append("\(place): error: profile '\(profile.name)' sets \(accessKeyId) but no \(secretAccessKey)")
        }
        return nil
    }

    /// Why a key other than the two is refused: the server checks long-term access keys only.
    private static func refusal(of key: String) -> String {
        switch key {
        case "aws_session_token", "aws_security_token":
            "host serve checks long-term access keys only; '\(key)' (temporary credentials) is not accepted"
        default:
            "'\(key)' is not read by host serve: a profile holds \(accessKeyId) and \(secretAccessKey) only"
        }
    }
}

extension StringProtocol {
    fileprivate func trimmingSpace() -> String {
        String(drop { $0 == " " || $0 == "\t" }.trimmingTrailingSpace())
    }

    fileprivate func trimmingTrailingSpace() -> SubSequence {
        var end = endIndex
        while end > startIndex, self[index(before: end)] == " " || self[index(before: end)] == "\t" {
            end = index(before: end)
        }
        return self[startIndex..<end]
    }
}
