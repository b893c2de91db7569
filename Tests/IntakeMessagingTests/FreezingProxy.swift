import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A loopback TCP proxy to a broker whose connections can be frozen: bytes stop flowing both ways while
/// every socket stays open, which is how a connection dropped on the way without a word (a failover, a NAT
/// forgetting it) looks to both of its ends. Connections made after a freeze flow normally.
final class FreezingProxy: Sendable {
    /// One proxied connection: the client's socket, the broker's, and whether it is frozen.
    private final class Pair: Sendable {
        let client: Int32
        let upstream: Int32
        let frozen = Atomic(false)
        let closed = Atomic(false)

        init(client: Int32, upstream: Int32) {
            self.client = client
            self.upstream = upstream
        }

        func close() {
            guard !closed.exchange(true, ordering: .acquiringAndReleasing) else { return }
            shutdown(client, Int32(SHUT_RDWR))
            shutdown(upstream, Int32(SHUT_RDWR))
        }
    }

    let port: Int
    private let listener: Int32
    private let upstreamPort: Int
    private let pairs = Mutex<[Pair]>([])
    private let stopped = Atomic(false)

    /// Listens on a free loopback port and forwards each connection to `127.0.0.1:upstreamPort`.
    init(upstreamPort: Int) throws {
        self.upstreamPort = upstreamPort
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.listener = listener
        var address = Self.loopback(port: 0)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(listener, 16) == 0 else { throw POSIXError(.EADDRINUSE) }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        Thread { [self] in acceptLoop() }.start()
    }

    /// How many connections it has accepted.
    var connectionCount: Int { pairs.withLock { $0.count } }

    /// Freezes every connection made so far; bytes already read are still passed on.
    func freezeAll() async throws {
        for pair in pairs.withLock({ $0 }) { pair.frozen.store(true, ordering: .releasing) }
        try await Task.sleep(for: .milliseconds(300))
    }

    /// Stops listening and closes every connection.
    func stop() {
        stopped.store(true, ordering: .releasing)
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        for pair in pairs.withLock({ $0 }) { pair.close() }
    }

    private func acceptLoop() {
        while !stopped.load(ordering: .acquiring) {
            let client = accept(listener, nil, nil)
            guard client >= 0 else { return }
            let upstream = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
            var address = Self.loopback(port: upstreamPort)
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(upstream, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
            }
            guard connected == 0 else {
                close(client)
                close(upstream)
                continue
            }
            let pair = Pair(client: client, upstream: upstream)
            pairs.withLock { $0.append(pair) }
            Thread { Self.pump(from: client, to: upstream, pair: pair) }.start()
            Thread { Self.pump(from: upstream, to: client, pair: pair) }.start()
        }
    }

    /// Copies bytes from `source` to `destination` until either side closes; while the pair is frozen, reads
    /// nothing (what is sent waits, unanswered, in the kernel's buffers).
    private static func pump(from source: Int32, to destination: Int32, pair: Pair) {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var poller = pollfd(fd: source, events: Int16(POLLIN), revents: 0)
        while !pair.closed.load(ordering: .acquiring) {
            if pair.frozen.load(ordering: .acquiring) {
                usleep(50_000)
                continue
            }
            guard poll(&poller, 1, 100) >= 0 else { break }
            // Frozen while it waited: what arrived stays unread.
            guard poller.revents != 0, !pair.frozen.load(ordering: .acquiring) else { continue }
            let count = buffer.withUnsafeMutableBytes { read(source, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            var sent = 0
            while sent < count {
                let written = buffer.withUnsafeBytes { write(destination, $0.baseAddress! + sent, count - sent) }
                guard written > 0 else {
                    pair.close()
                    return
                }
                sent += written
            }
        }
        pair.close()
    }

    private static func loopback(port: Int) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        return address
    }
}
