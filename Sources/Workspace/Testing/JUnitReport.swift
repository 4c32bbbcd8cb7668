import Foundation

/// Workflow test results as JUnit XML, the common schema CI systems read: one `testsuite` per
/// test file, one `testcase` per test, a `failure` for each that failed.
public enum JUnitReport {
    public static func xml(_ results: [WorkflowTestResult]) -> String {
        var files: [String] = []
        var byFile: [String: [WorkflowTestResult]] = [:]
        for result in results {
            if byFile[result.test.file] == nil { files.append(result.test.file) }
            byFile[result.test.file, default: []].append(result)
        }
        let failures = results.filter { !$0.passed }.count
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites name=\"host test\" tests=\"\(results.count)\" failures=\"\(failures)\" errors=\"0\" time=\"\(seconds(results))\">\n"
        for file in files {
            let suite = byFile[file] ?? []
            xml += "  <testsuite name=\"\(escape(file))\" tests=\"\(suite.count)\" failures=\"\(suite.filter { !$0.passed }.count)\" errors=\"0\" skipped=\"0\" time=\"\(seconds(suite))\">\n"
            for result in suite {
                let open = "    <testcase name=\"\(escape(result.test.name))\" classname=\"\(escape(result.machine.name))\" time=\"\(format(result.seconds))\""
                guard let failure = result.failure else {
                    xml += open + "/>\n"
                    continue
                }
                let detail = failure + "\nstates entered: " + result.trace.pathText
                xml += open + ">\n"
                xml += "      <failure message=\"\(escape(failure))\" type=\"WorkflowTestFailure\">\(escape(detail))</failure>\n"
                xml += "    </testcase>\n"
            }
            xml += "  </testsuite>\n"
        }
        return xml + "</testsuites>\n"
    }

    private static func seconds(_ results: [WorkflowTestResult]) -> String { format(results.reduce(0) { $0 + $1.seconds }) }

    private static func format(_ seconds: Double) -> String { String(format: "%.3f", seconds) }

    /// Text as XML character data or an attribute value; characters XML 1.0 cannot hold at all
    /// (control characters other than tab, LF and CR) become U+FFFD.
    static func escape(_ text: String) -> String {
        var escaped = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&apos;"
            case "\n": escaped += "&#10;"
            case "\r": escaped += "&#13;"
            case "\t": escaped += "&#9;"
            default:
                if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF {
                    escaped += "\u{FFFD}"
                } else {
                    escaped.unicodeScalars.append(scalar)
                }
            }
        }
        return escaped
    }
}
