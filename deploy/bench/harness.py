#!/usr/bin/env python3
"""Times an Intake import and export of one contacts file against Postgres' own bulk loader on the same
machine, in the same invocation, and appends the figures to deploy/bench/results.md.

Run it through deploy/bench/run, which brings the stack up in release mode and generates the files.
"""
import argparse
import datetime
import http.client
import json
import os
import platform
import re
import subprocess
import sys
import time
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
LOCAL = os.environ.get("INTAKE_LOCAL", os.path.join(ROOT, ".local"))
URL = os.environ["INTAKE_URL"]
KEY = os.environ["INTAKE_API_KEY"]
DATABASE_URL = os.environ["DATABASE_URL"]
SERVICES = ["api-gateway", "upload-service", "import-worker", "report-service"]


def api(method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(URL + path, data=data, method=method, headers={"x-api-key": KEY, "content-type": "application/json"})
    with urllib.request.urlopen(request) as response:
        return json.loads(response.read() or b"{}")


def psql(sql):
    started = time.monotonic()
    subprocess.run(["psql", DATABASE_URL, "-v", "ON_ERROR_STOP=1", "-q", "-c", sql], check=True, stdout=subprocess.DEVNULL)
    return time.monotonic() - started


def rss_mb(service):
    """Peak resident set (VmHWM) of a running service, in MiB."""
    with open(os.path.join(LOCAL, "pids", service + ".pid")) as f:
        pid = f.read().strip()
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return float("nan")


def put_file(url, path, content_type="text/csv"):
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=3600)
    size = os.path.getsize(path)
    with open(path, "rb") as body:
        connection.request("PUT", parts.path + "?" + parts.query, body=body, headers={"content-type": content_type, "content-length": str(size)})
        response = connection.getresponse()
        text = response.read()
    if response.status != 200:
        raise SystemExit(f"upload answered {response.status}: {text[:200]}")


def import_file(company, path):
    """Upload → run completed; returns (seconds end to end, seconds of the PUT, the final run)."""
    name = os.path.basename(path)
    handshake = api("POST", f"/v1/companies/{company}/uploads", {"name": name, "content_type": "text/csv", "size": os.path.getsize(path)})
    started = time.monotonic()
    put_file(handshake["upload_url"], path)
    uploaded = time.monotonic()
    run = api("POST", f"/v1/companies/{company}/imports", {"files": [{"name": name, "upload_ref": handshake["upload_ref"]}]})
    while True:
        current = api("GET", f"/v1/companies/{company}/imports/{run['run_id']}")
        if current["status"] not in ("queued", "running"):
            break
        time.sleep(0.05)
    finished = time.monotonic()
    if current["status"] != "completed":
        raise SystemExit(f"the import ended {current['status']}: {json.dumps(current)[:500]}")
    return finished - started, uploaded - started, current


def export(company):
    """Streams the valid rows to nowhere; returns (seconds, bytes)."""
    parts = urllib.parse.urlsplit(URL)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=3600)
    started = time.monotonic()
    connection.request("GET", f"/v1/companies/{company}/export.csv?filter=valid", headers={"x-api-key": KEY})
    response = connection.getresponse()
    total = 0
    while True:
        chunk = response.read(1 << 20)
        if not chunk:
            break
        total += len(chunk)
    if response.status != 200:
        raise SystemExit(f"export answered {response.status}")
    return time.monotonic() - started, total


def stages(run_id):
    """The worker's stage timings for a run, from its log line `engine finished`."""
    with open(os.path.join(LOCAL, "logs", "import-worker.log"), errors="replace") as f:
        lines = [line for line in f if "engine finished" in line and run_id.lower() in line.lower()]
    if not lines:
        return {}
    return {name: int(ms) / 1000 for name, ms in re.findall(r"(read|heal|write|proposal)=(\d+)ms", lines[-1])}


def contacts_plan():
    """A template for the generated contacts file (ten columns, each typed) and a `report` plan over it."""
    template = api("POST", "/v1/templates", {"name": "Bench contacts", "columns": [
        {"key": "email", "type": "email", "required": True, "unique": True},
        {"key": "first_name", "type": "string"}, {"key": "last_name", "type": "string"},
        {"key": "phone", "type": "phone"}, {"key": "signed_up", "type": "date"},
        {"key": "amount", "type": "decimal"}, {"key": "active", "type": "boolean"},
        {"key": "tier", "type": "enum", "values": ["customer", "partner", "prospect"]},
        {"key": "city", "type": "string"}, {"key": "notes", "type": "string"},
    ]})["id"]
    return api("POST", "/v1/plans", {"name": "Bench", "review": "report", "sheets": [{"key": "contacts", "template_id": template}]})["id"]


def machine():
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo") as f:
            cpu = next(line.split(":", 1)[1].strip() for line in f if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    swift = subprocess.run(["swift", "--version"], capture_output=True, text=True).stdout.splitlines()[0]
    commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    return f"{os.cpu_count()} × {cpu}, {memory:.0f} GiB RAM, {platform.system()} {platform.release()}, {swift}, commit {commit}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--file", required=True)
    parser.add_argument("--small", required=True, help="a 10k-row file, imported first for the memory comparison")
    parser.add_argument("--results", default=os.path.join(ROOT, "deploy", "bench", "results.md"))
    args = parser.parse_args()
    rows = sum(1 for _ in open(args.file, "rb")) - 1
    size_mb = os.path.getsize(args.file) / 2**20

    columns = ["email", "first_name", "last_name", "phone", "signed_up", "amount", "active", "tier", "city", "notes"]
    psql("DROP TABLE IF EXISTS bench_contacts; CREATE TABLE bench_contacts (" + ", ".join(f"{c} text" for c in columns) + ")")
    copy_in = psql(f"\\copy bench_contacts FROM '{args.file}' WITH (FORMAT csv, HEADER true)")
    copy_out = psql("\\copy (SELECT * FROM bench_contacts) TO '/dev/null' WITH (FORMAT csv, HEADER true)")
    psql("DROP TABLE bench_contacts")

    plan = contacts_plan()
    stamp = str(time.time_ns())
    small_company = api("POST", "/v1/companies", {"name": "Bench small", "plan_id": plan, "external_id": "bench-small-" + stamp})["company"]["id"]
    company = api("POST", "/v1/companies", {"name": "Bench", "plan_id": plan, "external_id": "bench-" + stamp})["company"]["id"]

    import_file(small_company, args.small)
    worker_small = rss_mb("import-worker")
    total, upload, run = import_file(company, args.file)
    timings = stages(run["run_id"])
    export_seconds, export_bytes = export(company)
    peaks = {service: rss_mb(service) for service in SERVICES}

    report = run["report"]
    lines = [
        f"## {datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')} — {rows:,} rows, {size_mb:.0f} MiB",
        "",
        f"Machine: {machine()}",
        "",
        "| measure | seconds | ratio |",
        "|---|---:|---:|",
        f"| `psql \\copy` into a text table (baseline) | {copy_in:.2f} | 1.00 |",
        f"| Intake import, PUT start → `completed` | {total:.2f} | {total / copy_in:.2f} |",
        f"| &nbsp;&nbsp;upload (PUT, streamed into the blob store) | {upload:.2f} | |",
        f"| &nbsp;&nbsp;worker: read (blob chunks, decode, parse) | {timings.get('read', float('nan')):.2f} | |",
        f"| &nbsp;&nbsp;worker: heal + validate | {timings.get('heal', float('nan')):.2f} | |",
        f"| &nbsp;&nbsp;worker: write (waiting on the row store) | {timings.get('write', float('nan')):.2f} | |",
        f"| `psql \\copy (select …) to` (baseline) | {copy_out:.2f} | 1.00 |",
        f"| Intake export of the valid rows ({export_bytes / 2**20:.0f} MiB) | {export_seconds:.2f} | {export_seconds / copy_out:.2f} |",
        "",
        f"Rows: {report['inserted']:,} valid, {report['invalid_row_count']:,} invalid. "
        f"Peak RSS (MiB): " + ", ".join(f"{s} {peaks[s]:.0f}" for s in SERVICES)
        + f"; import-worker after the 10k-row import {worker_small:.0f} (growth for {rows:,} rows: {peaks['import-worker'] - worker_small:.0f}).",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    with open(args.results, "a") as f:
        f.write(text + "\n")


if __name__ == "__main__":
    main()
