/// An IPv4 (4 bytes) or IPv6 (16 bytes) address.
///
/// Only literals event-ruler treats as addresses count: IPv4 is four dot-separated decimal numbers,
/// IPv6 hexadecimal groups with at least one colon (no zone, no embedded IPv4).
struct IPAddress: Sendable, Equatable, Comparable {
    /// The address bytes, most significant first.
    let bytes: [UInt8]

    /// The address written as `literal`, or nil when it is no address.
    init?(literal: String) {
        guard case .success(let address)? = Self.parse(literal) else { return nil }
        self = address
    }

    /// An address from its bytes (4 or 16), already checked.
    fileprivate init(bytes: [UInt8]) { self.bytes = bytes }

    /// nil when `text` does not look like an address at all (event-ruler: "Nonstandard IP
    /// address"), a failure when it looks like one but is not ("Invalid IP address").
    static func parse(_ text: String) -> Result<IPAddress, PatternProblem>? {
        let scalars = Array(text.unicodeScalars)
        let isDigit = { (c: Unicode.Scalar) in c >= "0" && c <= "9" }
        let isHex = { (c: Unicode.Scalar) in isDigit(c) || (c >= "a" && c <= "f") || (c >= "A" && c <= "F") }
        let invalid = Result<IPAddress, PatternProblem>.failure(PatternProblem("Invalid IP address: \(text)"))

        let octets = text.split(separator: ".", omittingEmptySubsequences: false)
        if octets.count == 4, octets.allSatisfy({ !$0.isEmpty && $0.unicodeScalars.allSatisfy(isDigit) }) {
            var bytes: [UInt8] = []
            for octet in octets {
                // Leading zeros are decimal, as in Java's address parser; past 255 it is no address.
                guard let value = Int(octet), value <= 255 else { return invalid }
                bytes.append(UInt8(value))
            }
            return .success(IPAddress(bytes: bytes))
        }
        guard scalars.contains(":"), scalars.allSatisfy({ isHex($0) || $0 == ":" }) else { return nil }
        return parseIPv6(text).map { .success(IPAddress(bytes: $0)) } ?? invalid
    }

    /// The 16 bytes of an IPv6 literal made of hexadecimal groups and at most one `::`.
    private static func parseIPv6(_ text: String) -> [UInt8]? {
        let halves = text.split(separator: "::", omittingEmptySubsequences: false).map(String.init)
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String) -> [UInt16]? {
            if part.isEmpty { return [] }
            var result: [UInt16] = []
            for group in part.split(separator: ":", omittingEmptySubsequences: false) {
                guard (1...4).contains(group.count), let value = UInt16(group, radix: 16) else { return nil }
                result.append(value)
            }
            return result
        }
        guard let head = groups(halves[0]) else { return nil }
        var all = head
        if halves.count == 2 {
            guard let tail = groups(halves[1]), head.count + tail.count <= 7 else { return nil }
            all += Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        }
        guard all.count == 8 else { return nil }
        return all.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xff)] }
    }

    static func < (lhs: IPAddress, rhs: IPAddress) -> Bool {
        lhs.bytes.lexicographicallyPrecedes(rhs.bytes)
    }
}

/// The addresses a `cidr` operand covers.
struct IPAddressRange: Sendable, Equatable {
    /// The first address covered.
    let lowest: IPAddress
    /// The last address covered.
    let highest: IPAddress

    /// Whether `address` is in the range (an IPv4 address is never in an IPv6 range).
    func contains(_ address: IPAddress) -> Bool {
        address.bytes.count == lowest.bytes.count && lowest <= address && address <= highest
    }

    /// Parses `address/bits`, with event-ruler's checks and messages (AWS answers `"bad-cidr"`
    /// with "Malformed CIDR, one '/' required" and `"xx.11.xx/24"` with "Nonstandard IP address").
    static func parseCIDR(_ text: String) -> Result<IPAddressRange, PatternProblem> {
        // Java's `split("/")` drops trailing empty pieces, so "10.0.0.0/" has one piece too.
        var parts = text.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        while parts.count > 1 && parts.last == "" { parts.removeLast() }
        guard parts.count == 2 else { return .failure(PatternProblem("Malformed CIDR, one '/' required")) }
        let digits = parts[1].hasPrefix("+") || parts[1].hasPrefix("-") ? parts[1].dropFirst() : Substring(parts[1])
        guard !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber), let magnitude = Int(digits), magnitude <= Int32.max else {
            return .failure(PatternProblem("Malformed CIDR, mask bits must be an integer"))
        }
        let bits = parts[1].hasPrefix("-") ? -magnitude : magnitude
        guard bits >= 0 else { return .failure(PatternProblem("Malformed CIDR, mask bits must not be negative")) }
        guard let parsed = IPAddress.parse(parts[0]) else {
            return .failure(PatternProblem("Nonstandard IP address: \(parts[0])"))
        }
        let address: IPAddress
        switch parsed {
        case .success(let value): address = value
        case .failure(let problem): return .failure(problem)
        }
        if address.bytes.count == 4 && bits > 31 { return .failure(PatternProblem("IPv4 mask bits must be < 32")) }
        if address.bytes.count == 16 && bits > 127 { return .failure(PatternProblem("IPv6 mask bits must be < 128")) }
        return .success(covered(from: address, prefixLength: bits))
    }

    /// The range event-ruler builds: from the address as written up to the address with all host
    /// bits set. It does not clear the host bits of the lower end, so `10.0.0.7/24` covers
    /// 10.0.0.7 to 10.0.0.255; for the usual network address (`10.0.0.0/24`) this is the whole
    /// network. (The EventBridge guide's "end with a number between 0 and 24" for `10.0.0.0/24`
    /// is a slip; the prefix length counts bits.)
    private static func covered(from address: IPAddress, prefixLength: Int) -> IPAddressRange {
        var top = address.bytes
        for index in top.indices {
            let hostBits = min(8, max(0, (index + 1) * 8 - prefixLength))
            top[index] |= UInt8((1 << hostBits) - 1)
        }
        return IPAddressRange(lowest: address, highest: IPAddress(bytes: top))
    }
}
