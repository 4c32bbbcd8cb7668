import JSONValue
import Workspace

/// The body of an AWS JSON protocol request (`X-Amz-Target` and a JSON object), read as the
/// service reads it: a field of the wrong type is SerializationException, a missing required
/// one ValidationException in AWS's words.
struct AWSRequest: Sendable {
    /// `StartExecution` of `AWSStepFunctions.StartExecution`.
    let operation: String
    let body: JSONObject

    init(operation: String, bytes: some Collection<UInt8>) throws(ServiceError) {
        self.operation = operation
        guard !bytes.isEmpty else {
            body = [:]
            return
        }
        let value: JSONValue
        do { value = try JSONValue.parse(bytes: bytes) } catch {
            throw ServiceError(.serialization, "The request body is not valid JSON: \(error.message) at line \(error.line), column \(error.column)")
        }
        guard case .object(let object) = value else {
            throw ServiceError(.serialization, "The request body must be a JSON object, not \(value.typeName)")
        }
        body = object
    }

    /// A member object of a request, read with the same rules (PutEvents' entries).
    init(operation: String, body: JSONObject) {
        self.operation = operation
        self.body = body
    }

    func string(_ field: String) throws(ServiceError) -> String {
        guard let value = try optionalString(field) else { throw Self.missing(field) }
        return value
    }

    func optionalString(_ field: String) throws(ServiceError) -> String? {
        switch body[field] {
        case nil, .null?: return nil
        case .string(let text)?: return text
        case let other?: throw Self.wrongType(field, other, "a string")
        }
    }

    func optionalInt(_ field: String) throws(ServiceError) -> Int? {
        switch body[field] {
        case nil, .null?: return nil
        case let value? where value.intValue != nil: return Int(clamping: value.intValue!)
        case let other?: throw Self.wrongType(field, other, "an integer")
        }
    }

    /// Epoch milliseconds given as a number.
    func optionalMilliseconds(_ field: String) throws(ServiceError) -> Int64? {
        switch body[field] {
        case nil, .null?: return nil
        case let value? where value.intValue != nil: return value.intValue!
        case let other?: throw Self.wrongType(field, other, "a number of milliseconds")
        }
    }

    func optionalBool(_ field: String) throws(ServiceError) -> Bool? {
        switch body[field] {
        case nil, .null?: return nil
        case .bool(let flag)?: return flag
        case let other?: throw Self.wrongType(field, other, "true or false")
        }
    }

    func optionalStrings(_ field: String) throws(ServiceError) -> [String]? {
        switch body[field] {
        case nil, .null?: return nil
        case .array(let elements)?:
            var strings: [String] = []
            for element in elements {
                guard case .string(let text) = element else { throw Self.wrongType(field, element, "a list of strings") }
                strings.append(text)
            }
            return strings
        case let other?: throw Self.wrongType(field, other, "a list of strings")
        }
    }

    /// Tags as Step Functions takes them: `[{"key": ..., "value": ...}]`.
    func tags(_ field: String, keyName: String = "key", valueName: String = "value") throws(ServiceError) -> [String: String] {
        guard let value = body[field], value != .null else { return [:] }
        guard case .array(let elements) = value else { throw Self.wrongType(field, value, "a list of tags") }
        var tags: [String: String] = [:]
        for element in elements {
            guard let key = element[keyName]?.stringValue else { throw Self.wrongType(field, element, "a tag with a \(keyName)") }
            tags[key] = element[valueName]?.stringValue ?? ""
        }
        return tags
    }

    /// "1 validation error detected: Value null at 'stateMachineArn' failed to satisfy
    /// constraint: Member must not be null".
    static func missing(_ field: String) -> ServiceError {
        ServiceError(.validation, "1 validation error detected: Value null at '\(field)' failed to satisfy constraint: Member must not be null")
    }

    static func wrongType(_ field: String, _ value: JSONValue, _ expected: String) -> ServiceError {
        ServiceError(.serialization, "'\(field)' must be \(expected), not \(value.typeName)")
    }
}
