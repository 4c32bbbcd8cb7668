import Crypto
import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Workspace

/// Checks that a request is signed with Signature Version 4 by one of the configured access
/// keys, as AWS checks it, and answers what AWS answers when it is not
/// (docs/server.md#signature-version-4). Any region and service in the scope are accepted.
struct SigV4Verifier: Sendable {
    let credentials: Credentials
    /// The workspace's clock, which the request time is checked against.
    let now: @Sendable () -> Date

    /// How far X-Amz-Date may be from the server's time: RequestExpired in the Lambda API
    /// reference's "Common Errors" is a request that reached the service "more than 15 minutes
    /// after the date stamp", or dated "more than 15 minutes in the future".
    static let allowedSkew: TimeInterval = 15 * 60

    static let amzDate = HTTPField.Name("X-Amz-Date")!
    static let contentSHA256 = HTTPField.Name("X-Amz-Content-Sha256")!
    static let securityToken = HTTPField.Name("X-Amz-Security-Token")!

    /// Nil when `request` is signed by a configured key; else the error to answer. Reads the
    /// body (at most `Routes.bodyLimit` bytes) to hash it and keeps it in `request` for the route.
    func check(_ request: inout Request) async -> ServiceError? {
        do throws(SigV4Failure) {
            try await verify(&request)
            return nil
        } catch {
            return error.serviceError(restJSON: Routes.wireProtocol(of: request) == .restJSON)
        }
    }

    private func verify(_ request: inout Request) async throws(SigV4Failure) {
        guard let header = request.headers[.authorization] else {
            if request.uri.queryParameters["X-Amz-Signature"] != nil {
                throw .incomplete("host checks the signature of the Authorization header; a presigned request (X-Amz-Signature in the query) is not accepted")
            }
            throw .missingAuthenticationToken
        }
        let amzDate = request.headers[Self.amzDate]
        let authorization = try SigV4Authorization(header: header, hasDate: amzDate != nil || request.headers[.date] != nil)
        // host keeps long-term keys only, so no session token can be checked.
        guard request.headers[Self.securityToken] == nil,
              let secret = credentials.secretAccessKey(for: authorization.accessKeyId) else { throw .unrecognizedClient }
        guard let amzDate else {
            throw .incomplete("host reads the signing time from X-Amz-Date, which the request lacks (it has only a Date header)")
        }
        guard let time = SigV4Time.date(from: amzDate) else {
            throw .incomplete("Date must be in ISO-8601 'basic format'. Got '\(amzDate)'. See http://en.wikipedia.org/wiki/ISO_8601")
        }
        try authorization.checkScope(amzDate: amzDate)
        try checkTime(time, amzDate: amzDate)

        let body: ByteBuffer
        do throws(ServiceError) { body = try await Routes.collectBody(of: &request) } catch { throw .body(error) }
        let payloadHash = SigV4.hex(SHA256.hash(data: body.readableBytesView))
        if let declared = request.headers[Self.contentSHA256], declared != payloadHash {
            throw .invalidSignature("The provided 'x-amz-content-sha256' header does not match what was computed.")
        }
        let signed = SigV4Request(method: request.method.rawValue, path: request.uri.path, query: request.uri.query,
                                  headers: Self.headers(of: request), payloadHash: payloadHash)
        let canonicalRequest = SigV4.canonicalRequest(signed, signedHeaders: authorization.signedHeaders)
        let stringToSign = SigV4.stringToSign(canonicalRequest: canonicalRequest, amzDate: amzDate, scope: authorization.scope)
        let key = SigV4.signingKey(secretAccessKey: secret, date: authorization.date, region: authorization.region, service: authorization.service)
        guard SigV4.isValid(signature: authorization.signature, stringToSign: stringToSign, key: key) else {
            throw .mismatch(canonicalRequest: canonicalRequest, stringToSign: stringToSign)
        }
    }

    /// AWS's words for a request time outside the 15 minutes, with both bounds as it writes them.
    private func checkTime(_ time: Date, amzDate: String) throws(SigV4Failure) {
        let current = now()
        if time < current.addingTimeInterval(-Self.allowedSkew) {
            throw .invalidSignature("Signature expired: \(amzDate) is now earlier than "
                + "\(SigV4Time.text(current.addingTimeInterval(-Self.allowedSkew))) (\(SigV4Time.text(current)) - 15 min.)")
        }
        if time > current.addingTimeInterval(Self.allowedSkew) {
            throw .invalidSignature("Signature not yet current: \(amzDate) is still later than "
                + "\(SigV4Time.text(current.addingTimeInterval(Self.allowedSkew))) (\(SigV4Time.text(current)) + 15 min.)")
        }
    }

    /// The request's headers as sent; HTTP/1.1's `Host` reaches Hummingbird as the authority.
    private static func headers(of request: Request) -> [(name: String, value: String)] {
        var headers: [(name: String, value: String)] = []
        if let authority = request.head.authority { headers.append(("host", authority)) }
        for field in request.headers { headers.append((field.name.canonicalName, field.value)) }
        return headers
    }
}

/// X-Amz-Date's form, `YYYYMMDD'T'HHMMSS'Z'` in UTC (ISO 8601 basic format).
enum SigV4Time {
    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// The moment `text` names, or nil when it is not exactly that form or not a real time.
    static func date(from text: String) -> Date? {
        let characters = Array(text.utf8)
        guard characters.count == 16, characters[8] == UInt8(ascii: "T"), characters[15] == UInt8(ascii: "Z") else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            let digits = characters[range]
            guard digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else { return nil }
            return Int(String(decoding: digits, as: UTF8.self))
        }
        guard let year = number(0..<4), let month = number(4..<6), let day = number(6..<8), let hour = number(9..<11),
              let minute = number(11..<13), let second = number(13..<15) else { return nil }
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard let date = calendar.date(from: components), text == Self.text(date) else { return nil }
        return date
    }

    static func text(_ date: Date) -> String {
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func two(_ value: Int?) -> String { value.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "00" }
        return String(format: "%04d", parts.year ?? 0) + two(parts.month) + two(parts.day) + "T" + two(parts.hour) + two(parts.minute)
            + two(parts.second) + "Z"
    }
}
