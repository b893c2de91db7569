"""The baseline of the engine benchmarks: Python's C `csv.reader` over a file, every record read and dropped.

usage: python3 deploy/bench/csv_reader_seconds.py FILE [RUNS (1)] — prints the best of RUNS wall times, in
seconds.
"""
import csv
import sys
import time


def seconds(path):
    started = time.perf_counter()
    with open(path, newline="") as f:
        for _ in csv.reader(f):
            pass
    return time.perf_counter() - started


if __name__ == "__main__":
    path, runs = sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1
    print(f"{min(seconds(path) for _ in range(runs)):.4f}")
