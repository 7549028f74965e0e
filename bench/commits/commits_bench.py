"""Durable single-op commits per second: coalign's POST /changes (one update per
request, keep-alive, acknowledged only once on disk) against a loop of raw SQLite
insert+commit on the same disk with the same durability (WAL, synchronous=FULL: every
COMMIT waits for its fdatasync).

Two settings, each with its own ratio:
  - one client at a time: one sequential coalign client against the one SQLite loop;
  - N clients at once (--clients, default 8): N coalign clients, each editing its own
    statement, against the better of the one SQLite loop and N SQLite writer processes
    on one file. coalign's commits then share disk syncs (group commit); SQLite's
    COMMITs each pay their own.
The peers alternate in rounds so that all see the same load on a shared machine.

  python3 commits_bench.py --url http://127.0.0.1:PORT --token T --coalition ID \
      --statement PI --dir DIR [--count 2000] [--rounds 4] [--clients 8]

The HTTP client is a plain socket with the request bytes built by hand: Python's
http.client spends ~0.2 ms of CPU per request parsing headers, which is the client's
cost, not the server's, and the raw SQLite loop pays nothing like it.
"""
import argparse
import json
import multiprocessing
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
    """One client. With others committing at once, its base revision is the last one it
    saw; its edits (to its own statement) merge, and its revisions only go up."""

    def __init__(self, host, port, token, coalition, statement, alone=True):
        self.client = Client(host, port, token)
        self.coalition, self.statement, self.alone = coalition, statement, alone
        status, summary = self.client.request("GET", f"/api/coalitions/{coalition}")
        if status != 200:
            raise SystemExit(f"GET coalition {coalition}: {status} {summary}")
        self.revision = summary["revision"]
        self.done = 0

    def commit(self):
        body = json.dumps({"base_revision": self.revision,
                           "ops": [{"op": "update_statement", "id": self.statement,
                                    "set": {"title": f"commit bench {self.statement} {self.done}"}}]})
        status, answer = self.client.request("POST", f"/api/coalitions/{self.coalition}/changes", body)
        revision = answer.get("revision") if status == 200 else None
        if revision is None or (revision != self.revision + 1 if self.alone else revision <= self.revision):
            raise SystemExit(f"commit {self.done} to {self.statement}: {status} {answer}")
        self.revision = revision
        self.done += 1

    def catch_up(self):
        """Before a round of its own: the clients that ran at once moved the revision."""
        status, summary = self.client.request("GET", f"/api/coalitions/{self.coalition}")
        if status != 200:
            raise SystemExit(f"GET coalition {self.coalition}: {status} {summary}")
        self.revision = summary["revision"]

    @staticmethod
    def statement_ids(host, port, token, coalition):
        status, document = Client(host, port, token).request("GET", f"/api/coalitions/{coalition}/export")
        if status != 200:
            raise SystemExit(f"GET export of coalition {coalition}: {status}")
        return [statement["id"] for statement in document["statements"]]


class SqliteSide:
    """One writer: its own connection, its own run of revisions (writer w is coalition w)."""

    def __init__(self, path, writer=1, create=True):
        if create:
            for suffix in ("", "-wal", "-shm"):
                if os.path.exists(path + suffix):
                    os.remove(path + suffix)
        self.db = sqlite3.connect(path, isolation_level=None, timeout=30)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        # A change-log row like coalign's (its ops JSON, author, time; coalign's row also
        # holds the inverse ops, and coalign writes the statement and a field revision too).
        self.db.execute("CREATE TABLE IF NOT EXISTS changes (coalition INTEGER NOT NULL, revision INTEGER NOT NULL,"
                        " author TEXT NOT NULL, ops_json TEXT NOT NULL, created_at TEXT NOT NULL,"
                        " PRIMARY KEY (coalition, revision))")
        self.writer = writer
        self.done = self.db.execute("SELECT count(*) FROM changes WHERE coalition=?", (writer,)).fetchone()[0]

    def commit(self):
        ops = json.dumps([{"op": "update_statement", "id": "PI", "set": {"title": f"commit bench {self.done}"}}])
        self.db.execute("BEGIN IMMEDIATE")
        self.db.execute("INSERT INTO changes VALUES (?, ?, ?, ?, ?)",
                        (self.writer, self.done + 1, "Demo Steward <steward@demo.coalign>", ops,
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


def concurrent_worker(job):
    """In a process of its own: waits for the common start, then commits `count` times."""
    kind, setup, count, start_at = job
    side = CoalignSide(*setup, alone=False) if kind == "coalign" else SqliteSide(*setup, create=False)
    while time.time() < start_at:
        time.sleep(0.0005)
    latencies = []
    began = time.time()
    for _ in range(count):
        sent = time.perf_counter()
        side.commit()
        latencies.append(time.perf_counter() - sent)
    return began, time.time(), latencies


def run_concurrent(pool, kind, setups, count, latencies):
    """All clients start together; the rate is all their commits over the wall time."""
    start_at = time.time() + 0.3
    results = pool.map(concurrent_worker, [(kind, setup, count, start_at) for setup in setups])
    for result in results:
        latencies.extend(result[2])
    return max(result[1] for result in results) - min(result[0] for result in results)


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
    parser.add_argument("--count", type=int, default=2000, help="commits per peer and setting, over all rounds")
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--clients", type=int, default=8, help="clients at once in the second setting (0: skip it)")
    args = parser.parse_args()
    host, port = args.url.replace("http://", "").rstrip("/").split(":")
    port = int(port)
    probe_before = fdatasync_median(args.dir)
    peer_path = os.path.join(args.dir, "peer.db")
    coalign, peer = CoalignSide(host, port, args.token, args.coalition, args.statement), SqliteSide(peer_path)
    statements = [statement for statement in CoalignSide.statement_ids(host, port, args.token, args.coalition)
                  if statement != args.statement]  # the one client's statement is its own
    if args.clients > len(statements):
        raise SystemExit(f"--clients {args.clients}: the coalition has only {len(statements)} statements")
    per_round = max(1, args.count // args.rounds)
    per_client = max(1, per_round // max(1, args.clients))
    times = {name: 0.0 for name in ("c1", "s1", "cn", "sn")}
    lat = {name: [] for name in times}
    with multiprocessing.Pool(max(1, args.clients)) as pool:
        for _ in range(args.rounds):
            coalign.catch_up()
            times["c1"] += run_round(coalign, per_round, lat["c1"])
            times["s1"] += run_round(peer, per_round, lat["s1"])
            if args.clients:
                times["cn"] += run_concurrent(pool, "coalign", [(host, port, args.token, args.coalition, statements[client_idx])
                                                                for client_idx in range(args.clients)], per_client, lat["cn"])
                times["sn"] += run_concurrent(pool, "sqlite", [(peer_path, 100 + client_idx) for client_idx in range(args.clients)],
                                              per_client, lat["sn"])
    probe_after = fdatasync_median(args.dir)
    rate = {name: len(lat[name]) / times[name] for name in times if lat[name]}
    n = args.clients
    print(f"Durable single-op commits on one disk ({args.dir}), {args.rounds} alternating rounds")
    print(f"{'peer':<40} {'commits':>8} {'seconds':>8} {'commits/s':>10}   latency")
    rows = [("c1", "coalign POST /changes, 1 client"), ("s1", "raw SQLite insert+commit, 1 loop"),
            ("cn", f"coalign POST /changes, {n} clients"), ("sn", f"raw SQLite insert+commit, {n} writers")]
    for name, label in rows:
        if lat[name]:
            print(f"{label:<40} {len(lat[name]):>8} {times[name]:>8.2f} {rate[name]:>10.0f}   {describe(lat[name])}")
    print(f"peer settings: {peer.settings()}; sqlite {sqlite3.sqlite_version};"
          f" fdatasync of 4 KiB on this disk: median {probe_before:.2f} ms before, {probe_after:.2f} ms after;"
          f" load average {' '.join(f'{value:.2f}' for value in os.getloadavg())}")
    one = rate["c1"] / rate["s1"]
    print(f"ratio coalign/sqlite, one client at a time: {one:.2f} (aim >= 0.5: {'met' if one >= 0.5 else 'missed'})")
    if n:
        best = max(rate["s1"], rate["sn"])
        many = rate["cn"] / best
        print(f"ratio coalign/sqlite, {n} clients at once (against SQLite's better rate, {best:.0f}/s): {many:.2f}"
              f" (aim >= 0.5: {'met' if many >= 0.5 else 'missed'})")


if __name__ == "__main__":
    main()
