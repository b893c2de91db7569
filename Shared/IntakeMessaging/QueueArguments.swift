import CRabbitMQ
import Foundation

/// The `x-` arguments of a queue declaration as a librabbitmq field table.
struct QueueArguments {
    enum Value {
        case string(String)
        case integer(Int64)
    }

    let entries: [(String, Value)]

    init(_ queue: Topology.Queue) {
        var entries: [(String, Value)] = []
        if queue.quorum { entries.append(("x-queue-type", .string("quorum"))) }
        if let limit = queue.deliveryLimit { entries.append(("x-delivery-limit", .integer(Int64(limit)))) }
        if let exchange = queue.deadLetterExchange { entries.append(("x-dead-letter-exchange", .string(exchange))) }
        self.entries = entries
    }

    /// Calls `body` with a table whose memory lives until `body` returns.
    func withTable<R>(_ body: (amqp_table_t) throws -> R) rethrows -> R {
        var copies: [UnsafeMutablePointer<CChar>] = []
        defer { copies.forEach { free($0) } }
        func bytes(_ string: String) -> amqp_bytes_t {
            let copy = strdup(string)!
            copies.append(copy)
            return amqp_cstring_bytes(copy)
        }
        var tableEntries: [amqp_table_entry_t] = entries.map { key, value in
            var field = amqp_field_value_t()
            switch value {
            case .string(let text):
                field.kind = UInt8(AMQP_FIELD_KIND_UTF8.rawValue)
                field.value.bytes = bytes(text)
            case .integer(let number):
                field.kind = UInt8(AMQP_FIELD_KIND_I64.rawValue)
                field.value.i64 = number
            }
            return amqp_table_entry_t(key: bytes(key), value: field)
        }
        return try tableEntries.withUnsafeMutableBufferPointer { buffer in
            try body(amqp_table_t(num_entries: Int32(buffer.count), entries: buffer.baseAddress))
        }
    }
}
