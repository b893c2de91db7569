import Foundation
import IntakeServiceKit
import IntakeTestSupport
import Testing

/// Signed uploads and file imports, through the gateway and the upload service.
@Suite(.serialized) struct UploadTests {
    static let csv = "\u{FEFF}Title line of an export\r\n\r\nE-mail;First Name;Signed up;vip;seats\r\nada@example.com;Ada;31/12/2023;yes;\"1,200\"\r\n\"grace@example.com\";\"Grace \"\"Amazing\"\"\";01/02/2024;no;12\r\nbroken;Bob;02/02/2024;n;1\r\n"

    func withStack(_ body: (LocalStack, IntakeClient) async throws -> Void) async throws {
        try await LocalStack.with("upload", body)
    }

    func company(_ client: IntakeClient) async throws -> String {
        let template = try await client.createTemplate(ImportLifecycleTests.contactsTemplate)
        let plan = try await client.createPlan(ImportLifecycleTests.plan(template: template))
        return try await client.createCompany(name: "Acme", planId: plan)
    }

    @Test func anUploadedCSVImportsThroughItsPlan() async throws {
        try await withStack { _, client in
            let company = try await company(client)
            let handshake = try await client.createUpload(company: company, name: "contacts.csv", contentType: "text/csv", size: Self.csv.utf8.count)
            #expect(handshake.status == 201)
            let url = try #require(handshake.json["upload_url"] as? String)
            #expect(handshake.json["expires_at"] is String)
            let put = try await HTTP.put(url, bytes: Array(Self.csv.utf8), contentType: "text/csv; charset=utf-8")
            #expect(put.0 == 200)
            let stored = try JSONSerialization.jsonObject(with: Data(put.2.utf8)) as? [String: Any]
            #expect(stored?["size"] as? Int == Self.csv.utf8.count)
            #expect((stored?["sha256"] as? String)?.count == 64)
            #expect(try await HTTP.put(url, bytes: Array(Self.csv.utf8), contentType: "text/csv").0 == 409)

            let ref = try #require(handshake.json["upload_ref"] as? String)
            let created = try await client.createImport(company: company, ["files": [["name": "contacts.csv", "upload_ref": ref]]])
            #expect(created.status == 201)
            let run = try await client.waitForRun(company: company, run: try #require(created.json["run_id"] as? String))
            #expect(run["status"] as? String == "completed")
            let heals = (run["healing"] as? [[String: Any]] ?? []).map { "\($0["kind"] ?? "")|\($0["from"] ?? "")|\($0["to"] ?? "")" }
            #expect(Array(heals.prefix(2)) == ["delimiter|;|,", "header_row|record 1|record 3"])
            #expect(heals.contains("number_format|1,200|1200"))
            let valid = try await client.export(company: company, query: "filter=valid")
            #expect(valid.body == "email,first_name,signup_date,vip,seats\r\nada@example.com,Ada,2023-12-31,true,1200\r\ngrace@example.com,\"Grace \"\"Amazing\"\"\",2024-02-01,false,12\r\n")
            #expect(try await client.export(company: company, query: "filter=invalid").body.hasSuffix("broken,Bob,2024-02-02,false,1\r\n"))
        }
    }

    @Test func badUploadsAreRefusedAndKeepNothing() async throws {
        try await withStack { stack, client in
            let company = try await company(client)
            func handshake(size: Int = 10, type: String = "text/csv") async throws -> (ref: String, url: String) {
                let response = try await client.createUpload(company: company, name: "f.csv", contentType: type, size: size)
                return (try #require(response.json["upload_ref"] as? String), try #require(response.json["upload_url"] as? String))
            }
            #expect(try await client.createUpload(company: company, name: "f.exe", contentType: "application/x-msdownload", size: 10).status == 400)
            #expect(try await client.createUpload(company: company, name: "f.csv", contentType: "text/csv", size: 0).status == 400)
            #expect(try await client.createUpload(company: company, name: "f.csv", contentType: "text/csv", size: 1 << 40).status == 413)

            let wrongType = try await handshake()
            let refused = try await HTTP.put(wrongType.url, bytes: Array("0123456789".utf8), contentType: "application/json")
            #expect(refused.0 == 415)
            #expect(refused.2.contains("\"code\":\"unsupported_media_type\""))
            #expect(try await HTTP.put(wrongType.url, bytes: Array("0123456789".utf8), contentType: "text/csv").0 == 200, "a refused PUT leaves the URL usable")

            // A Content-Length other than the declared size is refused from the header, before the body is read.
            // Each body goes as one buffer: streamed in parts, the client could still be sending when the 400
            // arrived, and AsyncHTTPClient then fails the call (`bodyLengthMismatch`) instead of returning it (2
            // of 150 streamed PUTs under CPU load here, 0 of 150 sent as one buffer).
            let short = try await handshake()
            let shortPut = try await HTTP.put(short.url, bytes: Array("01234567".utf8), contentType: "text/csv")
            #expect(shortPut.0 == 400)
            #expect(shortPut.2.contains("Content-Length is 8 but this upload was declared as 10 bytes"), "\(shortPut.2)")
            let long = try await handshake()
            let longPut = try await HTTP.put(long.url, bytes: Array("0123456789AB".utf8), contentType: "text/csv")
            #expect(longPut.0 == 400)
            #expect(longPut.2.contains("Content-Length is 12 but this upload was declared as 10 bytes"), "\(longPut.2)")
            let notStored = try await client.createImport(company: company, ["files": [["name": "f.csv", "upload_ref": long.ref]]])
            #expect(notStored.status == 400)
            // Bodies of several chunks (inserted while the next arrives) that end short or run over: refused,
            // and every chunk already stored is gone.
            func storedChunks() throws -> String? {
                try stack.sql("SELECT count(*) FROM blob_chunks")
            }
            let chunksBefore = try storedChunks()
            let size = 3 << 20
            let shortLarge = try await handshake(size: size)
            #expect(try await HTTP.putGenerated(shortLarge.url, size: size - (64 << 10), contentType: "text/csv", chunk: 64 << 10, chunked: true).0 == 400)
            let longLarge = try await handshake(size: size)
            let overrun = try await HTTP.putGenerated(longLarge.url, size: size + (64 << 10), contentType: "text/csv", chunk: 64 << 10, chunked: true)
            #expect(overrun.0 == 400, "\(overrun)")
            #expect(try storedChunks() == chunksBefore)

            let tampered = try await handshake()
            let forged = tampered.url.replacingOccurrences(of: "size=10", with: "size=11")
            #expect(try await HTTP.put(forged, bytes: Array("01234567890".utf8), contentType: "text/csv").0 == 403)

            let secret = try #require(stack.environment["INTAKE_UPLOAD_SECRET"])
            let expired = UploadSignature(secret: secret).url(baseURL: stack.uploadURL, claims: .init(
                ref: try #require(UUID(uuidString: tampered.ref)), company: try #require(UUID(uuidString: company)),
                contentType: "text/csv", size: 10, expires: Int(Date().timeIntervalSince1970) - 1
            ))
            let expiredPut = try await HTTP.put(expired, bytes: Array("0123456789".utf8), contentType: "text/csv")
            #expect(expiredPut.0 == 403)
            #expect(expiredPut.2.contains("upload_expired"))

            let other = IntakeClient(baseURL: stack.gatewayURL, apiKey: try stack.createAccount(name: "Other"))
            #expect(try await other.createUpload(company: company, name: "f.csv", contentType: "text/csv", size: 10).status == 404)
        }
    }

    @Test func aLargeUploadStreamsWithFlatMemory() async throws {
        try await withStack { stack, client in
            let company = try await company(client)
            let size = 200 << 20
            let handshake = try await client.createUpload(company: company, name: "big.csv", contentType: "text/csv", size: size)
            let url = try #require(handshake.json["upload_url"] as? String)
            let before = try #require(stack.peakResidentBytes("upload-service"))
            let put = try await HTTP.putGenerated(url, size: size, contentType: "text/csv")
            #expect(put.0 == 200, "\(put.2)")
            let after = try #require(stack.peakResidentBytes("upload-service"))
            #expect(after - before < 64 << 20, "upload-service peak RSS grew by \((after - before) >> 20) MiB for a \(size >> 20) MiB upload")
        }
    }

    @Test func aDraftFromAnUploadIsAPlanBodyThatPostsAsIs() async throws {
        try await withStack { _, client in
            let contacts = try await client.createTemplate(ImportLifecycleTests.contactsTemplate)
            let deals = try await client.createTemplate(["name": "Deals", "columns": [["key": "deal_name", "type": "string"], ["key": "amount", "type": "decimal"]]])
            let company = try await client.createCompany(name: "Acme", planId: try await client.createPlan(ImportLifecycleTests.plan(template: contacts)))
            let ref = try await client.upload(company: company, name: "export.csv", text: Self.csv)
            let draft = try await client.call("POST", "/v1/plans/draft", ["template_ids": [deals, contacts], "files": [["name": "export.csv", "upload_ref": ref]]])
            #expect(draft.status == 200)
            let sheet = try #require((draft.json["sheets"] as? [[String: Any]])?.first)
            #expect((sheet["template_id"] as? String)?.lowercased() == contacts.lowercased())
            #expect(sheet["file"] as? String == "export.csv")
            #expect(sheet["mapping"] as? [String: String] == ["email": "E-mail", "first_name": "First Name", "signup_date": "Signed up", "vip": "vip", "seats": "seats"])
            let provenance = try #require(sheet["provenance"] as? [String: String])
            #expect(provenance["email"] == "exact", "E-mail normalises to email")
            #expect(provenance["first_name"] == "exact")
            #expect(provenance["signup_date"] == "synonym")
            #expect((sheet["confidence"] as? [String: Double])?["vip"] == 1.0)

            let posted = try await client.call("POST", "/v1/plans", draft.json)
            #expect(posted.status == 201, "the draft posts as a plan: \(posted.json)")
            #expect(try await client.call("POST", "/v1/plans/draft", ["template_ids": [contacts]]).status == 400)
        }
    }

    @Test func aWindows1252FileIsReadAndTheHealReported() async throws {
        try await withStack { _, client in
            let company = try await company(client)
            let bytes: [UInt8] = Array("E-mail,First Name\r\nzoe@example.com,Zo".utf8) + [0xEB] + Array("\r\n".utf8)
            let handshake = try await client.createUpload(company: company, name: "legacy.csv", contentType: "text/csv", size: bytes.count)
            let put = try await HTTP.put(try #require(handshake.json["upload_url"] as? String), bytes: bytes, contentType: "text/csv")
            #expect(put.0 == 200)
            let created = try await client.createImport(company: company, ["files": [["name": "legacy.csv", "upload_ref": try #require(handshake.json["upload_ref"] as? String)]]])
            let run = try await client.waitForRun(company: company, run: try #require(created.json["run_id"] as? String))
            #expect(run["status"] as? String == "completed")
            let heal = (run["healing"] as? [[String: Any]])?.first
            #expect(heal?["kind"] as? String == "encoding")
            #expect(heal?["from"] as? String == "windows-1252")
            #expect(try await client.export(company: company, query: "filter=all").body == "email,first_name,signup_date,vip,seats\r\nzoe@example.com,Zoë,,,\r\n")
        }
    }
}
