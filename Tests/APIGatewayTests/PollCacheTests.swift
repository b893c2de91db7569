import Foundation
import NIOCore
import Testing

@testable import APIGateway

@Suite struct PollCacheTests {
    let run = UUID()
    let company = UUID()
    let account = UUID()

    @Test func servesOnlyWhileListeningAndOnlyToItsOwner() {
        let cache = PollCache()
        let body = ByteBuffer(string: "{}")
        cache.store(run: run, companyId: company, accountId: account, body: body, ticket: cache.ticket())
        #expect(cache.body(run: run, companyId: company, accountId: account) == nil, "not listening: nothing is cached")
        cache.setListening(true)
        cache.store(run: run, companyId: company, accountId: account, body: body, ticket: cache.ticket())
        #expect(cache.body(run: run, companyId: company, accountId: account) == body)
        #expect(cache.body(run: run, companyId: UUID(), accountId: account) == nil)
        #expect(cache.body(run: run, companyId: company, accountId: UUID()) == nil)
        cache.invalidate(run: run)
        #expect(cache.body(run: run, companyId: company, accountId: account) == nil)
        cache.store(run: run, companyId: company, accountId: account, body: body, ticket: cache.ticket())
        cache.setListening(false)
        cache.setListening(true)
        #expect(cache.body(run: run, companyId: company, accountId: account) == nil, "what was cached before a gap in listening is gone")
    }

    @Test func aReadOverlappingAnAnnouncedChangeIsNotCached() {
        let cache = PollCache()
        cache.setListening(true)
        let other = UUID()
        let ticket = cache.ticket()
        cache.invalidate(run: other)
        cache.invalidate(run: run)
        cache.store(run: run, companyId: company, accountId: account, body: ByteBuffer(string: "old"), ticket: ticket)
        cache.store(run: other, companyId: company, accountId: account, body: ByteBuffer(string: "old"), ticket: ticket)
        #expect(cache.body(run: run, companyId: company, accountId: account) == nil)
        #expect(cache.body(run: other, companyId: company, accountId: account) == nil)
        // A read that began after the change is cached; one that began before a gap in listening is not.
        cache.store(run: run, companyId: company, accountId: account, body: ByteBuffer(string: "new"), ticket: cache.ticket())
        #expect(cache.body(run: run, companyId: company, accountId: account) == ByteBuffer(string: "new"))
        let early = cache.ticket()
        cache.setListening(false)
        cache.setListening(true)
        cache.store(run: other, companyId: company, accountId: account, body: ByteBuffer(string: "old"), ticket: early)
        #expect(cache.body(run: other, companyId: company, accountId: account) == nil)
    }

    @Test func forgettingOldChangesRefusesTicketsFromBefore() {
        let cache = PollCache(capacity: 2)
        cache.setListening(true)
        let early = cache.ticket()
        for _ in 0..<8 { cache.invalidate(run: UUID()) }
        cache.invalidate(run: UUID())
        cache.store(run: run, companyId: company, accountId: account, body: ByteBuffer(string: "x"), ticket: early)
        #expect(cache.body(run: run, companyId: company, accountId: account) == nil, "a change of this run may have been forgotten")
    }
}
