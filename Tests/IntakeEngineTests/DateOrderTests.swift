import Testing

@testable import IntakeEngine

@Suite struct DateOrderTests {
    /// Every pattern with a slot is named for its order, separator and year width, whether the separator
    /// comes as a `Character` (the text path) or a byte (the byte path).
    @Test func patternSlotsNameTheirOrderSeparatorAndYear() {
        for order in [DateOrder.dayFirst, .monthFirst] {
            for separator in ["/", ".", "-"] {
                for digits in [2, 4] {
                    let parts = order == .dayFirst ? ["DD", "MM"] : ["MM", "DD"]
                    let expected = (parts + [digits == 2 ? "YY" : "YYYY"]).joined(separator: separator)
                    #expect(order.pattern(separator: Character(separator), yearDigits: digits) == expected)
                    let slot = DateOrder.slot(order, separator: UInt8(ascii: Unicode.Scalar(separator)!), yearDigits: digits)
                    #expect(slot.map(DateOrder.pattern(slot:)) == expected)
                }
            }
        }
        #expect(order(.dayFirst, "_") == "DD_MM_YYYY", "an unusual separator is still named")
        #expect(DateOrder.slot(.dayFirst, separator: UInt8(ascii: "_"), yearDigits: 4) == nil)
        #expect(DateOrder.slot(.dayFirst, separator: UInt8(ascii: "/"), yearDigits: 3) == nil)
    }

    private func order(_ order: DateOrder, _ separator: Character) -> String {
        order.pattern(separator: separator, yearDigits: 4)
    }
}
