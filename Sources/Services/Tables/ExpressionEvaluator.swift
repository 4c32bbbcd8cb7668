import Foundation
import LuaSandbox

/// Evaluates expressions against one item.
struct ExpressionEvaluator {
    let item: AttributeMap

    /// An operand's value in a condition; nil when it names an attribute the item lacks.
    func value(_ operand: Operand) -> AttributeValue? {
        switch operand {
        case .path(let path): item.value(at: path)
        case .value(let value): value
        case .size(let path): item.value(at: path)?.size.map { .number(DynamoNumber($0)) }
        case .ifNotExists, .listAppend, .plus, .minus: nil
        }
    }

    /// Whether the condition holds for the item.
    func holds(_ condition: Condition) -> Bool {
        switch condition {
        case .and(let a, let b): return holds(a) && holds(b)
        case .or(let a, let b): return holds(a) || holds(b)
        case .not(let a): return !holds(a)
        case .exists(let path): return item.value(at: path) != nil
        case .notExists(let path): return item.value(at: path) == nil
        case .compare(let left, let comparator, let right):
            let a = value(left), b = value(right)
            switch comparator {
            case .equal: return a != nil && a == b
            // A missing attribute is unequal to any value.
            case .notEqual: return a == nil || b == nil || a != b
            default:
                guard let a, let b, let order = AttributeValue.compare(a, b) else { return false }
                switch comparator {
                case .less: return order == .orderedAscending
                case .lessOrEqual: return order != .orderedDescending
                case .greater: return order == .orderedDescending
                default: return order != .orderedAscending
                }
            }
        case .between(let operand, let low, let high):
            guard let a = value(operand), let lo = value(low), let hi = value(high),
                  let lower = AttributeValue.compare(a, lo), let upper = AttributeValue.compare(a, hi) else { return false }
            return lower != .orderedAscending && upper != .orderedDescending
        case .isIn(let operand, let options):
            guard let a = value(operand) else { return false }
            return options.contains { value($0) == a }
        case .hasType(let path, let type):
            guard let found = item.value(at: path), case .string(let name)? = value(type) else { return false }
            return found.typeName == name
        case .beginsWith(let operand, let prefix):
            switch (value(operand), value(prefix)) {
            case (.string(let s)?, .string(let p)?): return s.utf8.starts(with: p.utf8)
            case (.binary(let b)?, .binary(let p)?): return b.starts(with: p)
            default: return false
            }
        case .contains(let operand, let element):
            guard let container = value(operand), let element = value(element) else { return false }
            switch (container, element) {
            case (.string(let s), .string(let part)): return part.isEmpty || s.contains(part)
            case (.stringSet(let set), .string(let e)): return set.contains(e)
            case (.numberSet(let set), .number(let e)): return set.contains(e)
            case (.binarySet(let set), .binary(let e)): return set.contains(e)
            case (.list(let list), _): return list.contains(element)
            default: return false
            }
        }
    }

    /// The value a SET action's right side stands for, with DynamoDB's errors.
    func updateValue(_ operand: Operand) throws(HostCallError) -> AttributeValue {
        switch operand {
        case .value(let value):
            return value
        case .path(let path):
            guard let value = item.value(at: path) else { throw Self.missingAttribute }
            return value
        case .size:
            throw Self.incorrectType
        case .ifNotExists(let path, let fallback):
            if let value = item.value(at: path) { return value }
            return try updateValue(fallback)
        case .listAppend(let first, let second):
            guard case .list(let a) = try updateValue(first), case .list(let b) = try updateValue(second) else {
                throw Self.incorrectType
            }
            return .list(a + b)
        case .plus(let first, let second), .minus(let first, let second):
            guard case .number(let a) = try updateValue(first), case .number(let b) = try updateValue(second) else {
                throw Self.incorrectType
            }
            let result: DynamoNumber
            if case .plus = operand { result = a + b } else { result = a - b }
            do { try result.checkRange() } catch { throw .validation(error.message) }
            return .number(result)
        }
    }

    static let missingAttribute = HostCallError.validation("The provided expression refers to an attribute that does not exist in the item")
    static let incorrectType = HostCallError.validation("An operand in the update expression has an incorrect data type")
    static let invalidPath = HostCallError.validation("The document path provided in the update expression is invalid for update")

    /// The item after the actions. Every action reads the item as it was before the update
    /// ("DynamoDB evaluates every action against the item's attribute values as they were
    /// before the update", Update expressions); list indexes name the elements the list had
    /// before, so removals go from the last index down, and appends in index order.
    static func apply(_ actions: [UpdateAction], to original: AttributeMap) throws(HostCallError) -> AttributeMap {
        let evaluator = ExpressionEvaluator(item: original)
        var sets: [(DocumentPath, AttributeValue)] = []
        for case .set(let path, let operand) in actions { sets.append((path, try evaluator.updateValue(operand))) }
        var item = original
        for (path, value) in sets.sorted(by: { lastIndex($0.0) < lastIndex($1.0) }) {
            guard item.set(value, at: path) else { throw invalidPath }
        }
        for action in actions {
            switch action {
            case .add(let path, let value):
                guard let current = item.value(at: path) else {
                    guard item.set(value, at: path) else { throw invalidPath }
                    continue
                }
                guard let sum = added(current, value) else { throw incorrectType }
                if case .number(let number) = sum {
                    do { try number.checkRange() } catch { throw .validation(error.message) }
                }
                guard item.set(sum, at: path) else { throw invalidPath }
            case .delete(let path, let value):
                guard let current = item.value(at: path) else { continue }
                guard let rest = removed(value, from: current) else { throw incorrectType }
                guard rest.size == 0 ? item.remove(at: path) : item.set(rest, at: path) else { throw invalidPath }
            case .set, .remove:
                continue
            }
        }
        for case .remove(let path) in actions.sorted(by: { lastIndex($0.path) > lastIndex($1.path) }) {
            guard item.remove(at: path) else { throw invalidPath }
        }
        return item
    }

    private static func lastIndex(_ path: DocumentPath) -> Int {
        if case .index(let index)? = path.elements.last { return index }
        return -1
    }

    /// ADD's sum of numbers or union of sets; nil for other types.
    static func added(_ current: AttributeValue, _ value: AttributeValue) -> AttributeValue? {
        switch (current, value) {
        case (.number(let a), .number(let b)): .number(a + b)
        case (.stringSet(let a), .stringSet(let b)): .stringSet(a + b.filter { !a.contains($0) })
        case (.numberSet(let a), .numberSet(let b)): .numberSet(a + b.filter { !a.contains($0) })
        case (.binarySet(let a), .binarySet(let b)): .binarySet(a + b.filter { !a.contains($0) })
        default: nil
        }
    }

    /// DELETE's difference of sets; nil when the types differ.
    static func removed(_ value: AttributeValue, from current: AttributeValue) -> AttributeValue? {
        switch (current, value) {
        case (.stringSet(let a), .stringSet(let b)): .stringSet(a.filter { !b.contains($0) })
        case (.numberSet(let a), .numberSet(let b)): .numberSet(a.filter { !b.contains($0) })
        case (.binarySet(let a), .binarySet(let b)): .binarySet(a.filter { !b.contains($0) })
        default: nil
        }
    }
}
