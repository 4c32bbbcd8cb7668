import Foundation
import Identifiers

/// One Map Run: its ARN, "arn:aws:states:REGION:ACCOUNT:mapRun:MACHINE/LABEL:ID", and its
/// children's identities, "arn:...:execution:MACHINE/LABEL:NAME" (docs/distributed-map.md).
struct MapRun: Sendable {
    let region: String
    let account: String
    let roleArn: String
    /// `MACHINE/LABEL`: the parent's machine and the Map's `Label`, or else a generated one.
    let labelledMachine: String
    let id: String

    /// A new Map Run of `parent`'s.
    init(parent: ExecutionIdentity, label: String?) {
        region = parent.region
        account = parent.account
        roleArn = parent.roleArn
        labelledMachine = "\(parent.machineName)/\(label ?? RandomIdentifier.lowercased())"
        id = RandomIdentifier.lowercased()
    }

    /// The Map Run of a recorded `MapRunStarted`'s ARN; nil when it is not one.
    init?(arn: String, roleArn: String) {
        let parts = arn.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 8, parts[5] == "mapRun", parts[6].contains("/") else { return nil }
        (region, account, self.roleArn, labelledMachine, id) = (parts[3], parts[4], roleArn, parts[6], parts[7])
    }

    var arn: String { "arn:aws:states:\(region):\(account):mapRun:\(labelledMachine):\(id)" }

    /// The labelled state machine the children run.
    var stateMachineArn: String { "arn:aws:states:\(region):\(account):stateMachine:\(labelledMachine)" }

    /// The identity of the child that runs item `index`, under the labelled machine. Its
    /// name, in the form of a UUID, is made from the Map Run and the index, so that a resumed
    /// Map Run finds its children again; an EXPRESS child gets an Express execution's id.
    func childIdentity(index: Int, express: Bool) -> ExecutionIdentity {
        ExecutionIdentity(machineName: labelledMachine, executionName: Self.uuidText(of: "\(arn)#\(index)"),
                          region: region, account: account, roleArn: roleArn,
                          expressId: express ? RandomIdentifier.lowercased() : nil)
    }

    /// 128 bits of `text` (two FNV-1a hashes) written as a UUID is.
    static func uuidText(of text: String) -> String {
        func fnv(_ seed: UInt64) -> UInt64 {
            text.utf8.reduce(seed) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
        }
        let hex = String(format: "%016llx%016llx", fnv(0xcbf2_9ce4_8422_2325), fnv(0x8422_2325_cbf2_9ce4))
        let digits = Array(hex)
        return [0..<8, 8..<12, 12..<16, 16..<20, 20..<32].map { String(digits[$0]) }.joined(separator: "-")
    }
}
