import JSONValue
import OrderedCollections
import StatesLanguage

/// The items of an object an ItemReader read, by its `InputType` (docs/distributed-map.md,
/// "Reading items"). Each reader goes over the bytes once, without Foundation's regular
/// expressions, so that a file of 100,000 lines reads in one pass.
enum ItemFormats {
    /// Why the object's bytes hold no items of the type: the cause of `States.ItemReaderFailed`.
    struct Malformed: Error, Equatable {
        var message: String
    }

    /// The items of one object's bytes, as its reader's `InputType` (JSON, JSONL or CSV) says;
    /// a MANIFEST names other objects and is read by `InventoryManifest`.
    static func items(_ bytes: [UInt8], config: ReaderConfig, maxItems: Int?) throws(Malformed) -> [JSONValue] {
        switch config.inputType ?? .json {
        case .json: return try jsonArray(bytes, maxItems: maxItems)
        case .manifest: throw Malformed(message: "A MANIFEST names the objects to read, not the items.")
        case .jsonl: return try jsonLines(bytes, maxItems: maxItems)
        case .csv: return try csv(bytes, header: config.headerLocation == .given ? config.headers : nil, delimiter: config.delimiter.byte, maxItems: maxItems)
        }
    }

    /// `JSON`: the object is one JSON array, whose elements are the items.
    static func jsonArray(_ bytes: [UInt8], maxItems: Int?) throws(Malformed) -> [JSONValue] {
        let value: JSONValue
        do { value = try JSONValue.parse(bytes: bytes) } catch {
            throw Malformed(message: "The JSON in the object is not valid: \(error)")
        }
        guard case .array(let items) = value else {
            throw Malformed(message: "The object holds \(Self.article(value.typeName)) \(value.typeName), not a JSON array of items.")
        }
        return maxItems.map { Array(items.prefix($0)) } ?? items
    }

    /// `JSONL`: one JSON value a line; blank lines hold none.
    static func jsonLines(_ bytes: [UInt8], maxItems: Int?) throws(Malformed) -> [JSONValue] {
        var items: [JSONValue] = []
        var start = 0, line = 1
        while start < bytes.count, maxItems.map({ items.count < $0 }) ?? true {
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            var last = end
            if last > start, bytes[last - 1] == UInt8(ascii: "\r") { last -= 1 }
            let text = bytes[start..<last]
            if text.contains(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\t") }) {
                do { items.append(try JSONValue.parse(bytes: text)) } catch {
                    throw Malformed(message: "Line \(line) of the JSON Lines object is not valid JSON: \(error)")
                }
            }
            start = end + 1
            line += 1
        }
        return items
    }

    /// `CSV`, by the rules of "How Step Functions parses input CSV files": fields are strings;
    /// a field in double quotes may hold the delimiter and newlines, and `""` in it is one
    /// quote; a backslash escapes a backslash, a quote or the delimiter, and "a backslash
    /// followed by any other character is silently removed" (the character stays); a row with
    /// fewer fields than the header gets empty strings, one with more loses the extra ones.
    static func csv(_ bytes: [UInt8], header given: [String]?, delimiter: UInt8, maxItems: Int?) throws(Malformed) -> [JSONValue] {
        var parser = CSVRecords(bytes: bytes, delimiter: delimiter)
        let header: [String]
        if let given {
            header = given
        } else {
            guard let first = try parser.next() else { return [] }
            header = first
        }
        var items: [JSONValue] = []
        while maxItems.map({ items.count < $0 }) ?? true, let record = try parser.next() {
            var object = JSONObject(minimumCapacity: header.count)
            for (index, name) in header.enumerated() {
                object[name] = .string(index < record.count ? record[index] : "")
            }
            items.append(.object(object))
        }
        return items
    }

    private static func article(_ word: String) -> String {
        word.first.map { "aeiou".contains($0) } == true ? "an" : "a"
    }
}

/// The records of a text delimited file, one at a time.
struct CSVRecords {
    let bytes: [UInt8]
    let delimiter: UInt8
    private var index = 0
    private var record = 1

    init(bytes: [UInt8], delimiter: UInt8) {
        self.bytes = bytes
        self.delimiter = delimiter
    }

    private static let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")
    private static let newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")

    /// The next record's fields; nil at the end. An empty line is no record.
    mutating func next() throws(ItemFormats.Malformed) -> [String]? {
        while index < bytes.count, bytes[index] == Self.newline || bytes[index] == Self.carriageReturn {
            if bytes[index] == Self.newline { record += 1 }
            index += 1
        }
        guard index < bytes.count else { return nil }
        let started = record
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var plain = true
        var fieldStart = index
        func close(_ end: Int) {
            if plain {
                fields.append(String(decoding: bytes[fieldStart..<end], as: UTF8.self))
            } else {
                fields.append(String(decoding: field, as: UTF8.self))
            }
            field.removeAll(keepingCapacity: true)
            plain = true
        }
        // A field is kept as a slice of the bytes until it needs unescaping.
        func unplain(_ end: Int) {
            if plain {
                field.append(contentsOf: bytes[fieldStart..<end])
                plain = false
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            if quoted {
                if byte == Self.quote {
                    if index + 1 < bytes.count, bytes[index + 1] == Self.quote {
                        field.append(Self.quote)
                        index += 2
                        continue
                    }
                    quoted = false
                } else if byte == Self.backslash, index + 1 < bytes.count {
                    field.append(bytes[index + 1])
                    index += 2
                    continue
                } else {
                    if byte == Self.newline { record += 1 }
                    field.append(byte)
                }
                index += 1
                continue
            }
            switch byte {
            case delimiter:
                close(index)
                index += 1
                fieldStart = index
            case Self.newline, Self.carriageReturn:
                close(index)
                if byte == Self.carriageReturn, index + 1 < bytes.count, bytes[index + 1] == Self.newline { index += 1 }
                index += 1
                record += 1
                return fields
            case Self.quote:
                unplain(index)
                // "You can preserve double quotes by repeating them", in a field not in quotes too.
                if index + 1 < bytes.count, bytes[index + 1] == Self.quote {
                    field.append(Self.quote)
                    index += 2
                } else {
                    quoted = true
                    index += 1
                }
            case Self.backslash:
                unplain(index)
                if index + 1 < bytes.count { field.append(bytes[index + 1]) }
                index += 2
            default:
                if !plain { field.append(byte) }
                index += 1
            }
        }
        if quoted {
            throw ItemFormats.Malformed(message: "The CSV record at line \(started) has a double quotation mark that is never closed.")
        }
        close(min(index, bytes.count))
        return fields
    }
}
