import BenchmarkSupport
import Foundation
import IntakeEngine

/// The engine's parse + normalise (decode, parse, map, heal, validate; rows counted, not encoded) over a
/// contacts file, timed by a plain release executable: no benchmark harness and no malloc interposer, the
/// allocator set up as the import worker sets it. deploy/bench/engine runs it pinned to one core
/// (`taskset -c 0`) beside the ordo-one figures.
///
/// usage: EngineTimer [--untyped] FILE [ROUNDS (5)] [LANES (1)] — prints each round's wall and CPU seconds,
/// then `best wall W cpu C median wall M`. `--untyped` maps the file onto `BenchTemplate.untyped` (every
/// column a plain string): the engine's floor, without normalising.
@main
struct EngineTimer {
    static func main() async throws {
        var arguments = Array(CommandLine.arguments.dropFirst())
        let untyped = arguments.first == "--untyped"
        if untyped { arguments.removeFirst() }
        guard let path = arguments.first, let data = FileManager.default.contents(atPath: path) else {
            print("usage: EngineTimer [--untyped] FILE [ROUNDS] [LANES] (FILE: a contacts CSV from deploy/bench/generate_contacts.py)")
            exit(2)
        }
        let rounds = arguments.dropFirst().first.flatMap { Int($0) } ?? 5
        let lanes = arguments.dropFirst(2).first.flatMap { Int($0) } ?? 1
        MemoryTuning.apply()
        let bytes = Array(data)
        var walls: [Double] = []
        var bestCPU = Double.infinity
        for round in 1...max(1, rounds) {
            var sink = CountingSink(encodes: false)
            let started = Date()
            let cpuBefore = cpuSeconds()
            _ = try await BenchTemplate.run(bytes, lanes: lanes, template: untyped ? BenchTemplate.untyped : BenchTemplate.contacts, into: &sink)
            let (wall, cpu) = (Date().timeIntervalSince(started), cpuSeconds() - cpuBefore)
            print(String(format: "round %d: %d rows, wall %.3f s, cpu %.3f s", round, sink.rows, wall, cpu))
            walls.append(wall)
            bestCPU = min(bestCPU, cpu)
        }
        walls.sort()
        print(String(format: "best wall %.3f cpu %.3f median wall %.3f", walls[0], bestCPU, walls[walls.count / 2]))
    }

    /// User and system CPU time of this process so far.
    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let seconds = usage.ru_utime.tv_sec + usage.ru_stime.tv_sec
        let micros = usage.ru_utime.tv_usec + usage.ru_stime.tv_usec
        return Double(seconds) + Double(micros) / 1e6
    }
}
