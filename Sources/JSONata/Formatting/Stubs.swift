enum NumberPicture { static func format(_ n: Double, picture: String, options: ObjectBox?) throws(JSONataError) -> String { throw JSONataError("D3080") } }
enum IntegerPicture {
    static func format(_ n: Double, picture: String) throws(JSONataError) -> String { throw JSONataError("D3130") }
    static func parse(_ s: String, picture: String) throws(JSONataError) -> Double? { throw JSONataError("D3130") }
}
extension Functions { static var dates: [Definition] { [] } }
