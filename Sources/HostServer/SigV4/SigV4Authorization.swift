import Foundation

/// The `Authorization` header of a SigV4 request:
/// `AWS4-HMAC-SHA256 Credential=KEY/DATE/REGION/SERVICE/aws4_request, SignedHeaders=a;b, Signature=HEX`.
/// What does not parse is refused with the IncompleteSignatureException AWS answers
/// (docs/server.md#errors).
struct SigV4Authorization: Equatable {
    var accessKeyId: String
    /// The scope's `YYYYMMDD`.
    var date: String
    var region: String
    var service: String
    var terminator: String
    var signedHeaders: [String]
    var signature: String

    /// SigV4a's algorithm, which signs for several regions with an ECDSA key.
    static let sigV4a = "AWS4-ECDSA-P256-SHA256"

    /// `DATE/REGION/SERVICE/aws4_request`, as the string to sign repeats it.
    var scope: String { [date, region, service, terminator].joined(separator: "/") }

    /// Reads `header`; `hasDate` says whether the request has `X-Amz-Date` or `Date`, which
    /// AWS reports missing in the same message as the header's missing parameters.
    init(header: String, hasDate: Bool) throws(SigV4Failure) {
        let space = header.firstIndex(of: " ")
        let algorithm = space.map { String(header[..<$0]) } ?? header
        if algorithm == Self.sigV4a {
            throw .incomplete("host checks \(SigV4.algorithm) signatures only, not SigV4a's '\(algorithm)'")
        }
        var parameters: [String: String] = [:]
        // Another scheme's header (SigV2's `AWS KEY:SIGNATURE`, a bearer token) is read as
        // having no parameters, as AWS reads it. AWS splits the list at commas and spaces
        // alike: `Credential= KEY/...` makes `KEY/...` an item of its own, without `=`.
        if algorithm == SigV4.algorithm, let space {
            for item in header[header.index(after: space)...].split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" }) {
                guard let equals = item.firstIndex(of: "=") else {
                    throw .incomplete("'\(item)' not a valid key=value pair (missing equal-sign) in Authorization header: '\(header)'.")
                }
                parameters[String(item[..<equals])] = String(item[item.index(after: equals)...])
            }
        }
        var missing: [String] = []
        for name in ["Credential", "Signature", "SignedHeaders"] where parameters[name] == nil {
            missing.append("Authorization header requires '\(name)' parameter.")
        }
        if !hasDate { missing.append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.") }
        if !missing.isEmpty { throw .incomplete((missing + ["Authorization=\(header)"]).joined(separator: " ")) }
        let credential = parameters["Credential"]!
        let elements = credential.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
        guard elements.count == 5 else {
            throw .incomplete("Credential must have exactly 5 slash-delimited elements, e.g. keyid/date/region/service/term, got '\(credential)'")
        }
        accessKeyId = elements[0]
        date = elements[1]
        region = elements[2]
        service = elements[3]
        terminator = elements[4]
        signedHeaders = parameters["SignedHeaders"]!.split(separator: ";").map(String.init)
        signature = parameters["Signature"]!
    }

    /// The scope's date must be X-Amz-Date's day, and the scope must end in `aws4_request`;
    /// any region and service are accepted.
    func checkScope(amzDate: String) throws(SigV4Failure) {
        guard terminator == SigV4.terminator else {
            throw .invalidSignature("Credential should be scoped with a valid terminator: '\(SigV4.terminator)', not '\(terminator)'.")
        }
        let day = String(amzDate.prefix(8))
        guard date == day else {
            throw .invalidSignature("Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: "
                + "'\(date)' != '\(day)', from '\(amzDate)'.")
        }
    }
}
