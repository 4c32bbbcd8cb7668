import JSONValue

extension DefinitionDecoder {
    /// The largest timeout AWS accepts for Task and top-level TimeoutSeconds and HeartbeatSeconds
    /// ("MUST be less than 99999999" in statelint's rules; AWS accepts 99999999 itself).
    static let maximumSeconds = 99_999_999

    /// A Task state's own fields.
    func decodeTask(_ fields: ObjectFields, language: QueryLanguage) -> TaskState {
        // "A Task State MUST have a string field named "Resource"". Its form is not checked:
        // `host` resolves the function from whatever the name ends with.
        require(["Resource"], in: fields)
        let resource = string("Resource", in: fields) ?? ""
        // "TimeoutSeconds ... MUST be a positive integer"; likewise HeartbeatSeconds.
        let timeout = dynamicInt("TimeoutSeconds", pathKey: "TimeoutSecondsPath", in: fields, range: 1...Self.maximumSeconds, language: language)
        let heartbeat = dynamicInt("HeartbeatSeconds", pathKey: "HeartbeatSecondsPath", in: fields, range: 1...Self.maximumSeconds, language: language)
        // "If provided, the "HeartbeatSeconds" interval MUST be smaller than the "TimeoutSeconds" value."
        if let timeout = timeout?.value, let heartbeat = heartbeat?.value, heartbeat >= timeout {
            error("HeartbeatSeconds (\(heartbeat)) must be smaller than TimeoutSeconds (\(timeout)).", at: fields.at("HeartbeatSeconds"))
        }
        let credentials = payload("Credentials", in: fields, language: language)
        return TaskState(resource: resource, timeoutSeconds: timeout, heartbeatSeconds: heartbeat, credentials: credentials)
    }
}
