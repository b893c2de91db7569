/// A streaming tokenizer for the XML of spreadsheet parts: start tags with attributes, end tags and
/// character data (entities decoded), fed bytes in chunks of any size. Comments, processing instructions
/// and doctype are skipped; CDATA is text. Namespace prefixes are dropped from names (`x:row` is `row`).
struct XMLTokenizer {
    enum Event: Equatable {
        case start(name: String, attributes: [String: String], selfClosing: Bool)
        case end(name: String)
        case text(String)
    }

    private enum State {
        case text
        case markup
        case special(terminator: [UInt8], isCDATA: Bool)
    }

    private var state = State.text
    private var buffer: [UInt8] = []
    private var quote: UInt8?

    mutating func feed(_ bytes: some Sequence<UInt8>, emit: (Event) throws -> Void) rethrows {
        for byte in bytes {
            switch state {
            case .text:
                if byte == UInt8(ascii: "<") {
                    if !buffer.isEmpty { try emit(.text(Self.decodeEntities(buffer))) }
                    buffer.removeAll(keepingCapacity: true)
                    state = .markup
                } else {
                    buffer.append(byte)
                }
            case .markup:
                if let open = quote {
                    if byte == open { quote = nil }
                    buffer.append(byte)
                } else if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") {
                    quote = byte
                    buffer.append(byte)
                } else if byte == UInt8(ascii: ">") {
                    try finishMarkup(emit: emit)
                } else {
                    buffer.append(byte)
                    if buffer.count == 3, buffer == Array("!--".utf8) {
                        state = .special(terminator: Array("-->".utf8), isCDATA: false)
                        buffer.removeAll(keepingCapacity: true)
                    } else if buffer.count == 8, buffer == Array("![CDATA[".utf8) {
                        state = .special(terminator: Array("]]>".utf8), isCDATA: true)
                        buffer.removeAll(keepingCapacity: true)
                    }
                }
            case .special(let terminator, let isCDATA):
                buffer.append(byte)
                if buffer.count >= terminator.count, buffer.suffix(terminator.count).elementsEqual(terminator) {
                    if isCDATA { try emit(.text(String(decoding: buffer.dropLast(terminator.count), as: UTF8.self))) }
                    buffer.removeAll(keepingCapacity: true)
                    state = .text
                }
            }
        }
    }

    private mutating func finishMarkup(emit: (Event) throws -> Void) rethrows {
        defer {
            buffer.removeAll(keepingCapacity: true)
            state = .text
        }
        guard let first = buffer.first, first != UInt8(ascii: "?"), first != UInt8(ascii: "!") else { return }
        if first == UInt8(ascii: "/") {
            try emit(.end(name: Self.localName(buffer.dropFirst().prefix { !Self.isSpace($0) })))
            return
        }
        var body = buffer[...]
        let selfClosing = body.last == UInt8(ascii: "/")
        if selfClosing { body = body.dropLast() }
        let nameBytes = body.prefix { !Self.isSpace($0) }
        try emit(.start(name: Self.localName(nameBytes), attributes: Self.attributes(body.dropFirst(nameBytes.count)), selfClosing: selfClosing))
        if selfClosing { try emit(.end(name: Self.localName(nameBytes))) }
    }

    private static func attributes(_ bytes: ArraySlice<UInt8>) -> [String: String] {
        var result: [String: String] = [:]
        var rest = bytes
        while true {
            rest = rest.drop { isSpace($0) }
            guard let equals = rest.firstIndex(of: UInt8(ascii: "=")) else { return result }
            let name = localName(rest[..<equals].filter { !isSpace($0) }[...])
            rest = rest[rest.index(after: equals)...].drop { isSpace($0) }
            guard let quote = rest.first, quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else { return result }
            rest = rest.dropFirst()
            guard let close = rest.firstIndex(of: quote) else { return result }
            result[name] = decodeEntities(Array(rest[..<close]))
            rest = rest[rest.index(after: close)...]
        }
    }

    private static func localName(_ bytes: some Collection<UInt8>) -> String {
        let name = String(decoding: bytes, as: UTF8.self)
        guard let colon = name.lastIndex(of: ":") else { return name }
        return String(name[name.index(after: colon)...])
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// `&amp; &lt; &gt; &quot; &apos;` and numeric references; anything else is kept as written.
    static func decodeEntities(_ bytes: [UInt8]) -> String {
        guard bytes.contains(UInt8(ascii: "&")) else { return String(decoding: bytes, as: UTF8.self) }
        let text = String(decoding: bytes, as: UTF8.self)
        var out = ""
        var rest = Substring(text)
        while let amp = rest.firstIndex(of: "&") {
            out += rest[..<amp]
            let after = rest[rest.index(after: amp)...]
            guard let semicolon = after.prefix(12).firstIndex(of: ";") else {
                out += "&"
                rest = after
                continue
            }
            let name = after[..<semicolon]
            switch name {
            case "amp": out += "&"
            case "lt": out += "<"
            case "gt": out += ">"
            case "quot": out += "\""
            case "apos": out += "'"
            default:
                let scalar: UInt32? = name.hasPrefix("#x") ? UInt32(name.dropFirst(2), radix: 16) : name.hasPrefix("#") ? UInt32(name.dropFirst()) : nil
                if let scalar, let character = Unicode.Scalar(scalar) {
                    out.unicodeScalars.append(character)
                } else {
                    out += "&" + name + ";"
                }
            }
            rest = after[after.index(after: semicolon)...]
        }
        return out + rest
    }
}
