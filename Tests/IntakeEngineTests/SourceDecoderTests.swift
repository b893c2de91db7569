import Foundation
import Testing

@testable import IntakeEngine

@Suite struct SourceDecoderTests {
    func decodeAll(_ bytes: [UInt8], chunk: Int) -> (SourceDecoder.Encoding, String) {
        var decoder = SourceDecoder(firstChunk: bytes.prefix(64))
        var out: [UInt8] = []
        var offset = 0
        while offset < bytes.count {
            let end = min(bytes.count, offset + chunk)
            out += decoder.decode(bytes[offset..<end])
            offset = end
        }
        return (decoder.encoding, String(decoding: out, as: UTF8.self))
    }

    static let text = "name;city\nZoë Ångström;Köln\n€ 5 – “quoted” 😀\n"

    @Test(arguments: [1, 2, 3, 7, 64])
    func everyEncodingComesBackAsTheSameText(chunk: Int) {
        let utf16LE: [UInt8] = [0xFF, 0xFE] + Self.text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let utf16BE: [UInt8] = [0xFE, 0xFF] + Self.text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(decodeAll(Array(Self.text.utf8), chunk: chunk) == (.utf8, Self.text))
        #expect(decodeAll([0xEF, 0xBB, 0xBF] + Array(Self.text.utf8), chunk: chunk) == (.utf8, Self.text))
        #expect(decodeAll(utf16LE, chunk: chunk) == (.utf16LE, Self.text))
        #expect(decodeAll(utf16BE, chunk: chunk) == (.utf16BE, Self.text))
    }

    @Test func invalidUTF8IsReadAsWindows1252() {
        let bytes: [UInt8] = Array("Caf".utf8) + [0xE9, 0x3B, 0x80, 0x20, 0x93, 0x71, 0x94]
        #expect(decodeAll(bytes, chunk: 64) == (.windows1252, "Café;€ “q”"))
    }

    @Test func aSequenceCutAtTheSampleEndIsStillUTF8() {
        #expect(SourceDecoder.isUTF8([0x61, 0xC3]))
        #expect(!SourceDecoder.isUTF8([0x61, 0xC3, 0x28]))
    }
}
