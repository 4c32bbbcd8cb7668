import JSONValue

extension DefinitionDecoder {
    /// A Parallel state's branches: "A Parallel State MUST contain a field named "Branches"
    /// which is an array whose elements MUST be objects", each a machine of its own scope.
    func decodeParallel(_ fields: ObjectFields) -> ParallelState {
        require(["Branches"], in: fields)
        let branches = nonEmptyArray("Branches", in: fields, of: "branches") ?? []
        return ParallelState(branches: branches.enumerated().compactMap { index, branch in
            decodeMachine(branch, at: fields.at("Branches") + [.index(index)], kind: .branch)
        })
    }
}
