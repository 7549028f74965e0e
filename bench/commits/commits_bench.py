"""Durable single-op commits per second: coalign's POST /changes from one sequential
client (one update per request, keep-alive), against a loop of raw SQLite
insert+commit on the same disk with the same durability settings (WAL,
synchronous=FULL). The two alternate in rounds (coalign, SQLite, coalign, ...) so that
both see the same load on a shared machine; prints a table and the ratio.

  python3 commits_bench.py --url http://127.0.0.1:PORT --token T --coalition ID \
      --statement PI --dir DIR [--count 2000] [--rounds 4]

The HTTP client is a plain socket with the request bytes built by hand: Python's
http.client spends ~0.2 ms of CPU per request parsing headers, which is the client's
cost, not the server's, and the raw SQLite loop pays nothing like it.
"""
import argparse
import json
import os
import socket
import sqlite3
import statistics
import time


class Client:
    """HTTP/1.1 keep-alive client for small JSON requests and responses."""

    def __init__(self, host, port, token):
        self.host = host
        self.socket = socket.create_connection((host, port), timeout=30)
        self.socket.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.token = token
        self.buffer = b""

    def request(self, method, path, body=None):
        payload = b"" if body is None else body.encode()
        head = (f"{method} {path} HTTP/1.1\r\nHost: {self.host}\r\nAuthorization: Bearer {self.token}\r\n"
                f"Content-Type: application/json\r\nContent-Length: {len(payload)}\r\n\r\n").encode()
        self.socket.sendall(head + payload)
        while b"\r\n\r\n" not in self.buffer:
            self.read_more()
        header, self.buffer = self.buffer.split(b"\r\n\r\n", 1)
        lines = header.split(b"\r\n")
        status = int(lines[0].split(b" ", 2)[1])
        length = None
        for line in lines[1:]:
            name, _, value = line.partition(b":")
            if name.strip().lower() == b"content-length":
                length = int(value)
        if length is None:
            raise SystemExit(f"{method} {path}: no Content-Length in the response")
        while len(self.buffer) < length:
            self.read_more()
        answer, self.buffer = self.buffer[:length], self.buffer[length:]
        return status, json.loads(answer)

    def read_more(self):
        chunk = self.socket.recv(65536)
        if not chunk:
            raise SystemExit("the server closed the connection")
        self.buffer += chunk


class CoalignSide:
    def __init__(self, host, port, token, coalition, statement):
        self.client = Client(host, port, token)
        self.coalition, self.statement = coalition, statement
        status, summary = self.client.request("GET", f"/api/coalitions/{coalition}")
        if status != 200:
            raise SystemExit(f"GET coalition {coalition}: {status} {summary}")
        self.revision = summary["revision"]
        self.done = 0

    def commit(self):
        body = json.dumps({"base_revision": self.revision,
                           "ops": [{"op": "update_statement", "id": self.statement,
                                    "set": {"title": f"commit bench {self.done}"}}]})
        status, answer = self.client.request("POST", f"/api/coalitions/{self.coalition}/changes", body)
        if status != 200 or answer.get("revision") != self.revision + 1:
            raise SystemExit(f"commit {self.done}: {status} {answer}")
        self.revision = answer["revision"]
        self.done += 1


class SqliteSide:
    def __init__(self, directory):
        path = os.path.join(directory, "peer.db")
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(path + suffix):
                os.remove(path + suffix)
        self.db = sqlite3.connect(path, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        # A change-log row like coalign's (its ops JSON, author, time; coalign's row also
        # holds the inverse ops, and coalign writes the statement and a field revision too).
        self.db.execute("CREATE TABLE changes (coalition INTEGER NOT NULL, revision INTEGER NOT NULL,"
                        " author TEXT NOT NULL, ops_json TEXT NOT NULL, created_at TEXT NOT NULL,"
                        " PRIMARY KEY (coalition, revision))")
        self.done = 0

    def commit(self):
        ops = json.dumps([{"op": "update_statement", "id": "PI", "set": {"title": f"commit bench {self.done}"}}])
        self.db.execute("BEGIN IMMEDIATE")
        self.db.execute("INSERT INTO changes VALUES (?, ?, ?, ?, ?)",
                        (1, self.done + 1, "Demo Steward <steward@demo.coalign>", ops,
                         time.strftime("%Y-%m-%dT%H:%M:%SZ")))
        self.db.execute("COMMIT")
        self.done += 1

    def settings(self):
        mode = self.db.execute("PRAGMA journal_mode").fetchone()[0]
        sync = self.db.execute("PRAGMA synchronous").fetchone()[0]
        return f"journal_mode={mode} synchronous={sync} (2=FULL)"


def run_round(side, count, latencies):
    started = time.perf_counter()
    for _ in range(count):
        sent = time.perf_counter()
        side.commit()
        latencies.append(time.perf_counter() - sent)
    return time.perf_counter() - started


def fdatasync_median(directory, count=100):
    """How long this disk takes to make a small write durable right now (context only)."""
    path = os.path.join(directory, "fdatasync.probe")
    fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_TRUNC, 0o600)
    try:
        os.pwrite(fd, b"\0" * 8192 * count, 0)
        os.fsync(fd)
        samples = []
        for probe_idx in range(count):
            started = time.perf_counter()
            os.pwrite(fd, b"x" * 4096, probe_idx * 8192)
            os.fdatasync(fd)
            samples.append(time.perf_counter() - started)
        return statistics.median(samples) * 1000
    finally:
        os.close(fd)
        os.remove(path)


def describe(latencies):
    ordered = sorted(latencies)
    pick = lambda fraction: ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] * 1000
    return f"p50 {pick(0.5):.2f} ms, p99 {pick(0.99):.2f} ms, mean {statistics.mean(latencies) * 1000:.2f} ms"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--coalition", required=True)
    parser.add_argument("--statement", default="PI")
    parser.add_argument("--dir", required=True)
    parser.add_argument("--count", type=int, default=2000, help="commits per peer, over all rounds")
    parser.add_argument("--rounds", type=int, default=4)
    args = parser.parse_args()
    host, port = args.url.replace("http://", "").rstrip("/").split(":")
    probe_before = fdatasync_median(args.dir)
    coalign, peer = CoalignSide(host, int(port), args.token, args.coalition, args.statement), SqliteSide(args.dir)
    per_round = max(1, args.count // args.rounds)
    c_lat, s_lat, c_time, s_time = [], [], 0.0, 0.0
    for _ in range(args.rounds):
        c_time += run_round(coalign, per_round, c_lat)
        s_time += run_round(peer, per_round, s_lat)
    probe_after = fdatasync_median(args.dir)
    c_rate, s_rate = len(c_lat) / c_time, len(s_lat) / s_time
    print(f"Durable single-op commits, one sequential client, same disk ({args.dir}),"
          f" {args.rounds} alternating rounds of {per_round}")
    print(f"{'peer':<34} {'commits':>8} {'seconds':>8} {'commits/s':>10}   latency")
    print(f"{'coalign POST /changes':<34} {len(c_lat):>8} {c_time:>8.2f} {c_rate:>10.0f}   {describe(c_lat)}")
    print(f"{'raw SQLite insert+commit':<34} {len(s_lat):>8} {s_time:>8.2f} {s_rate:>10.0f}   {describe(s_lat)}")
    print(f"peer settings: {peer.settings()}; sqlite {sqlite3.sqlite_version};"
          f" fdatasync of 4 KiB on this disk: median {probe_before:.2f} ms before, {probe_after:.2f} ms after;"
          f" load average {' '.join(f'{value:.2f}' for value in os.getloadavg())}")
    print(f"ratio coalign/sqlite: {c_rate / s_rate:.2f} (aim >= 0.5)")


if __name__ == "__main__":
    main()
