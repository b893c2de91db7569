import Foundation

/// A client of the public API written from DESIGN.md: one helper per endpoint.
struct IntakeClient {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let baseURL: String
    let apiKey: String

    func call(_ method: String, _ path: String, _ body: Any? = nil) async throws -> (status: Int, headers: [String: String], json: [String: Any]) {
        let text = try body.map { String(decoding: try JSONSerialization.data(withJSONObject: $0), as: UTF8.self) }
        let (status, headers, responseBody) = try await HTTP.request(method, baseURL + path, headers: ["x-api-key": apiKey], body: text)
        let json = (try? JSONSerialization.jsonObject(with: Data(responseBody.utf8))) as? [String: Any] ?? [:]
        return (status, headers, json)
    }

    func createTemplate(_ body: [String: Any]) async throws -> String {
        try await created(call("POST", "/v1/templates", body), "id")
    }

    func createPlan(_ body: [String: Any]) async throws -> String {
        try await created(call("POST", "/v1/plans", body), "id")
    }

    func createCompany(name: String, planId: String) async throws -> String {
        let response = try await call("POST", "/v1/companies", ["name": name, "plan_id": planId])
        guard response.status == 201, let company = response.json["company"] as? [String: Any], let id = company["id"] as? String else {
            throw Failure(description: "create company answered \(response.status): \(response.json)")
        }
        return id
    }

    func createImport(company: String, _ body: [String: Any]) async throws -> (status: Int, headers: [String: String], json: [String: Any]) {
        try await call("POST", "/v1/companies/\(company)/imports", body)
    }

    func run(company: String, run: String) async throws -> [String: Any] {
        try await call("GET", "/v1/companies/\(company)/imports/\(run)").json
    }

    /// Polls until the run leaves queued/running or `seconds` pass; returns the last poll.
    func waitForRun(company: String, run runId: String, seconds: Double = 60) async throws -> [String: Any] {
        let deadline = ContinuousClock.now + .seconds(seconds)
        var last: [String: Any] = [:]
        while ContinuousClock.now < deadline {
            last = try await run(company: company, run: runId)
            if let status = last["status"] as? String, !["queued", "running"].contains(status) { return last }
            try await Task.sleep(for: .milliseconds(100))
        }
        return last
    }

    func export(company: String, query: String) async throws -> (status: Int, headers: [String: String], body: String) {
        try await HTTP.request("GET", baseURL + "/v1/companies/\(company)/export.csv?\(query)", headers: ["x-api-key": apiKey])
    }

    private func created(_ response: (status: Int, headers: [String: String], json: [String: Any]), _ key: String) throws -> String {
        guard response.status == 201, let id = response.json[key] as? String else {
            throw Failure(description: "expected 201, got \(response.status): \(response.json)")
        }
        return id
    }
}

extension IntakeClient {
    /// The upload handshake; returns the whole response.
    func createUpload(company: String, name: String, contentType: String, size: Int) async throws -> (status: Int, headers: [String: String], json: [String: Any]) {
        try await call("POST", "/v1/companies/\(company)/uploads", ["name": name, "content_type": contentType, "size": size])
    }

    /// Handshake and PUT in one: returns the upload ref of a stored file.
    func upload(company: String, name: String, text: String, contentType: String = "text/csv") async throws -> String {
        try await upload(company: company, name: name, bytes: Array(text.utf8), contentType: contentType)
    }

    func upload(company: String, name: String, bytes: [UInt8], contentType: String) async throws -> String {
        let handshake = try await createUpload(company: company, name: name, contentType: contentType, size: bytes.count)
        guard handshake.status == 201, let url = handshake.json["upload_url"] as? String, let ref = handshake.json["upload_ref"] as? String else {
            throw Failure(description: "upload handshake answered \(handshake.status): \(handshake.json)")
        }
        let (status, _, body) = try await HTTP.put(url, bytes: bytes, contentType: contentType)
        guard status == 200 else { throw Failure(description: "PUT answered \(status): \(body)") }
        return ref
    }
}

extension IntakeClient {
    func cancel(company: String, run: String) async throws -> (status: Int, headers: [String: String], json: [String: Any]) {
        try await call("POST", "/v1/companies/\(company)/imports/\(run)/cancel")
    }

    func invalidCells(company: String, run: String, query: String = "") async throws -> (status: Int, headers: [String: String], json: [String: Any]) {
        try await call("GET", "/v1/companies/\(company)/imports/\(run)/invalid-cells\(query.isEmpty ? "" : "?" + query)")
    }

    /// The export as raw bytes, with extra request headers (e.g. Accept-Encoding).
    func exportBytes(company: String, query: String, headers: [String: String] = [:]) async throws -> (status: Int, headers: [String: String], body: [UInt8]) {
        try await HTTP.bytes("GET", baseURL + "/v1/companies/\(company)/export.csv?\(query)", headers: headers.merging(["x-api-key": apiKey]) { $1 })
    }
}
