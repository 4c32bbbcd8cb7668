/// Message digests for `States.Hash`: MD5 (RFC 1321), SHA-1 (FIPS 180-4), and SHA-256,
/// SHA-384 and SHA-512 (FIPS 180-4, in `Digest+SHA2.swift`).
///
/// Written here because Foundation offers no digests on Linux and swift-crypto is not a
/// dependency. Inputs are at most 10,000 characters, so clarity beats speed.
enum Digest {
    /// The algorithms `States.Hash` accepts, by the names AWS spells.
    enum Algorithm: String, CaseIterable {
        case md5 = "MD5"
        case sha1 = "SHA-1"
        case sha256 = "SHA-256"
        case sha384 = "SHA-384"
        case sha512 = "SHA-512"
    }

    /// The digest of `message` in lowercase hexadecimal.
    static func hexDigest(of message: [UInt8], algorithm: Algorithm) -> String {
        let bytes: [UInt8] = switch algorithm {
        case .md5: md5(message)
        case .sha1: sha1(message)
        case .sha256: sha256(message)
        case .sha384: Array(sha512Family(message, initial: sha384Initial).prefix(48))
        case .sha512: sha512Family(message, initial: sha512Initial)
        }
        let digits = Array("0123456789abcdef")
        return String(bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0xF)]] })
    }

    /// The message padded to whole blocks: a 1 bit, zeros, then the message's length in bits
    /// in the last `lengthSize` bytes (little-endian for MD5, big-endian for the SHAs).
    static func padded(_ message: [UInt8], blockSize: Int, lengthSize: Int, bigEndian: Bool) -> [UInt8] {
        var bytes = message
        bytes.append(0x80)
        while bytes.count % blockSize != blockSize - lengthSize { bytes.append(0) }
        let bitLength = UInt64(message.count) &* 8
        let lengthBytes = (0..<8).map { UInt8(truncatingIfNeeded: bitLength >> (8 * UInt64($0))) }
        if bigEndian {
            bytes += [UInt8](repeating: 0, count: lengthSize - 8) + lengthBytes.reversed()
        } else {
            bytes += lengthBytes + [UInt8](repeating: 0, count: lengthSize - 8)
        }
        return bytes
    }

    // MARK: MD5

    private static let md5Shifts: [UInt32] = [7, 12, 17, 22, 5, 9, 14, 20, 4, 11, 16, 23, 6, 10, 15, 21]

    /// floor(abs(sin(i + 1)) × 2^32), RFC 1321 section 3.4.
    private static let md5Constants: [UInt32] = [
        0xd76aa478, 0xe8c7b756, 0x242070db, 0xc1bdceee, 0xf57c0faf, 0x4787c62a, 0xa8304613, 0xfd469501,
        0x698098d8, 0x8b44f7af, 0xffff5bb1, 0x895cd7be, 0x6b901122, 0xfd987193, 0xa679438e, 0x49b40821,
        0xf61e2562, 0xc040b340, 0x265e5a51, 0xe9b6c7aa, 0xd62f105d, 0x02441453, 0xd8a1e681, 0xe7d3fbc8,
        0x21e1cde6, 0xc33707d6, 0xf4d50d87, 0x455a14ed, 0xa9e3e905, 0xfcefa3f8, 0x676f02d9, 0x8d2a4c8a,
        0xfffa3942, 0x8771f681, 0x6d9d6122, 0xfde5380c, 0xa4beea44, 0x4bdecfa9, 0xf6bb4b60, 0xbebfbc70,
        0x289b7ec6, 0xeaa127fa, 0xd4ef3085, 0x04881d05, 0xd9d4d039, 0xe6db99e5, 0x1fa27cf8, 0xc4ac5665,
        0xf4292244, 0x432aff97, 0xab9423a7, 0xfc93a039, 0x655b59c3, 0x8f0ccc92, 0xffeff47d, 0x85845dd1,
        0x6fa87e4f, 0xfe2ce6e0, 0xa3014314, 0x4e0811a1, 0xf7537e82, 0xbd3af235, 0x2ad7d2bb, 0xeb86d391,
    ]

    static func md5(_ message: [UInt8]) -> [UInt8] {
        var state: [UInt32] = [0x6745_2301, 0xefcd_ab89, 0x98ba_dcfe, 0x1032_5476]
        let bytes = padded(message, blockSize: 64, lengthSize: 8, bigEndian: false)
        for block in stride(from: 0, to: bytes.count, by: 64) {
            let words = (0..<16).map { i in
                (0..<4).reduce(UInt32(0)) { $0 | UInt32(bytes[block + 4 * i + $1]) << (8 * UInt32($1)) }
            }
            var (a, b, c, d) = (state[0], state[1], state[2], state[3])
            for i in 0..<64 {
                let (f, g): (UInt32, Int) = switch i / 16 {
                case 0: ((b & c) | (~b & d), i)
                case 1: ((d & b) | (~d & c), (5 * i + 1) % 16)
                case 2: (b ^ c ^ d, (3 * i + 5) % 16)
                default: (c ^ (b | ~d), (7 * i) % 16)
                }
                let sum = a &+ f &+ md5Constants[i] &+ words[g]
                (a, d, c) = (d, c, b)
                b = b &+ rotateLeft(sum, md5Shifts[(i / 16) * 4 + i % 4])
            }
            state = [state[0] &+ a, state[1] &+ b, state[2] &+ c, state[3] &+ d]
        }
        return state.flatMap { word in (0..<4).map { UInt8(truncatingIfNeeded: word >> (8 * UInt32($0))) } }
    }

    // MARK: SHA-1

    static func sha1(_ message: [UInt8]) -> [UInt8] {
        var state: [UInt32] = [0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0]
        let bytes = padded(message, blockSize: 64, lengthSize: 8, bigEndian: true)
        for block in stride(from: 0, to: bytes.count, by: 64) {
            var words = bigEndianWords32(bytes, at: block)
            for t in 16..<80 { words.append(rotateLeft(words[t - 3] ^ words[t - 8] ^ words[t - 14] ^ words[t - 16], 1)) }
            var (a, b, c, d, e) = (state[0], state[1], state[2], state[3], state[4])
            for t in 0..<80 {
                let (f, k): (UInt32, UInt32) = switch t / 20 {
                case 0: ((b & c) | (~b & d), 0x5A82_7999)
                case 1: (b ^ c ^ d, 0x6ED9_EBA1)
                case 2: ((b & c) | (b & d) | (c & d), 0x8F1B_BCDC)
                default: (b ^ c ^ d, 0xCA62_C1D6)
                }
                let temp = rotateLeft(a, 5) &+ f &+ e &+ k &+ words[t]
                (e, d, c, b, a) = (d, c, rotateLeft(b, 30), a, temp)
            }
            state = [state[0] &+ a, state[1] &+ b, state[2] &+ c, state[3] &+ d, state[4] &+ e]
        }
        return state.flatMap(bigEndianBytes)
    }

    static func rotateLeft(_ value: UInt32, _ count: UInt32) -> UInt32 {
        value << count | value >> (32 - count)
    }

    static func bigEndianWords32(_ bytes: [UInt8], at offset: Int) -> [UInt32] {
        (0..<16).map { i in (0..<4).reduce(UInt32(0)) { $0 << 8 | UInt32(bytes[offset + 4 * i + $1]) } }
    }

    static func bigEndianBytes(_ word: UInt32) -> [UInt8] {
        (0..<4).map { UInt8(truncatingIfNeeded: word >> (24 - 8 * UInt32($0))) }
    }
}
