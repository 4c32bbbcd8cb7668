/// The sources of randomness intrinsic functions use, so that the engine (or a test) can make
/// `States.MathRandom` without a seed and `States.UUID` reproducible.
///
/// A seeded `States.MathRandom` never uses these: "If you use this function with the same seed
/// value, it returns an identical number" (Intrinsic functions, AWS Developer Guide).
public struct IntrinsicServices: Sendable {
    /// A random integer in the half-open range (never empty), for an unseeded `States.MathRandom`.
    public var randomInteger: @Sendable (Range<Int64>) -> Int64
    /// A version 4 UUID in lowercase, for `States.UUID`.
    public var uuid: @Sendable () -> String

    public init(randomInteger: @escaping @Sendable (Range<Int64>) -> Int64, uuid: @escaping @Sendable () -> String) {
        self.randomInteger = randomInteger
        self.uuid = uuid
    }

    /// The system's random number generator.
    public static let system = IntrinsicServices(
        randomInteger: { range in
            var generator = SystemRandomNumberGenerator()
            return Int64.random(in: range, using: &generator)
        },
        uuid: {
            var generator = SystemRandomNumberGenerator()
            return uuidString(using: &generator)
        }
    )

    /// A version 4 UUID, `ca4c1140-dcc1-40cd-ad05-7b4aa23df4a8`, from `generator`: "a version
    /// 4 universally unique identifier (v4 UUID) generated using random numbers".
    public static func uuidString<Generator: RandomNumberGenerator>(using generator: inout Generator) -> String {
        var bytes = (0..<16).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        bytes[6] = (bytes[6] & 0x0F) | 0x40  // version 4
        bytes[8] = (bytes[8] & 0x3F) | 0x80  // variant 10xx (RFC 4122)
        let hex = bytes.map { byte in
            let digits = Array("0123456789abcdef")
            return String([digits[Int(byte >> 4)], digits[Int(byte & 0xF)]])
        }
        return [hex[0..<4], hex[4..<6], hex[6..<8], hex[8..<10], hex[10..<16]]
            .map { $0.joined() }
            .joined(separator: "-")
    }
}

/// `java.util.Random`, for a seeded `States.MathRandom`.
///
/// AWS's service runs on Java, and for the JSONata `$random(seed)` of the same service its
/// output was observed to be `java.util.Random` bit for bit (floci-io/floci issue #2662). The
/// intrinsic's seeded output has not been compared with AWS (unsure): this takes
/// `new Random(seed).nextInt(end - start) + start`.
struct JavaRandom {
    private var seed: UInt64

    private static let multiplier: UInt64 = 0x5_DEEC_E66D
    private static let mask: UInt64 = (1 << 48) - 1

    init(seed: Int64) {
        self.seed = (UInt64(bitPattern: seed) ^ Self.multiplier) & Self.mask
    }

    /// `Random.next(bits)`.
    private mutating func next(_ bits: Int) -> Int32 {
        seed = (seed &* Self.multiplier &+ 0xB) & Self.mask
        return Int32(truncatingIfNeeded: Int64(bitPattern: seed >> UInt64(48 - bits)))
    }

    /// `Random.nextDouble()`: 53 random bits, as a number in [0, 1).
    mutating func nextDouble() -> Double {
        let high = Int64(next(26)), low = Int64(next(27))
        return Double((high << 27) + low) * 0x1.0p-53
    }

    /// `Random.nextInt(bound)` for `bound > 0`.
    mutating func nextInt(bound: Int32) -> Int32 {
        var r = next(31)
        let m = bound - 1
        if bound & m == 0 {
            return Int32(truncatingIfNeeded: (Int64(bound) * Int64(r)) >> 31)
        }
        var u = r
        while true {
            r = u % bound
            if u &- r &+ m >= 0 { return r }  // Java's overflow test: u - r + m < 0 rejects.
            u = next(31)
        }
    }
}
