import Hummingbird
import IntakePersistence

/// JSON responses in the API's coding (snake_case keys, RFC 3339 dates), for every service.
public enum JSONResponse {
    public static func make(_ status: HTTPResponse.Status = .ok, _ value: some Encodable, headers: HTTPFields = [:]) throws -> Response {
        var headers = headers
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: try JSONText.encoder.encode(value))))
    }

    /// A response whose JSON body is already encoded.
    public static func make(_ status: HTTPResponse.Status = .ok, encoded body: ByteBuffer, headers: HTTPFields = [:]) -> Response {
        var headers = headers
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: body))
    }
}
