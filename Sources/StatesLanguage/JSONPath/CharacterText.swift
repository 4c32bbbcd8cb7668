/// A text as the hand-written parsers (paths, intrinsic calls) read it: one character at a
/// time, so that error columns count characters, and with where each character starts, so that
/// a run of characters is read back as a slice of the text instead of being built again one
/// character at a time (which cost a definition's validation more than all of its checks).
struct CharacterText {
    let text: String
    let characters: [Character]
    /// Where each character starts in `text`, then `text.endIndex`.
    private let starts: [String.Index]

    init(_ text: String) {
        self.text = text
        // ASCII without CR (which with LF makes one character) is one character per byte.
        if text.utf8.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: "\r") }) {
            characters = text.utf8.map { Character(Unicode.Scalar($0)) }
            starts = Array(text.utf8.indices) + [text.endIndex]
        } else {
            var characters: [Character] = []
            var starts: [String.Index] = []
            for index in text.indices {
                characters.append(text[index])
                starts.append(index)
            }
            starts.append(text.endIndex)
            self.characters = characters
            self.starts = starts
        }
    }

    /// The characters `range` (positions in `characters`) as a string.
    subscript(range: Range<Int>) -> String {
        String(text[starts[range.lowerBound]..<starts[range.upperBound]])
    }
}
