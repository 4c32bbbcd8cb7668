extension JSONValue {
    /// The deepest nesting of arrays and objects the parser accepts (RFC 8259 allows a limit).
    ///
    /// `[[1]]` has depth 2. Deeper input is a `nesting too deep` error at the bracket that
    /// goes one level too far.
    public static let maximumNestingDepth = 1000

    /// Parses a JSON text (RFC 8259): one value of any type, with optional whitespace around.
    ///
    /// - Numbers: see `JSONValue.int` and `JSONValue.double`; `-0` is `.int(0)`, `-0.0` is
    ///   `.double(-0.0)`, an integer beyond `Int64` is the nearest `.double`, a number beyond
    ///   the range of `Double` is an error.
    /// - Strings: a `\u` escape of a lone surrogate is an error; so are raw control characters
    ///   and invalid UTF-8.
    /// - Objects: for a duplicate key the last value wins, kept at the first key's position.
    /// - A leading UTF-8 byte order mark is skipped, as RFC 8259 allows ("MAY ignore"); columns
    ///   do not count it. Nothing but space, tab, LF and CR counts as whitespace.
    ///
    /// The error is the first problem, at the first character that cannot continue a valid
    /// JSON text, its column counted in characters (see `SourceLocation`).
    public static func parse(_ text: String) throws(JSONSyntaxError) -> JSONValue {
        var text = text
        let result = text.withUTF8 { bytes in
            Result { () throws(JSONSyntaxError) in try parseValue(bytes, recorder: NoRecording()).value }
        }
        return try result.get()
    }

    /// Parses a JSON text given as UTF-8 bytes; see `parse(_:)` for the rules.
    public static func parse(bytes: some Collection<UInt8>) throws(JSONSyntaxError) -> JSONValue {
        try withContiguousBytes(bytes) { buffer throws(JSONSyntaxError) in
            try parseValue(buffer, recorder: NoRecording()).value
        }
    }

    /// The one entry to the parser, shared by `JSONValue` and `JSONDocument`: skips a byte order
    /// mark, parses, and turns a failure's byte offset into a line and column.
    ///
    /// The returned buffer is `bytes` without the byte order mark; recorded offsets refer to it.
    static func parseValue<Recorder: ParseRecording>(
        _ bytes: UnsafeBufferPointer<UInt8>, recorder: Recorder
    ) throws(JSONSyntaxError) -> (value: JSONValue, recorder: Recorder, text: UnsafeBufferPointer<UInt8>) {
        let text = withoutByteOrderMark(bytes)
        var parser = JSONParser(bytes: text, recorder: recorder)
        do {
            let value = try parser.parseDocument()
            return (value, parser.recorder, text)
        } catch {
            let location = LineIndex(text).location(ofByte: error.offset, in: text)
            throw JSONSyntaxError(line: location.line, column: location.column, message: error.message)
        }
    }

    /// `bytes` after a leading UTF-8 byte order mark (EF BB BF), if there is one.
    private static func withoutByteOrderMark(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        guard bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF else { return bytes }
        return UnsafeBufferPointer(rebasing: bytes[3...])
    }
}

/// Calls `body` with the bytes of `collection` in contiguous memory, copying only when the
/// collection does not store them contiguously already.
func withContiguousBytes<R>(
    _ collection: some Collection<UInt8>,
    _ body: (UnsafeBufferPointer<UInt8>) throws(JSONSyntaxError) -> R
) throws(JSONSyntaxError) -> R {
    let result = collection.withContiguousStorageIfAvailable { buffer in
        Result { () throws(JSONSyntaxError) in try body(buffer) }
    }
    if let result { return try result.get() }
    return try Array(collection).withUnsafeBufferPointer { buffer in
        Result { () throws(JSONSyntaxError) in try body(buffer) }
    }.get()
}
