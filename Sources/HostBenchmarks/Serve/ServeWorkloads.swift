import JSONValue

/// The machines and the calls of the `serve.*` figures, and the checks of every answer: an
/// answer that is not what Step Functions answers fails the run.
enum ServeWorkloads {
    static let passDefinition = #"{"StartAt":"Pass","States":{"Pass":{"Type":"Pass","End":true}}}"#

    static func waitDefinition(seconds: Int) -> String {
        #"{"StartAt":"Park","States":{"Park":{"Type":"Wait","Seconds":\#(seconds),"Next":"Done"},"Done":{"Type":"Pass","End":true}}}"#
    }

    static func machineArn(_ machine: String) -> String { "arn:aws:states:us-east-1:123456789012:stateMachine:\(machine)" }

    static func executionArn(_ machine: String, _ name: String) -> String {
        "arn:aws:states:us-east-1:123456789012:execution:\(machine):\(name)"
    }

    /// CreateStateMachine (moto has no `machines/` folder).
    static func createMachine(_ name: String, _ definition: String) -> Call {
        Call(operation: "CreateStateMachine", body: JSONValue.object([
            "name": .string(name), "definition": .string(definition),
            "roleArn": .string("arn:aws:iam::123456789012:role/service-role/StepFunctions-\(name)-role"),
        ]).compactString(), executionArn: "")
    }

    /// StartExecution of `machine`, named `PREFIX-CLIENT-INDEX`, with `{"client":C,"index":I}`.
    static func startCall(machine: String, prefix: String, client: Int, index: Int) -> Call {
        let name = "\(prefix)-\(client)-\(index)"
        let input = #"{"client":\#(client),"index":\#(index)}"#
        return Call(operation: "StartExecution", body: JSONValue.object([
            "stateMachineArn": .string(machineArn(machine)), "name": .string(name), "input": .string(input),
        ]).compactString(), executionArn: executionArn(machine, name), input: input)
    }

    static func describeCall(of start: Call) -> Call {
        Call(operation: "DescribeExecution", body: JSONValue.object(["executionArn": .string(start.executionArn)]).compactString(),
             executionArn: start.executionArn, input: start.input)
    }

    /// A round trip: StartExecution, then DescribeExecution of what it started, which must be
    /// RUNNING, or SUCCEEDED with the input as output (a Pass state passes its input on).
    static func startAndDescribe(machine: String, prefix: String) -> Workload {
        Workload(first: { client, index in startCall(machine: machine, prefix: prefix, client: client, index: index) },
                 next: { call, status, answer throws(LoadError) in
            try checkAbout(call, status, answer)
            guard call.operation == "StartExecution" else {
                return .done(note: try checkDescribed(call, answer, allowRunning: true))
            }
            return .call(describeCall(of: call))
        })
    }

    /// StartExecution alone.
    static func start(machine: String, prefix: String) -> Workload {
        Workload(first: { client, index in startCall(machine: machine, prefix: prefix, client: client, index: index) },
                 next: { call, status, answer throws(LoadError) in
            try checkAbout(call, status, answer)
            return .done(note: "started")
        })
    }

    /// DescribeExecution of each execution `start(machine:prefix:)` started with `clients`
    /// clients: each must have SUCCEEDED with its input as output, `waited` seconds or more
    /// after it started.
    static func describeEnded(machine: String, prefix: String, waited: Int, clients: Int) -> Workload {
        Workload(first: { client, index in describeCall(of: startCall(machine: machine, prefix: prefix, client: client, index: index)) },
                 next: { call, status, answer throws(LoadError) in
            try checkAbout(call, status, answer)
            let note = try checkDescribed(call, answer, allowRunning: false)
            guard let start = answer["startDate"]?.doubleValue, let stop = answer["stopDate"]?.doubleValue,
                  stop - start >= Double(waited) - 0.001 else {
                throw LoadError("\(call.executionArn) ended before its \(waited) s Wait did: \(answer.compactString())")
            }
            return .done(note: note)
        })
    }

    /// HTTP 200, about the execution the call named or started.
    private static func checkAbout(_ call: Call, _ status: Int, _ answer: JSONValue) throws(LoadError) {
        guard status == 200 else { throw LoadError("\(call.operation) answered \(status): \(answer.compactString())") }
        guard answer["executionArn"]?.stringValue == call.executionArn else {
            throw LoadError("\(call.operation) of \(call.executionArn) answered \(answer.compactString())")
        }
    }

    /// The status DescribeExecution gave: SUCCEEDED with the input as output (compared as
    /// JSON: moto writes `{"a": 1}` for `{"a":1}`), or RUNNING when allowed.
    private static func checkDescribed(_ call: Call, _ answer: JSONValue, allowRunning: Bool) throws(LoadError) -> String {
        switch answer["status"]?.stringValue {
        case "RUNNING" where allowRunning:
            return "RUNNING"
        case "SUCCEEDED":
            guard let input = call.input, let output = answer["output"]?.stringValue,
                  let expected = try? JSONValue.parse(input), (try? JSONValue.parse(output)) == expected else {
                throw LoadError("\(call.executionArn) SUCCEEDED with another output than its input: \(answer.compactString())")
            }
            return "SUCCEEDED"
        default:
            throw LoadError("DescribeExecution of \(call.executionArn): \(answer.compactString())")
        }
    }
}
