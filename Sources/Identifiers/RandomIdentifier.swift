import Foundation

/// Random identifiers: request ids, event ids, execution names, task tokens' parts.
///
/// Foundation's `UUID()` opens, reads and closes `/dev/urandom` for each one on Linux (three
/// system calls); a server making several a request spent a few percent of its time there.
/// These are version 4 UUIDs (RFC 9562, section 5.4) from `SystemRandomNumberGenerator`,
/// which the standard library documents as cryptographically secure and which reads
/// `getrandom` without opening a file.
public enum RandomIdentifier {
    /// A random (version 4) UUID.
    public static func uuid() -> UUID {
        var generator = SystemRandomNumberGenerator()
        return uuid(high: generator.next(), low: generator.next(), version: 4)
    }

    /// A random UUID in its usual 8-4-4-4-12 text, lowercase: a Lambda or AWS request id.
    public static func lowercased() -> String { lowercaseHex(uuid()) }

    /// A version 7 UUID (RFC 9562, section 5.7): the Unix time in milliseconds in its first 48
    /// bits, then 74 random bits. For ids a store keeps an index of: ids made one after another
    /// sort one after another, so new ones go to the end of the index rather than to a random
    /// page of it. (An EventBridge event id is opaque: docs/status-events.md.)
    public static func timeOrdered(at date: Date = Date()) -> UUID {
        var generator = SystemRandomNumberGenerator()
        let milliseconds = UInt64(max(0, (date.timeIntervalSince1970 * 1000).rounded(.down)))
        return uuid(high: milliseconds << 16 | (generator.next() as UInt64) & 0xFFFF, low: generator.next(), version: 7)
    }

    /// `high` then `low` as a UUID's 16 bytes, most significant first, with `version` in the
    /// version nibble (the 13th hex digit) and the variant bits 10 (RFC 9562, section 4).
    private static func uuid(high: UInt64, low: UInt64, version: UInt64) -> UUID {
        let high = high & ~0xF000 | version << 12
        let low = low & 0x3FFF_FFFF_FFFF_FFFF | 0x8000_0000_0000_0000
        func byte(_ word: UInt64, _ index: Int) -> UInt8 { UInt8(truncatingIfNeeded: word >> (56 - 8 * index)) }
        return UUID(uuid: (
            byte(high, 0), byte(high, 1), byte(high, 2), byte(high, 3), byte(high, 4), byte(high, 5), byte(high, 6), byte(high, 7),
            byte(low, 0), byte(low, 1), byte(low, 2), byte(low, 3), byte(low, 4), byte(low, 5), byte(low, 6), byte(low, 7)))
    }

    /// A UUID's 16 bytes as lowercase hexadecimal, in the 8-4-4-4-12 groups of its usual text when
    /// `dashes`, else as 32 digits (a log stream's suffix). Written out directly: Foundation's
    /// `uuidString` formats each byte with `snprintf`, and lowercasing its result made a second
    /// string.
    public static func lowercaseHex(_ uuid: UUID, dashes: Bool = true) -> String {
        let u = uuid.uuid
        let bytes = [u.0, u.1, u.2, u.3, u.4, u.5, u.6, u.7, u.8, u.9, u.10, u.11, u.12, u.13, u.14, u.15]
        func digit(_ value: UInt8) -> UInt8 { value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10 }
        var text: [UInt8] = []
        text.reserveCapacity(dashes ? 36 : 32)
        for (index, byte) in bytes.enumerated() {
            if dashes, index == 4 || index == 6 || index == 8 || index == 10 { text.append(UInt8(ascii: "-")) }
            text.append(digit(byte >> 4))
            text.append(digit(byte & 15))
        }
        return String(decoding: text, as: UTF8.self)
    }
}
