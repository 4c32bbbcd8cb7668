extension JSONDocument {
    /// Where the character at `offset` (counted in Unicode scalars from the start of the
    /// decoded text) of the string at `path` is written, or nil when `path` is no string or
    /// the string is shorter. Escapes count as the one character they stand for (`\n`, `\"`,
    /// `\u00e9`, and a `\ud83d\ude00` surrogate pair), so a place found in a string's value is
    /// the place a person finds in the file.
    public func location(of path: [JSONPathComponent], scalarOffset offset: Int) -> SourceLocation? {
        guard offset >= 0, let found = node(at: path[...]), case .string = found.value,
              let byte = byteOffset(inStringAt: found.node.start + 1, scalars: offset)
        else { return nil }
        return location(ofByte: byte)
    }

    /// The byte offset of scalar number `scalars` of the string whose text starts at byte
    /// `start` (just past its opening quote); nil when the closing quote comes first.
    private func byteOffset(inStringAt start: Int, scalars: Int) -> Int? {
        var index = start
        var remaining = scalars
        while index < source.count, source[index] != UInt8(ascii: "\"") {
            if remaining == 0 { return index }
            remaining -= 1
            index += Self.encodedLength(at: index, in: source)
        }
        return nil
    }

    /// The number of bytes that encode the scalar starting at `index`: a UTF-8 sequence, an
    /// escape, or the two `\u` escapes of a surrogate pair.
    private static func encodedLength(at index: Int, in source: [UInt8]) -> Int {
        let byte = source[index]
        guard byte == UInt8(ascii: "\\") else {
            switch byte {
            case 0xF0...: return 4
            case 0xE0...: return 3
            case 0xC0...: return 2
            default: return 1
            }
        }
        guard index + 1 < source.count, source[index + 1] == UInt8(ascii: "u") else { return 2 }
        // "\uD83D\uDE00": a high surrogate followed by a low one is one scalar.
        let high = source[(index + 2)..<min(index + 6, source.count)]
        let isHigh = high.first.map { $0 == UInt8(ascii: "d") || $0 == UInt8(ascii: "D") } == true
            && high.dropFirst().first.map { [UInt8(ascii: "8"), UInt8(ascii: "9"), UInt8(ascii: "a"), UInt8(ascii: "b"),
                                             UInt8(ascii: "A"), UInt8(ascii: "B")].contains($0) } == true
        if isHigh, index + 7 < source.count, source[index + 6] == UInt8(ascii: "\\"), source[index + 7] == UInt8(ascii: "u") {
            return 12
        }
        return 6
    }
}
