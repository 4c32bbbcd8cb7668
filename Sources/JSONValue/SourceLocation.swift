/// A place in a JSON text: 1-based line and column.
///
/// Lines are separated by LF, CR LF or a lone CR. The column counts characters (extended
/// grapheme clusters) from the start of the line, the way a person counts them in an editor:
/// a tab is one column, `é` and `😀` are one column each whatever their UTF-8 length.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// The 1-based line number.
    public let line: Int
    /// The 1-based column, in characters from the start of the line.
    public let column: Int

    /// Makes a location from a 1-based line and column.
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    /// `LINE:COLUMN`, the prefix of diagnostics.
    public var description: String { "\(line):\(column)" }
}

/// Turns byte offsets of a UTF-8 text into lines and columns.
///
/// The parser works with byte offsets only; converting to columns needs the line's text, so it
/// is done on demand: once for an error, or per lookup in a `JSONDocument`.
struct LineIndex: Sendable {
    /// A column already counted: the character at byte `offset` is in column `column`.
    private struct Checkpoint: Sendable {
        var offset: Int
        var column: Int
    }

    /// Long lines (minified JSON is one line) get a checkpoint about every this many bytes, so a
    /// lookup counts at most this many bytes instead of the whole line before it.
    private static let checkpointStride = 4096

    /// Byte offset where each line starts; `lineStarts[0] == 0`.
    private let lineStarts: [Int]
    /// Checkpoints inside long lines, in increasing offset order.
    private let checkpoints: [Checkpoint]

    /// Indexes the lines of `bytes`; with `checkpoints`, also prepares long lines for many lookups.
    init(_ bytes: UnsafeBufferPointer<UInt8>, checkpoints makeCheckpoints: Bool = false) {
        var starts = [0]
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            i += 1
            // CR LF is one line break: the CR only ends the line when no LF follows it.
            if byte == UInt8(ascii: "\n") || (byte == UInt8(ascii: "\r") && (i == bytes.count || bytes[i] != UInt8(ascii: "\n"))) {
                starts.append(i)
            }
        }
        lineStarts = starts
        checkpoints = makeCheckpoints ? Self.checkpoints(in: bytes, lineStarts: starts) : []
    }

    private static func checkpoints(in bytes: UnsafeBufferPointer<UInt8>, lineStarts: [Int]) -> [Checkpoint] {
        var result: [Checkpoint] = []
        for (line, lineStart) in lineStarts.enumerated() {
            let lineEnd = line + 1 < lineStarts.count ? lineStarts[line + 1] : bytes.count
            var previous = Checkpoint(offset: lineStart, column: 1)
            var offset = lineStart + checkpointStride
            while offset < lineEnd {
                // Between two ASCII characters there is always a character boundary (the only
                // exception, CR LF, ends a line), so counting can restart there.
                while offset < lineEnd && (bytes[offset - 1] >= 0x80 || bytes[offset] >= 0x80) { offset += 1 }
                guard offset < lineEnd else { break }
                previous = Checkpoint(offset: offset, column: previous.column + characterCount(bytes, previous.offset..<offset))
                result.append(previous)
                offset += checkpointStride
            }
        }
        return result
    }

    /// The location of the byte at `offset` (which must start a character) in `bytes`.
    func location(ofByte offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> SourceLocation {
        let line = Self.lastIndex(in: lineStarts, atOrBefore: offset) ?? 0
        var base = Checkpoint(offset: lineStarts[line], column: 1)
        if let index = Self.lastIndex(in: checkpoints.lazy.map(\.offset), atOrBefore: offset), checkpoints[index].offset > base.offset {
            base = checkpoints[index]
        }
        let column = base.column + Self.characterCount(bytes, base.offset..<min(offset, bytes.count))
        return SourceLocation(line: line + 1, column: column)
    }

    /// Characters (grapheme clusters) in `range` of `bytes`, which starts a character and holds
    /// no line break. Invalid UTF-8 counts as U+FFFD, one character per bad sequence.
    private static func characterCount(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        let slice = UnsafeBufferPointer(rebasing: bytes[range])
        if slice.allSatisfy({ $0 < 0x80 }) { return slice.count }
        return String(decoding: slice, as: UTF8.self).count
    }

    /// The index of the last element `<= value` in the sorted `elements`, by binary search.
    private static func lastIndex(in elements: some RandomAccessCollection<Int>, atOrBefore value: Int) -> Int? {
        var low = 0
        var high = elements.count
        while low < high {
            let mid = (low + high) / 2
            if elements[elements.index(elements.startIndex, offsetBy: mid)] <= value { low = mid + 1 } else { high = mid }
        }
        return low == 0 ? nil : low - 1
    }
}
