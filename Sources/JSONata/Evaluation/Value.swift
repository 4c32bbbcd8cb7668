import JSONValue
import OrderedCollections

/// A value while an expression runs: JSON's values, plus undefined (nothing at all, which is
/// not null), functions, and arrays that carry JSONata's sequence flags.
///
/// Objects are shared by reference, as in JavaScript: the `in` operator compares them by
/// identity, and a transform (`| pattern | update |`) changes the copy it made in place.
enum Value {
    /// Nothing: a path that selects nothing, a missing argument. Never inside an array or object.
    case undefined
    case null
    case bool(Bool)
    /// JSONata's one number type: an IEEE-754 double, always finite.
    case number(Double)
    case string(String)
    case array([Value], ArrayFlags)
    case object(ObjectBox)
    case function(FunctionValue)

    static var emptySequence: Value { .array([], .sequence) }
    static var emptyString: Value { .string("") }

    /// A sequence of one value, as jsonata-js's `createSequence(value)`.
    static func sequence(_ values: [Value]) -> Value { .array(values, .sequence) }

    var isUndefined: Bool { if case .undefined = self { return true } else { return false } }
    var isArray: Bool { if case .array = self { return true } else { return false } }
    var isFunction: Bool { if case .function = self { return true } else { return false } }
    var isNumber: Bool { if case .number = self { return true } else { return false } }
    var isString: Bool { if case .string = self { return true } else { return false } }

    /// The elements when the value is an array (of any kind).
    var arrayItems: [Value]? { if case .array(let items, _) = self { return items } else { return nil } }
    var arrayFlags: ArrayFlags { if case .array(_, let flags) = self { return flags } else { return [] } }
    /// Whether the value is an array flagged as a sequence (jsonata-js `isSequence`).
    var isSequence: Bool { arrayFlags.contains(.sequence) }
    var isTupleStream: Bool { arrayFlags.contains(.tupleStream) }

    /// The items of an array, or the value as a one-item list; none for undefined.
    var asList: [Value] {
        switch self {
        case .undefined: return []
        case .array(let items, _): return items
        default: return [self]
        }
    }
}

/// The properties jsonata-js sets on its JavaScript arrays to steer flattening.
struct ArrayFlags: OptionSet, Sendable {
    let rawValue: UInt8
    /// A sequence: unwrapped when it holds one value, gone when it holds none.
    static let sequence = ArrayFlags(rawValue: 1)
    /// A sequence that keeps its array even with one value (the `[]` suffix).
    static let keepSingleton = ArrayFlags(rawValue: 2)
    /// The input document was an array, wrapped so that it counts as one value.
    static let outerWrapper = ArrayFlags(rawValue: 4)
    /// Made by an array constructor: a path step does not flatten it.
    static let cons = ArrayFlags(rawValue: 8)
    /// Its items are tuples (objects binding `@` and the path's variables).
    static let tupleStream = ArrayFlags(rawValue: 16)
}

/// A JSON object during evaluation: members in insertion order, shared by reference.
///
/// An object read from the input starts as its JSON members and is converted one level at a
/// time, when something needs all of its members: a field lookup converts just that field,
/// so `order.customer.name` costs the same however large the rest of the input is.
///
/// Its storage skips run-time exclusivity checks: an object belongs to one evaluation on one
/// thread, and every change (`members`' modify) evaluates what it stores before it begins.
final class ObjectBox {
    @exclusivity(unchecked) private var converted: OrderedDictionary<String, Value>?
    /// The JSON members this object was made from, while it has not been changed.
    @exclusivity(unchecked) private var source: JSONObject?

    init(_ members: OrderedDictionary<String, Value> = [:]) {
        converted = members
        source = nil
    }

    /// An object converted from JSON at once, remembering its JSON for output.
    init(converted members: OrderedDictionary<String, Value>, from source: JSONObject) {
        converted = members
        self.source = source
    }

    /// An object over JSON members, converted when first needed. Only for values that stay
    /// inside one evaluation: converting caches its result in the object.
    init(lazy source: JSONObject) {
        converted = nil
        self.source = source
    }

    /// Arrays and objects already read from an unconverted object, so that reading
    /// `order.items` twice converts it once and gives the same objects both times.
    @exclusivity(unchecked) private var cached: [(key: String, value: Value)] = []

    subscript(key: String) -> Value {
        // Read in place (`inout`), not copied out of the optional: a copy retains and releases
        // the dictionary's three buffers at every lookup.
        if converted != nil { return Self.member(key, in: &converted!) }
        guard let source, let index = Self.index(of: key, in: source.keys) else { return .undefined }
        let json = source.values[index]
        switch json {
        case .array, .object:
            if let index = cached.firstIndex(where: { $0.key == key }) { return cached[index].value }
            let value = Value(lazy: json)
            cached.append((key, value))
            return value
        default:
            return Value(lazy: json)
        }
    }

    @inline(__always)
    private static func member(_ key: String, in members: inout OrderedDictionary<String, Value>) -> Value {
        guard let index = index(of: key, in: members.keys) else { return .undefined }
        return members.values[index]
    }

    /// The position of `key` among an object's keys. A small object (the common case) is
    /// searched in order, comparing lengths before text: most keys differ in length, and
    /// comparing two different strings costs more than comparing two counts.
    @inline(__always)
    private static func index(of key: String, in keys: OrderedSet<String>) -> Int? {
        guard keys.count <= 16 else { return keys.firstIndex(of: key) }
        let length = key.utf8.count
        let elements = keys.elements
        for index in elements.indices where elements[index].utf8.count == length && elements[index] == key {
            return index
        }
        return nil
    }

    /// The members, converted.
    var members: OrderedDictionary<String, Value> {
        get {
            if let converted { return converted }
            return materialize()
        }
        _modify {
            if converted == nil { _ = materialize() }
            source = nil
            yield &converted!
        }
        set {
            converted = newValue
            source = nil
        }
    }

    var count: Int { converted?.count ?? source?.count ?? 0 }

    /// The JSON members while the object is unchanged (no conversion needed on output).
    var unchangedJSON: JSONObject? { source }

    private func materialize() -> OrderedDictionary<String, Value> {
        let members = source ?? [:]
        var result = OrderedDictionary<String, Value>(minimumCapacity: members.count)
        for (key, value) in members {
            if let index = cached.firstIndex(where: { $0.key == key }) {
                result[key] = cached[index].value
            } else {
                result[key] = Value(lazy: value)
            }
        }
        cached = []
        converted = result
        return result
    }
}

/// A function value: a lambda written in the expression, a built-in or registered function,
/// a partial application, a regular expression, or a `~>` chain of two functions.
final class FunctionValue {
    enum Kind {
        case lambda(Lambda)
        case native(NativeFunction)
        /// `$f(?, 2)`: the target with its given arguments; nil marks a `?` placeholder.
        case partial(FunctionValue, [Value?])
        case regex(RegexProgram)
        /// `$f ~> $g` for two functions: a function of one argument applying `f` then `g`.
        case chain(FunctionValue, FunctionValue)
    }
    let kind: Kind
    /// The signature arguments are checked against (lambdas and native functions), kept
    /// apart from `kind` so that a call reads it without copying the kind's payload.
    let signature: Signature?

    init(_ kind: Kind) {
        self.kind = kind
        switch kind {
        case .lambda(let lambda): signature = lambda.signature
        case .native(let native): signature = native.signature
        default: signature = nil
        }
    }

    /// How many arguments a higher-order function passes to it (jsonata-js `getFunctionArity`).
    var arity: Int {
        switch kind {
        case .lambda(let lambda): return lambda.parameters.count
        case .native(let native): return native.arity
        case .partial(_, let arguments): return arguments.count { $0 == nil }
        case .regex: return 2
        case .chain: return 1
        }
    }
}

/// A lambda: its parameters, body and signature, closed over the frame and input it was made in.
final class Lambda {
    let parameters: [String]
    let signature: Signature?
    let body: Node
    let input: Value
    let frame: Frame
    /// A tail call deferred by the optimiser: the trampoline in `apply` evaluates it.
    let isThunk: Bool

    init(parameters: [String], signature: Signature?, body: Node, input: Value, frame: Frame, isThunk: Bool) {
        self.parameters = parameters
        self.signature = signature
        self.body = body
        self.input = input
        self.frame = frame
        self.isThunk = isThunk
    }
}
