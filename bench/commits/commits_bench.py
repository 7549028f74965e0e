"""Durable single-op commits per second: coalign's POST /changes from one sequential
client (one update per request, keep-alive), against a loop of raw SQLite
insert+commit on the same disk with the same durability settings (WAL,
synchronous=FULL). Both run here, one after the other; prints a table and the ratio.

  python3 commits_bench.py --url http://127.0.0.1:PORT --token T --coalition ID \
      --statement PI --dir DIR [--count 2000]
"""
import argparse
import http.client
import json
import os
import sqlite3
import statistics
import time


def coalign_commits(host, port, token, coalition, statement, count, time_limit):
    connection = http.client.HTTPConnection(host, port, timeout=30)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    connection.request("GET", f"/api/coalitions/{coalition}", headers=headers)
    response = connection.getresponse()
    summary = json.loads(response.read())
    if response.status != 200:
        raise SystemExit(f"GET coalition {coalition}: {response.status} {summary}")
    revision = summary["revision"]
    latencies = []
    started = time.perf_counter()
    for commit_idx in range(count):
        body = json.dumps({"base_revision": revision,
                           "ops": [{"op": "update_statement", "id": statement,
                                    "set": {"title": f"commit bench {commit_idx}"}}]})
        sent = time.perf_counter()
        connection.request("POST", f"/api/coalitions/{coalition}/changes", body=body, headers=headers)
        response = connection.getresponse()
        answer = json.loads(response.read())
        latencies.append(time.perf_counter() - sent)
        if response.status != 200:
            raise SystemExit(f"commit {commit_idx}: {response.status} {answer}")
        revision = answer["revision"]
        if time.perf_counter() - started > time_limit:
            break
    elapsed = time.perf_counter() - started
    connection.close()
    return len(latencies), elapsed, latencies


def sqlite_commits(directory, count, time_limit):
    path = os.path.join(directory, "peer.db")
    for suffix in ("", "-wal", "-shm"):
        if os.path.exists(path + suffix):
            os.remove(path + suffix)
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA synchronous=FULL")
    # A change-log row of the same size as coalign's (its ops JSON, author, time).
    db.execute("CREATE TABLE changes (coalition INTEGER NOT NULL, revision INTEGER NOT NULL, author TEXT NOT NULL,"
               " ops_json TEXT NOT NULL, created_at TEXT NOT NULL, PRIMARY KEY (coalition, revision))")
    latencies = []
    started = time.perf_counter()
    for commit_idx in range(count):
        ops = json.dumps([{"op": "update_statement", "id": "PI", "set": {"title": f"commit bench {commit_idx}"}}])
        sent = time.perf_counter()
        db.execute("BEGIN IMMEDIATE")
        db.execute("INSERT INTO changes VALUES (?, ?, ?, ?, ?)",
                   (1, commit_idx + 1, "Demo Steward <steward@demo.coalign>", ops, time.strftime("%Y-%m-%dT%H:%M:%SZ")))
        db.execute("COMMIT")
        latencies.append(time.perf_counter() - sent)
        if time.perf_counter() - started > time_limit:
            break
    elapsed = time.perf_counter() - started
    mode = db.execute("PRAGMA journal_mode").fetchone()[0]
    sync = db.execute("PRAGMA synchronous").fetchone()[0]
    db.close()
    return len(latencies), elapsed, latencies, f"journal_mode={mode} synchronous={sync} (2=FULL)"


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
    parser.add_argument("--count", type=int, default=2000)
    parser.add_argument("--time-limit", type=float, default=120.0)
    args = parser.parse_args()
    host, port = args.url.replace("http://", "").rstrip("/").split(":")
    c_count, c_elapsed, c_lat = coalign_commits(host, int(port), args.token, args.coalition, args.statement,
                                                args.count, args.time_limit)
    s_count, s_elapsed, s_lat, settings = sqlite_commits(args.dir, args.count, args.time_limit)
    c_rate, s_rate = c_count / c_elapsed, s_count / s_elapsed
    print(f"Durable single-op commits, one sequential client, same disk ({args.dir})")
    print(f"{'peer':<34} {'commits':>8} {'seconds':>8} {'commits/s':>10}   latency")
    print(f"{'coalign POST /changes':<34} {c_count:>8} {c_elapsed:>8.2f} {c_rate:>10.0f}   {describe(c_lat)}")
    print(f"{'raw SQLite insert+commit':<34} {s_count:>8} {s_elapsed:>8.2f} {s_rate:>10.0f}   {describe(s_lat)}")
    print(f"peer settings: {settings}; sqlite {sqlite3.sqlite_version}")
    print(f"ratio coalign/sqlite: {c_rate / s_rate:.2f} (aim >= 0.5)")


if __name__ == "__main__":
    main()
