"""Checks, after a restart, that every acknowledged change of the kill test is in the
change log at its revision, the log is gap-free and in order, and the state agrees
with the log (each written statement has the title of the last change to it).

  python3 kill_check.py PORT TOKEN COALITION ACK_FILE...
Exits 1 and says what is missing on any loss.
"""
import http.client
import json
import sys


def get(connection, path, headers):
    connection.request("GET", path, headers=headers)
    response = connection.getresponse()
    body = json.loads(response.read())
    if response.status != 200:
        raise SystemExit(f"GET {path}: {response.status} {body}")
    return body


def main():
    port, token, coalition = sys.argv[1:4]
    headers = {"Authorization": f"Bearer {token}"}
    connection = http.client.HTTPConnection("127.0.0.1", int(port), timeout=30)
    log = {}
    order = []
    after = 0
    for _page in range(10000):
        page = get(connection, f"/api/coalitions/{coalition}/changes?after={after}&limit=1000", headers)
        if not page["changes"]:
            break
        for change in page["changes"]:
            order.append(change["revision"])
            log[change["revision"]] = change
        after = page["changes"][-1]["revision"]
    current = get(connection, f"/api/coalitions/{coalition}", headers)["revision"]
    problems = []
    if order != list(range(1, len(order) + 1)):
        problems.append(f"the change log is not 1..N in order (first {order[:3]}, {len(order)} changes)")
    if order and order[-1] != current:
        problems.append(f"the last change is {order[-1]} but the coalition is at revision {current}")
    acks = 0
    for ack_path in sys.argv[4:]:
        with open(ack_path, encoding="utf-8") as lines:
            for line in lines:
                if not line.endswith("\n"):
                    continue  # a line being written when the client stopped
                revision, statement, title = line.rstrip("\n").split("\t")
                acks += 1
                change = log.get(int(revision))
                want = [{"op": "update_statement", "id": statement, "set": {"title": title}}]
                if change is None:
                    problems.append(f"acknowledged revision {revision} ({statement} = {title}) is missing")
                elif [{k: op.get(k) for k in ("op", "id", "set")} for op in change["ops"]] != want:
                    problems.append(f"revision {revision} holds {change['ops']}, acknowledged as {statement} = {title}")
    # The state: each statement's title is the one its last change in the log set.
    last_title = {}
    for revision in order:
        for op in log[revision]["ops"]:
            if op.get("op") == "update_statement" and "title" in op.get("set", {}):
                last_title[op["id"]] = op["set"]["title"]
    document = get(connection, f"/api/coalitions/{coalition}/export", headers)
    titles = {statement["id"]: statement.get("title") for statement in document["statements"]}
    for statement, title in last_title.items():
        if titles.get(statement) != title:
            problems.append(f"state: {statement} has title {titles.get(statement)!r}, the log's last change says {title!r}")
    for problem in problems[:20]:
        print(f"LOSS: {problem}", file=sys.stderr)
    print(f"{acks} acknowledged changes checked against {len(order)} in the log (revision {current}): "
          f"{'ok' if not problems else str(len(problems)) + ' problems'}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
