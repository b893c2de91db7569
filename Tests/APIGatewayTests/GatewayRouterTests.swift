import APIGateway
import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdTesting
import IntakeDomain
import IntakeMessaging
import IntakePersistence
import IntakeServiceKit
import IntakeTestSupport
import Logging
import PostgresNIO
import Prometheus
import Testing

/// Handler tests through the gateway's router against a real, freshly migrated Postgres.
@Suite struct GatewayRouterTests {
    struct Harness {
        let app: Application<RouterResponder<GatewayRequestContext>>
        let key: String
        let otherKey: String
        let database: TestDatabase
    }

    static func harness() async throws -> Harness {
        let database = try await TestDatabase.create("intake_gateway")
        let (key, otherKey) = try await database.withClient { client, logger in
            let accounts = PostgresAccountRepository(client: client, logger: logger)
            return (try await accounts.createAccount(name: "A").key.plaintext, try await accounts.createAccount(name: "B").key.plaintext)
        }
        let logger = Logger(label: "gateway-test")
        let databaseURL = try DatabaseURL(database.url)
        let configuration = GatewayConfiguration(
            internalToken: "t", maxJSONBytes: 4096,
            services: ServiceEnvironment(database: databaseURL, broker: try AMQPURL("amqp://guest:guest@127.0.0.1:1/"))
        )
        let client = PostgresClient(configuration: databaseURL.configuration, backgroundLogger: logger)
        let pollCache = PollCache()
        let router = buildGatewayRouter(
            configuration: configuration, client: client, httpClient: HTTPClient.shared, registry: PrometheusCollectorRegistry(),
            readiness: ReadinessCheck(client: client, publisher: nil, logger: logger), pollCache: pollCache, logger: logger
        )
        var app = Application(router: router, logger: logger)
        app.addServices(client, RunChangeFeed(client: client, cache: pollCache, logger: logger))
        return Harness(app: app, key: key, otherKey: otherKey, database: database)
    }

    /// A one-column template, a plan of one sheet `s` over it, a company on that plan and a run queued with
    /// one inline row: the ids of the plan, the company and the run.
    static func queueRun(_ client: some TestClientProtocol, headers: HTTPFields, column: [String: String], row: [String: String]) async throws -> (plan: String, company: String, run: String) {
        let template = try await client.execute(uri: "/v1/templates", method: .post, headers: headers, body: Self.json(["name": "T", "columns": [column]])) { response in
            try #require(Self.decode(response)["id"] as? String)
        }
        let plan = try await client.execute(uri: "/v1/plans", method: .post, headers: headers, body: Self.json(["name": "P", "sheets": [["key": "s", "template_id": template]]])) { response in
            try #require(Self.decode(response)["id"] as? String)
        }
        let company = try await client.execute(uri: "/v1/companies", method: .post, headers: headers, body: Self.json(["name": "C", "plan_id": plan])) { response in
            try #require((Self.decode(response)["company"] as? [String: Any])?["id"] as? String)
        }
        let run = try await client.execute(uri: "/v1/companies/\(company)/imports", method: .post, headers: headers, body: Self.json(["rows": [row]])) { response in
            try #require(Self.decode(response)["run_id"] as? String)
        }
        return (plan, company, run)
    }

    static func json(_ object: Any) -> ByteBuffer {
        ByteBuffer(bytes: try! JSONSerialization.data(withJSONObject: object))
    }

    static func decode(_ response: TestResponse) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))) as? [String: Any] ?? [:]
    }

    @Test func everyResponseHasARequestIdAndErrorsHaveTheirShape() async throws {
        let harness = try await Self.harness()
        try await harness.app.test(.router) { client in
            try await client.execute(uri: "/healthz", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.init("x-request-id")!] != nil)
            }
            try await client.execute(uri: "/v1/templates", method: .get) { response in
                #expect(response.status == .unauthorized)
                let body = Self.decode(response)
                #expect(body["code"] as? String == "unauthorized")
                #expect(body["request_id"] as? String == response.headers[.init("x-request-id")!])
            }
            try await client.execute(uri: "/v1/templates", method: .get, headers: [.init("anx-api-key")!: harness.key]) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test func templatesAreValidatedAndScopedToTheirAccount() async throws {
        let harness = try await Self.harness()
        try await harness.app.test(.router) { client in
            let headers: HTTPFields = [.init("x-api-key")!: harness.key]
            try await client.execute(uri: "/v1/templates", method: .post, headers: headers, body: Self.json(["name": "T", "columns": [["key": "e", "type": "emial"]]])) { response in
                #expect(response.status == .badRequest)
                #expect(Self.decode(response)["error"] as? String == "field \"columns[0].type\" has an invalid value")
            }
            try await client.execute(uri: "/v1/templates", method: .post, headers: headers, body: ByteBuffer(string: "{nope")) { response in
                #expect(response.status == .badRequest)
                #expect(Self.decode(response)["error"] as? String == "the body is not valid JSON")
            }
            try await client.execute(uri: "/v1/templates", method: .post, headers: headers, body: ByteBuffer(string: #"{"name":"a\u0000b","columns":[{"key":"e","type":"email"}]}"#)) { response in
                #expect(response.status == .badRequest)
                #expect((Self.decode(response)["error"] as? String)?.contains("NUL") == true)
            }
            try await client.execute(uri: "/v1/templates", method: .post, headers: headers, body: ByteBuffer(repeating: UInt8(ascii: " "), count: 5000)) { response in
                #expect(response.status == .contentTooLarge)
            }
            let id = try await client.execute(uri: "/v1/templates", method: .post, headers: headers, body: Self.json(["name": "T", "columns": [["key": "e", "type": "email", "required": true]]])) { response in
                #expect(response.status == .created)
                return try #require(Self.decode(response)["id"] as? String)
            }
            try await client.execute(uri: "/v1/templates/\(id)", method: .get, headers: headers) { response in
                #expect(response.status == .ok)
                let columns = Self.decode(response)["columns"] as? [[String: Any]]
                #expect(columns?.first?["required"] as? Bool == true)
            }
            try await client.execute(uri: "/v1/templates/\(id)", method: .get, headers: [.init("x-api-key")!: harness.otherKey]) { response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/v1/templates/not-a-uuid", method: .get, headers: headers) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test func plansCompaniesAndPagination() async throws {
        let harness = try await Self.harness()
        try await harness.app.test(.router) { client in
            let headers: HTTPFields = [.init("x-api-key")!: harness.key]
            let template = try await client.execute(uri: "/v1/templates", method: .post, headers: headers, body: Self.json(["name": "T", "columns": [["key": "e", "type": "email"]]])) { response in
                try #require(Self.decode(response)["id"] as? String)
            }
            try await client.execute(uri: "/v1/plans", method: .post, headers: headers, body: Self.json(["name": "P", "sheets": [["key": "s", "template_id": template, "mapping": ["nope": "X"]]]])) { response in
                #expect(response.status == .badRequest)
                #expect((Self.decode(response)["error"] as? String)?.contains("\"nope\"") == true)
            }
            let plan = try await client.execute(uri: "/v1/plans", method: .post, headers: headers, body: Self.json(["name": "P", "sheets": [["key": "s", "template_id": template]]])) { response in
                #expect(response.status == .created)
                let body = Self.decode(response)
                #expect(body["version"] as? Int == 1)
                #expect(body["review"] as? String == "gate")
                #expect(body["default_country"] as? String == "US")
                return try #require(body["id"] as? String)
            }
            try await client.execute(uri: "/v1/plans/\(plan)/versions/1", method: .get, headers: headers) { #expect($0.status == .ok) }
            try await client.execute(uri: "/v1/plans/\(plan)/versions/2", method: .get, headers: headers) { #expect($0.status == .notFound) }
            for index in 0..<3 {
                try await client.execute(uri: "/v1/companies", method: .post, headers: headers, body: Self.json(["name": "C\(index)", "plan_id": plan, "external_id": "x\(index)"])) {
                    #expect($0.status == .created)
                }
            }
            try await client.execute(uri: "/v1/companies", method: .post, headers: headers, body: Self.json(["name": "dup", "plan_id": plan, "external_id": "x0"])) {
                #expect($0.status == .conflict)
            }
            let cursor = try await client.execute(uri: "/v1/companies?limit=2", method: .get, headers: headers) { response in
                let body = Self.decode(response)
                #expect((body["data"] as? [Any])?.count == 2)
                return try #require(body["next_cursor"] as? String)
            }
            try await client.execute(uri: "/v1/companies?limit=2&cursor=\(cursor)", method: .get, headers: headers) { response in
                let body = Self.decode(response)
                #expect(((body["data"] as? [[String: Any]])?.map { $0["name"] as? String }) == ["C2"])
                #expect(body["next_cursor"] == nil || body["next_cursor"] is NSNull)
            }
        }
    }

    @Test func aPollSeesEveryChangeOfTheRunAndOnlyItsOwnerSeesIt() async throws {
        let harness = try await Self.harness()
        try await harness.app.test(.router) { client in
            let headers: HTTPFields = [.init("x-api-key")!: harness.key]
            let (_, company, run) = try await Self.queueRun(client, headers: headers, column: ["key": "name", "type": "string"], row: ["name": "Ada"])
            let poll = "/v1/companies/\(company)/imports/\(run)"
            func status() async throws -> (String?, Int?) {
                try await client.execute(uri: poll, method: .get, headers: headers) { response in
                    #expect(response.status == .ok)
                    let body = Self.decode(response)
                    return (body["status"] as? String, (body["progress"] as? [String: Any])?["rows_processed"] as? Int)
                }
            }
            #expect(try await status().0 == "queued")
            #expect(try await status().0 == "queued")
            func update(_ state: String, _ rows: Int) async throws {
                try await harness.database.withClient { db, _ in
                    try await db.query("""
                        UPDATE runs SET status = \(state), progress = jsonb_set(progress, '{rows_processed}', to_jsonb(\(rows)::int))
                        WHERE id = \(UUID(uuidString: run)!)
                        """)
                }
            }
            /// Polls until the run shows `state` and `rows` (a change is announced after its commit, within
            /// milliseconds); false if it does not within two seconds.
            func shows(_ state: String, _ rows: Int) async throws -> Bool {
                for _ in 0..<200 {
                    if try await status() == (state, rows) { return true }
                    try await Task.sleep(for: .milliseconds(10))
                }
                return false
            }
            // Each change of the row, however small, shows in the polls that follow.
            for (state, rows) in [("running", 0), ("running", 10), ("running", 11)] {
                try await update(state, rows)
                #expect(try await shows(state, rows))
            }
            // Once the last announcement is in, a poll caches the run; an unannounced change is then not seen:
            // the answer comes from the cache, not Postgres...
            try await Task.sleep(for: .milliseconds(200))
            #expect(try await status() == ("running", 11))
            try await harness.database.withClient { db, _ in try await db.query("ALTER TABLE runs DISABLE TRIGGER runs_changed") }
            try await update("running", 12)
            try await Task.sleep(for: .milliseconds(200))
            #expect(try await status() == ("running", 11))
            // ...and the next announced one brings the poll up to date.
            try await harness.database.withClient { db, _ in try await db.query("ALTER TABLE runs ENABLE TRIGGER runs_changed") }
            try await update("completed", 13)
            #expect(try await shows("completed", 13))
            // Cached or not, another account's key and another company's path find nothing.
            let other: HTTPFields = [.init("x-api-key")!: harness.otherKey]
            try await client.execute(uri: poll, method: .get, headers: other) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/v1/companies/\(UUID())/imports/\(run)", method: .get, headers: headers) { #expect($0.status == .notFound) }
        }
    }

    @Test func decisionsApproveIntoTheNextPlanVersionOrConflict() async throws {
        let harness = try await Self.harness()
        try await harness.app.test(.router) { client in
            let headers: HTTPFields = [.init("x-api-key")!: harness.key]
            let (plan, company, run) = try await Self.queueRun(client, headers: headers, column: ["key": "joined", "type": "date"], row: ["joined": "03/04/2024"])
            let decisions = "/v1/companies/\(company)/imports/\(run)/decisions"
            try await client.execute(uri: decisions, method: .post, headers: headers, body: Self.json(["decision": "approve"])) { response in
                #expect(response.status == .conflict)
            }
            let attention = NeedsAttention(
                questions: [.init(id: "joined-order", prompt: "Day or month first?", column: "joined", sampleValues: ["03/04/2024"], options: [
                    .init(value: "dmy", label: "Day first", action: .init(type: .setFormat, sheet: "s", column: "joined", format: "DD/MM/YYYY")),
                    .init(value: "mdy", label: "Month first", action: .init(type: .setFormat, sheet: "s", column: "joined", format: "MM/DD/YYYY")),
                ])],
                proposedPatch: PlanPatch(summary: "answer the question", actions: [], impact: .init(rowsFixed: 1, cellsChanged: 1))
            )
            let json = try JSONText.encode(attention)
            try await harness.database.withClient { db, _ in
                try await db.query("UPDATE runs SET status = 'needs_attention', needs_attention = \(json)::jsonb WHERE id = \(UUID(uuidString: run)!)")
            }
            try await client.execute(uri: "/v1/companies/\(company)/imports/\(run)", method: .get, headers: headers) { response in
                let body = Self.decode(response)
                #expect(body["status"] as? String == "needs_attention")
                #expect(((body["needs_attention"] as? [String: Any])?["questions"] as? [Any])?.count == 1)
            }
            try await client.execute(uri: decisions, method: .post, headers: headers, body: Self.json(["decision": "approve", "answers": [["id": "joined-order", "value": "ydm"]]])) { response in
                #expect(response.status == .badRequest)
            }
            try await client.execute(uri: decisions, method: .post, headers: headers, body: Self.json(["decision": "approve", "answers": [["id": "joined-order", "value": "mdy"]]])) { response in
                #expect(response.status == .ok)
                let body = Self.decode(response)
                #expect(body["status"] as? String == "queued")
                #expect(body["plan_version"] as? Int == 2)
            }
            try await client.execute(uri: "/v1/plans/\(plan)", method: .get, headers: headers) { response in
                let body = Self.decode(response)
                #expect(body["version"] as? Int == 2)
                #expect((body["created_from_run"] as? String)?.lowercased() == run.lowercased())
                #expect(((body["sheets"] as? [[String: Any]])?.first?["formats"] as? [String: String]) == ["joined": "MM/DD/YYYY"])
            }
        }
    }
}
