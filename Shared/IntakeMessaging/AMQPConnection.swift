import CRabbitMQ
import Foundation
import NIOPosix

/// The one place that calls librabbitmq: a single AMQP connection with one channel.
///
/// Thread confinement: a librabbitmq connection, and every envelope or frame it hands out, must only be
/// touched by one thread. Each `AMQPConnection` owns a one-thread `NIOThreadPool`; every `amqp_*` call
/// runs inside `perform`, on that thread, one at a time. The `Sync` methods below must only be called
/// from inside `perform`. Publishing and consuming use separate connections.
final class AMQPConnection: @unchecked Sendable {
    /// A message received from a queue; acknowledge it on the connection that delivered it.
    struct Delivery: Sendable {
        var deliveryTag: UInt64
        var routingKey: String
        var messageId: String?
        var redelivered: Bool
        var body: [UInt8]
    }

    /// A message to publish: persistent, JSON, with a message id.
    struct Outgoing: Sendable {
        var exchange: String
        var routingKey: String
        var messageId: String
        var body: [UInt8]
    }

    private let channel: amqp_channel_t = 1
    private let threadPool: NIOThreadPool
    private let url: AMQPURL
    private let heartbeatSeconds: Int32
    private var state: amqp_connection_state_t?
    /// What the broker still holds open: closing must not ask it to close what it has closed already,
    /// since librabbitmq would then wait for a reply the broker never sends (RabbitMQ drops the socket
    /// only 30 s later).
    private var isOpen: (connection: Bool, channel: Bool) = (false, false)
    private var nextPublishTag: UInt64 = 1
    /// The broker's tag for this connection's consumer, while it consumes.
    private var consumerTag: String?

    init(url: AMQPURL, heartbeatSeconds: Int32 = 0) {
        self.url = url
        self.heartbeatSeconds = heartbeatSeconds
        self.threadPool = NIOThreadPool(numberOfThreads: 1)
        threadPool.start()
    }

    /// Runs `body` on the connection's thread.
    func perform<T: Sendable>(_ body: @escaping @Sendable (AMQPConnection) throws -> T) async throws -> T {
        try await threadPool.runIfActive { try body(self) }
    }

    /// Closes the connection and stops its thread.
    func shutdown() async {
        // In a task of its own: a cancelled caller's `perform` would be dropped before it ran, leaving the
        // socket open.
        _ = try? await Task { try await self.perform { $0.closeSync() } }.value
        try? await threadPool.shutdownGracefully()
    }

    var isOpenSync: Bool { state != nil }

    // MARK: Connection

    /// Opens the socket, logs in, opens the channel and declares the topology.
    func openSync(topology: Topology, confirms: Bool) throws {
        closeSync()
        guard let state = amqp_new_connection() else { throw AMQPError("cannot allocate an AMQP connection") }
        self.state = state
        var rpcTimeout = Self.rpcTimeout
        amqp_set_rpc_timeout(state, &rpcTimeout)
        guard let socket = amqp_tcp_socket_new(state) else {
            closeSync()
            throw AMQPError("cannot create a TCP socket")
        }
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        let status = amqp_socket_open_noblock(socket, url.host, Int32(url.port), &timeout)
        guard status == AMQP_STATUS_OK.rawValue else {
            closeSync()
            throw AMQPError("cannot reach the broker at \(url.host):\(url.port): \(String(cString: amqp_error_string2(status)))")
        }
        do {
            try check(intake_amqp_login_plain(state, url.vhost, 131_072, heartbeatSeconds, url.user, url.password), "login")
            isOpen.connection = true
            amqp_channel_open(state, channel)
            try check(amqp_get_rpc_reply(state), "channel.open")
            isOpen.channel = true
            try declareSync(topology)
            if confirms {
                amqp_confirm_select(state, channel)
                try check(amqp_get_rpc_reply(state), "confirm.select")
                nextPublishTag = 1
            }
        } catch {
            closeSync()
            throw error
        }
    }

    /// Closes what is still open, politely, and frees the connection.
    func closeSync() {
        guard let state else { return }
        if isOpen.channel { amqp_channel_close(state, channel, Int32(AMQP_REPLY_SUCCESS)) }
        if isOpen.connection { amqp_connection_close(state, Int32(AMQP_REPLY_SUCCESS)) }
        amqp_destroy_connection(state)
        self.state = nil
        isOpen = (false, false)
        consumerTag = nil
    }

    /// How long any one RPC (declare, consume, close …) may wait for its reply before the connection is
    /// given up; librabbitmq's default is for ever.
    static let rpcTimeout = timeval(tv_sec: 30, tv_usec: 0)

    /// Answers the broker's close of the channel or the connection (`method`), as AMQP asks, and notes it
    /// closed; returns what closed, for errors.
    private func acknowledgeClose(_ method: amqp_method_t, state: amqp_connection_state_t) -> String {
        if method.id == INTAKE_AMQP_CONNECTION_CLOSE {
            let close = method.decoded.assumingMemoryBound(to: amqp_connection_close_t.self).pointee
            var ok = amqp_connection_close_ok_t()
            _ = amqp_send_method(state, 0, INTAKE_AMQP_CONNECTION_CLOSE_OK, &ok)
            isOpen = (false, false)
            return "broker closed the connection: \(close.reply_code) \(string(close.reply_text))"
        }
        let close = method.decoded.assumingMemoryBound(to: amqp_channel_close_t.self).pointee
        var ok = amqp_channel_close_ok_t()
        _ = amqp_send_method(state, channel, INTAKE_AMQP_CHANNEL_CLOSE_OK, &ok)
        isOpen.channel = false
        return "broker closed the channel: \(close.reply_code) \(string(close.reply_text))"
    }

    /// Notes that the socket can no longer be trusted (a library error or a timeout): nothing is closed politely.
    private func abandon() {
        isOpen = (false, false)
    }

    private func requireState() throws -> amqp_connection_state_t {
        guard let state else { throw AMQPError("the connection is closed") }
        return state
    }

    // MARK: Topology

    private func declareSync(_ topology: Topology) throws {
        let state = try requireState()
        for (name, type) in [(topology.runsExchange, "topic"), (topology.deadExchange, "fanout")] {
            withBytes(name, type) { bytes in
                _ = amqp_exchange_declare(state, channel, bytes[0], bytes[1], 0, 1, 0, 0, amqp_empty_table)
            }
            try check(amqp_get_rpc_reply(state), "exchange.declare \(name)")
        }
        for queue in topology.queues {
            try QueueArguments(queue).withTable { table in
                withBytes(queue.name) { bytes in
                    _ = amqp_queue_declare(state, channel, bytes[0], 0, 1, 0, 0, table)
                }
                try check(amqp_get_rpc_reply(state), "queue.declare \(queue.name)")
            }
            for key in queue.bindings {
                withBytes(queue.name, queue.exchange, key) { bytes in
                    _ = amqp_queue_bind(state, channel, bytes[0], bytes[1], bytes[2], amqp_empty_table)
                }
                try check(amqp_get_rpc_reply(state), "queue.bind \(queue.name) \(key)")
            }
        }
    }

    // MARK: Publishing

    /// Publishes persistent messages and waits until the broker confirms every one of them.
    func publishSync(_ messages: [Outgoing]) throws {
        let state = try requireState()
        let first = nextPublishTag
        for message in messages {
            var properties = amqp_basic_properties_t()
            properties._flags = INTAKE_AMQP_PUBLISH_FLAGS
            properties.delivery_mode = 2
            let status: Int32 = withBytes(message.exchange, message.routingKey, "application/json", message.messageId) { bytes in
                properties.content_type = bytes[2]
                properties.message_id = bytes[3]
                return message.body.withUnsafeBytes { raw in
                    let body = amqp_bytes_t(len: raw.count, bytes: UnsafeMutableRawPointer(mutating: raw.baseAddress))
                    return amqp_basic_publish(state, channel, bytes[0], bytes[1], 0, 0, &properties, body)
                }
            }
            try requireOK(status, "publish failed")
            nextPublishTag += 1
        }
        try awaitConfirmsSync(from: first, through: nextPublishTag - 1, state: state)
    }

    private func awaitConfirmsSync(from first: UInt64, through last: UInt64, state: amqp_connection_state_t) throws {
        guard last >= first else { return }
        var confirmedThrough = first - 1
        var pending = Set(first...last)
        while !pending.isEmpty {
            var frame = amqp_frame_t()
            var timeout = timeval(tv_sec: 10, tv_usec: 0)
            let status = amqp_simple_wait_frame_noblock(state, &frame, &timeout)
            try requireOK(status, "waiting for publisher confirms")
            guard frame.frame_type == INTAKE_AMQP_FRAME_METHOD else { continue }
            switch frame.payload.method.id {
            case INTAKE_AMQP_BASIC_ACK:
                let ack = frame.payload.method.decoded.assumingMemoryBound(to: amqp_basic_ack_t.self).pointee
                if ack.multiple != 0 {
                    pending = pending.filter { $0 > ack.delivery_tag }
                    confirmedThrough = max(confirmedThrough, ack.delivery_tag)
                } else {
                    pending.remove(ack.delivery_tag)
                }
            case INTAKE_AMQP_BASIC_NACK:
                let nack = frame.payload.method.decoded.assumingMemoryBound(to: amqp_basic_nack_t.self).pointee
                throw AMQPError("the broker refused message \(nack.delivery_tag)")
            case INTAKE_AMQP_CHANNEL_CLOSE, INTAKE_AMQP_CONNECTION_CLOSE:
                throw AMQPError("waiting for publisher confirms: \(acknowledgeClose(frame.payload.method, state: state))")
            default:
                continue
            }
            amqp_maybe_release_buffers(state)
        }
    }

    // MARK: Consuming

    /// Starts consuming `queue` with manual acks and at most `prefetch` unacknowledged deliveries.
    func consumeSync(queue: String, prefetch: UInt16) throws {
        let state = try requireState()
        amqp_basic_qos(state, channel, 0, prefetch, 0)
        try check(amqp_get_rpc_reply(state), "basic.qos")
        let ok = withBytes(queue) { bytes in
            amqp_basic_consume(state, channel, bytes[0], amqp_empty_bytes, 0, 0, 0, amqp_empty_table)
        }
        try check(amqp_get_rpc_reply(state), "basic.consume \(queue)")
        consumerTag = ok.map { string($0.pointee.consumer_tag) }
    }

    /// Stops this connection's consumer (the connection stays open): no delivery arrives until `consumeSync`
    /// starts another.
    func cancelConsumingSync() throws {
        let state = try requireState()
        guard let tag = consumerTag else { return }
        withBytes(tag) { bytes in
            _ = amqp_basic_cancel(state, channel, bytes[0])
        }
        try check(amqp_get_rpc_reply(state), "basic.cancel")
        consumerTag = nil
    }

    /// Waits up to `timeoutMilliseconds` on a connection with no consumer, for what the broker sends: it
    /// answers and checks heartbeats (librabbitmq does, while it waits for a frame), so a long pause between
    /// deliveries keeps the connection, and a broker gone silent is noticed. A close from the broker, a
    /// missed heartbeat or a stray frame (a delivery sent before the consumer stopped) throws: the
    /// connection is given up, and the broker requeues what it had delivered on it.
    func idleSync(timeoutMilliseconds: Int) throws {
        let state = try requireState()
        var frame = amqp_frame_t()
        var timeout = timeval(tv_sec: timeoutMilliseconds / 1000, tv_usec: Int((timeoutMilliseconds % 1000) * 1000))
        let status = amqp_simple_wait_frame_noblock(state, &frame, &timeout)
        if status == AMQP_STATUS_TIMEOUT.rawValue { return }
        try requireOK(status, "idle")
        if Self.isClose(frame) {
            throw AMQPError("idle: \(acknowledgeClose(frame.payload.method, state: state))")
        }
        abandon()
        throw AMQPError("idle: an unexpected frame (type \(frame.frame_type)) while not consuming")
    }

    /// The next delivery, or nil when none arrives within `timeoutMilliseconds`.
    func nextDeliverySync(timeoutMilliseconds: Int) throws -> Delivery? {
        let state = try requireState()
        amqp_maybe_release_buffers(state)
        var envelope = amqp_envelope_t()
        var timeout = timeval(tv_sec: timeoutMilliseconds / 1000, tv_usec: Int((timeoutMilliseconds % 1000) * 1000))
        let reply = amqp_consume_message(state, &envelope, &timeout, 0)
        switch reply.reply_type {
        case AMQP_RESPONSE_NORMAL:
            defer { amqp_destroy_envelope(&envelope) }
            let message = envelope.message
            let body = message.body.len == 0 ? [] : Array(UnsafeRawBufferPointer(start: message.body.bytes, count: message.body.len))
            var messageId: String?
            if message.properties._flags & amqp_flags_t(AMQP_BASIC_MESSAGE_ID_FLAG) != 0 {
                messageId = string(message.properties.message_id)
            }
            return Delivery(
                deliveryTag: envelope.delivery_tag,
                routingKey: string(envelope.routing_key),
                messageId: messageId,
                redelivered: envelope.redelivered != 0,
                body: body
            )
        case AMQP_RESPONSE_LIBRARY_EXCEPTION where reply.library_error == AMQP_STATUS_TIMEOUT.rawValue:
            return nil
        case AMQP_RESPONSE_LIBRARY_EXCEPTION where reply.library_error == AMQP_STATUS_UNEXPECTED_STATE.rawValue:
            var frame = amqp_frame_t()
            try requireOK(amqp_simple_wait_frame(state, &frame), "consuming: reading a frame")
            if Self.isClose(frame) {
                throw AMQPError("consuming: \(acknowledgeClose(frame.payload.method, state: state))")
            }
            return nil
        default:
            try check(reply, "basic.consume")
            return nil
        }
    }

    func ackSync(_ deliveryTag: UInt64) throws {
        try requireOK(amqp_basic_ack(try requireState(), channel, deliveryTag, 0), "ack failed")
    }

    func rejectSync(_ deliveryTag: UInt64, requeue: Bool) throws {
        try requireOK(amqp_basic_reject(try requireState(), channel, deliveryTag, requeue ? 1 : 0), "reject failed")
    }

    // MARK: Helpers

    /// Throws, giving the connection up, unless `status` (a librabbitmq status code) is OK.
    private func requireOK(_ status: Int32, _ operation: String) throws {
        guard status != AMQP_STATUS_OK.rawValue else { return }
        abandon()
        throw AMQPError("\(operation): \(String(cString: amqp_error_string2(status)))")
    }

    /// Whether `frame` is the broker closing the channel or the connection.
    private static func isClose(_ frame: amqp_frame_t) -> Bool {
        frame.frame_type == INTAKE_AMQP_FRAME_METHOD
            && (frame.payload.method.id == INTAKE_AMQP_CHANNEL_CLOSE || frame.payload.method.id == INTAKE_AMQP_CONNECTION_CLOSE)
    }

    private func check(_ reply: amqp_rpc_reply_t, _ operation: String) throws {
        switch reply.reply_type {
        case AMQP_RESPONSE_NORMAL:
            return
        case AMQP_RESPONSE_LIBRARY_EXCEPTION:
            abandon()
            throw AMQPError("\(operation): \(String(cString: amqp_error_string2(reply.library_error)))")
        case AMQP_RESPONSE_SERVER_EXCEPTION:
            if reply.reply.id == INTAKE_AMQP_CONNECTION_CLOSE || reply.reply.id == INTAKE_AMQP_CHANNEL_CLOSE {
                throw AMQPError("\(operation): \(acknowledgeClose(reply.reply, state: try requireState()))")
            }
            abandon()
            throw AMQPError("\(operation): broker error")
        default:
            abandon()
            throw AMQPError("\(operation): no reply from the broker")
        }
    }

    private func string(_ bytes: amqp_bytes_t) -> String {
        guard bytes.len > 0, let pointer = bytes.bytes else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: pointer, count: bytes.len), as: UTF8.self)
    }
}

/// Calls `body` with `amqp_bytes_t` views of C copies of `strings`, freed afterwards.
func withBytes<R>(_ strings: String..., body: ([amqp_bytes_t]) throws -> R) rethrows -> R {
    let copies = strings.map { strdup($0)! }
    defer { copies.forEach { free($0) } }
    return try body(copies.map { amqp_cstring_bytes($0) })
}
