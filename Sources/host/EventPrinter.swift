import Foundation
import JSONValue
import Workspace

/// Formats log events as `aws logs tail` prints them.
struct EventPrinter {
    var format: EventFormat
    var colour: Bool

    func line(for event: LogEvent) -> String {
        switch format {
        case .short:
            return "\(paint(Self.shortTime(event.timestamp), .green)) \(event.message)"
        case .detailed:
            return "\(paint(Self.detailedTime(event.timestamp), .green)) \(paint(event.streamName, .cyan)) \(event.message)"
        case .json:
            var message = event.message
            if let value = try? JSONValue.parse(message), value.objectValue != nil || value.arrayValue != nil {
                message = value.prettyString()
            }
            return "\(paint(Self.detailedTime(event.timestamp), .green)) \(paint(event.streamName, .cyan)) \(message)"
        }
    }

    /// `2024-01-01T00:00:00.123000+00:00`, Python's isoformat as `aws logs tail` shows it.
    /// Built from the stored milliseconds as integers, so no rounding can move a line.
    static func detailedTime(_ milliseconds: Int64) -> String {
        let fraction = String(Int(milliseconds.remainderReportingOverflow(dividingBy: 1000).partialValue + 1000) % 1000)
        return shortTime(milliseconds) + "." + String(repeating: "0", count: 3 - fraction.count) + fraction + "000+00:00"
    }

    /// `2024-01-01T00:00:00`
    static func shortTime(_ milliseconds: Int64) -> String {
        let seconds = milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
        let date = Date(timeIntervalSince1970: TimeInterval(seconds))
        return String(date.formatted(Date.ISO8601FormatStyle(timeZone: .gmt)).dropLast())
    }

    private func paint(_ text: String, _ colour: Terminal.Colour) -> String {
        colour.apply(to: text, if: self.colour)
    }
}

enum Terminal {
    enum Colour: String {
        case green = "32", cyan = "36", red = "31", yellow = "33"

        func apply(to text: String, if enabled: Bool) -> String {
            enabled ? "\u{1B}[\(rawValue)m\(text)\u{1B}[0m" : text
        }
    }

    static var isTerminal: Bool { isatty(STDOUT_FILENO) != 0 }

    /// Colour only on a terminal, and never when NO_COLOR is set.
    static var usesColour: Bool {
        isTerminal && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
    }
}

/// A group as `host logs groups --output json` prints it: DescribeLogGroups' members that
/// host keeps.
extension LogGroup {
    var json: JSONValue {
        var object: JSONObject = [
            "logGroupName": .string(name),
            "creationTime": .int(creationTime),
        ]
        if let retentionInDays { object["retentionInDays"] = .int(Int64(retentionInDays)) }
        object["storedBytes"] = .int(storedBytes)
        object["arn"] = .string(arn)
        return .object(object)
    }
}

/// A stream as `host logs streams --output json` prints it, in DescribeLogStreams' shape.
extension LogStream {
    var json: JSONValue {
        var object: JSONObject = ["logStreamName": .string(name), "creationTime": .int(creationTime)]
        if let firstEventTimestamp { object["firstEventTimestamp"] = .int(firstEventTimestamp) }
        if let lastEventTimestamp { object["lastEventTimestamp"] = .int(lastEventTimestamp) }
        if let lastIngestionTime { object["lastIngestionTime"] = .int(lastIngestionTime) }
        object["arn"] = .string(arn)
        object["storedBytes"] = .int(storedBytes)
        return .object(object)
    }
}
