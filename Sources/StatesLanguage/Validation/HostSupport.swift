import JSONValue

/// What `host` does not run yet, reported as `unsupported` diagnostics at their place: valid
/// definitions that cannot run here, refused before anything runs rather than run wrongly.
///
/// - Task resources other than Lambda functions (a function ARN, `lambda:invoke`, or its
///   `.waitForTaskToken` callback form) and the integrations (with their patterns) of
///   `TaskResource.integrations` (docs/integrations.md), and `Credentials`, since `host`
///   assumes no roles;
/// - lambda:invoke's client contexts;
/// - `Label` on an inline Map, which has no Map Run to name (a Distributed Map's `ItemReader`,
///   `ItemBatcher` and `ResultWriter` are checked where they are decoded).
extension DefinitionDecoder {
    /// One state's fields.
    func checkHostSupport(state type: StateType, fields: ObjectFields, language: QueryLanguage) {
        switch type {
        case .task: checkTask(fields, language: language)
        case .map:
            // ItemReader, ItemBatcher and ResultWriter run over the workspace's buckets, in a
            // Distributed Map only (docs/distributed-map.md).
            for key in ["ItemReader", "ItemBatcher", "ResultWriter"] where fields.has(key) && !Self.isDistributed(fields) {
                error("'\(key)' is a field of a Distributed Map; this Map runs inline (ProcessorConfig.Mode is not DISTRIBUTED).", at: fields.at(key), atKey: true)
            }
            if fields.has("Label") && !Self.isDistributed(fields) {
                unsupported("host reads 'Label' only on a Distributed Map, where it names the Map Run; this Map runs inline.", at: fields.at("Label"), atKey: true)
            } else if let label = fields["Label"]?.stringValue, label.contains(where: { $0 == ":" || $0 == "/" }) {
                // The Map Run is `arn:...:mapRun:MACHINE/LABEL:ID` (docs/distributed-map.md).
                unsupported("host names a Map Run 'MACHINE/LABEL:ID', where a 'Label' with ':' or '/' would not read back as one name.", at: fields.at("Label"))
            }
        default: break
        }
    }

    /// Whether a Map's `ItemProcessor` (or `Iterator`) says `"Mode": "DISTRIBUTED"`.
    private static func isDistributed(_ fields: ObjectFields) -> Bool {
        let processor = fields["ItemProcessor"] ?? fields["Iterator"]
        return processor?.objectValue?["ProcessorConfig"]?.objectValue?["Mode"] == "DISTRIBUTED"
    }

    private func checkTask(_ fields: ObjectFields, language: QueryLanguage) {
        if fields.has("Credentials") {
            unsupported("host assumes no IAM roles, so it does not run a Task's 'Credentials'.", at: fields.at("Credentials"), atKey: true)
        }
        guard let resource = fields["Resource"]?.stringValue else { return }
        let kind = TaskResource(resource)
        guard kind.isRunnable else {
            return unsupported(
                "host does not run the resource '\(resource)' yet; it runs Lambda functions, by their ARN or through arn:aws:states:::lambda:invoke (and its .waitForTaskToken), and the service integrations docs/integrations.md lists.",
                at: fields.at("Resource"))
        }
        if case .integration(let type, let action) = kind, let request = fields[language == .jsonata ? "Arguments" : "Parameters"]?.objectValue {
            checkIntegration(type, action, request, at: fields.at(language == .jsonata ? "Arguments" : "Parameters"))
        }
        // JSONPath states give the request in Parameters, JSONata states in Arguments.
        let request = language == .jsonata ? "Arguments" : "Parameters"
        if kind == .lambdaInvoke || kind == .lambdaInvokeWaitForTaskToken, let parameters = fields[request]?.objectValue {
            checkLambdaInvoke(parameters, at: fields.at(request))
        }
    }

    /// The request fields of Lambda's Invoke that `lambda:invoke` takes: "FunctionName,
    /// Payload, InvocationType, LogType, ClientContext, Qualifier" (Step Functions' Lambda
    /// integration). Others are refused, as AWS refuses them.
    private func checkLambdaInvoke(_ parameters: JSONObject, at path: [JSONPathComponent]) {
        let names = Set(parameters.keys.map { $0.hasSuffix(".$") ? String($0.dropLast(2)) : $0 })
        if !names.contains("FunctionName") { error("The field 'FunctionName' is required.", at: path) }
        for key in parameters.keys {
            let name = key.hasSuffix(".$") ? String(key.dropLast(2)) : key
            switch name {
            case "FunctionName", "Payload", "LogType", "Qualifier":
                continue
            case "InvocationType" where key.hasSuffix(".$") || ["RequestResponse", "Event", "DryRun"].contains(parameters[key]?.stringValue ?? ""):
                continue
            case "InvocationType":
                error("The value of 'InvocationType' must be one of RequestResponse, Event, DryRun (Lambda's Invoke).", at: path + [.key(key)])
            case "ClientContext":
                unsupported("host runs invocations without a client context; it does not run '\(key)' yet.", at: path + [.key(key)], atKey: true)
            default:
                let known = ["FunctionName", "Payload", "InvocationType", "LogType", "ClientContext", "Qualifier"]
                error("The field '\(name)' is not supported by Step Functions.\(Suggestion.didYouMean(name, among: known))", at: path + [.key(key)], atKey: true)
            }
        }
    }

}
