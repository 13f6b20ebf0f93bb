import CongVanTestSupport
import Foundation

/// A JSON value that tells booleans, integers and other numbers apart (JSONSerialization gives
/// NSNumber for all three).
indirect enum JSONValue: Decodable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            self = .null
        } else if let b = try? c.decode(Bool.self) {
            self = .bool(b)
        } else if let n = try? c.decode(Double.self) {
            self = .number(n)
        } else if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let a = try? c.decode([JSONValue].self) {
            self = .array(a)
        } else {
            self = .object(try c.decode([String: JSONValue].self))
        }
    }

    static func parse(_ data: Data) throws -> JSONValue { try JSONDecoder().decode(JSONValue.self, from: data) }

    var object: [String: JSONValue]? { if case .object(let o) = self { o } else { nil } }
    var array: [JSONValue]? { if case .array(let a) = self { a } else { nil } }
    var string: String? { if case .string(let s) = self { s } else { nil } }
}

/// The committed JSON Schema of the record (`docs/record.schema.json`) and a validator for the
/// part of JSON Schema it uses: type, properties, required, additionalProperties, items, $ref,
/// oneOf, enum, pattern, minimum, minItems. A keyword outside that part is reported, so the
/// schema cannot grow a rule the tests silently ignore.
struct RecordSchema {
    let root: [String: JSONValue]

    static func load() throws -> RecordSchema {
        let data = try Data(contentsOf: URL(fileURLWithPath: Repository.root + "/docs/record.schema.json"))
        return RecordSchema(root: try JSONValue.parse(data).object!)
    }

    /// Every violation of `value` against the schema, as "path: what".
    func violations(_ value: JSONValue) -> [String] {
        var out: [String] = []
        check(value, root, "$", &out)
        return out
    }

    static let known: Set<String> = [
        "$schema", "$id", "title", "description", "$defs", "type", "properties", "required", "additionalProperties",
        "items", "$ref", "oneOf", "enum", "pattern", "minimum", "minItems",
    ]

    private func check(_ value: JSONValue, _ schema: [String: JSONValue], _ path: String, _ out: inout [String]) {
        for key in schema.keys where !Self.known.contains(key) { out.append("\(path): the schema uses \(key)") }
        if let ref = schema["$ref"]?.string {
            let name = String(ref.dropFirst("#/$defs/".count))
            guard let target = root["$defs"]?.object?[name]?.object else {
                out.append("\(path): unknown $ref \(ref)")
                return
            }
            check(value, target, path, &out)
        }
        if let options = schema["oneOf"]?.array {
            let matching = options.compactMap(\.object).filter { option in
                var sub: [String] = []
                check(value, option, path, &sub)
                return sub.isEmpty
            }
            if matching.count != 1 { out.append("\(path): matches \(matching.count) of oneOf") }
        }
        if let type = schema["type"] {
            let types = type.array?.compactMap(\.string) ?? [type.string ?? ""]
            if !types.contains(where: { Self.isType(value, $0) }) { out.append("\(path): not \(types)") }
        }
        if let allowed = schema["enum"]?.array?.compactMap(\.string) {
            if !allowed.contains(value.string ?? "\u{0}") { out.append("\(path): not one of \(allowed)") }
        }
        if let pattern = schema["pattern"]?.string, let s = value.string {
            let regex = try! NSRegularExpression(pattern: pattern)
            if regex.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) == nil {
                out.append("\(path): \(s) does not match \(pattern)")
            }
        }
        if case .number(let minimum)? = schema["minimum"], case .number(let n) = value, n < minimum {
            out.append("\(path): below \(minimum)")
        }
        if let object = value.object {
            let properties = schema["properties"]?.object ?? [:]
            for case .string(let key) in schema["required"]?.array ?? [] where object[key] == nil {
                out.append("\(path): \(key) is missing")
            }
            if case .bool(false)? = schema["additionalProperties"] {
                for key in object.keys where properties[key] == nil {
                    out.append("\(path): \(key) is not in the schema")
                }
            }
            for (key, sub) in properties {
                if let v = object[key], let s = sub.object { check(v, s, path + "." + key, &out) }
            }
        }
        if let array = value.array {
            if case .number(let min)? = schema["minItems"], Double(array.count) < min {
                out.append("\(path): fewer than \(Int(min)) items")
            }
            if let items = schema["items"]?.object {
                for (i, v) in array.enumerated() { check(v, items, "\(path)[\(i)]", &out) }
            }
        }
    }

    static func isType(_ value: JSONValue, _ type: String) -> Bool {
        switch (type, value) {
        case ("null", .null), ("string", .string), ("boolean", .bool), ("number", .number), ("array", .array),
            ("object", .object):
            return true
        case ("integer", .number(let n)): return n == n.rounded()
        default: return false
        }
    }
}
