import Foundation

/// Standard command-line tools as independent checkers of what the API produced.
enum Tools {
    /// Runs `command` with `input` on stdin; returns stdout, or nil when it fails.
    static func run(_ command: [String], input: [UInt8]) throws -> String? {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = command
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = FileHandle.nullDevice
        try process.run()
        stdin.fileHandleForWriting.write(Data(input))
        try stdin.fileHandleForWriting.close()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return process.terminationStatus == 0 ? String(decoding: output, as: UTF8.self) : nil
    }

    static func gunzip(_ bytes: [UInt8]) throws -> String? {
        try run(["gzip", "-dc"], input: bytes)
    }

    /// The archive's entries as `name` → text, read by Python's zipfile (which checks every CRC).
    static func unzip(_ bytes: [UInt8]) throws -> [String: String]? {
        let script = "import sys,zipfile,io,json; z=zipfile.ZipFile(io.BytesIO(sys.stdin.buffer.read())); assert z.testzip() is None; print(json.dumps({n: z.read(n).decode() for n in z.namelist()}))"
        guard let json = try run(["python3", "-c", script], input: bytes) else { return nil }
        return try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: String]
    }
}
