"""One writer of the durability kill test: commits title updates of its own statement
through POST /changes as fast as the server answers, and appends every acknowledged
change ("revision<TAB>statement<TAB>title") to its ack file, flushed before the next
request, until the server goes away or the time limit passes.

  python3 kill_client.py PORT TOKEN COALITION STATEMENT TAG ACK_FILE [SECONDS]
"""
import http.client
import json
import sys
import time


def main():
    port, token, coalition, statement, tag, ack_path = sys.argv[1:7]
    seconds = float(sys.argv[7]) if len(sys.argv) > 7 else 10.0
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    deadline = time.monotonic() + seconds
    revision = 0
    sequence = 0
    with open(ack_path, "a", encoding="utf-8") as acks:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", int(port), timeout=10)
            connection.request("GET", f"/api/coalitions/{coalition}", headers=headers)
            revision = json.loads(connection.getresponse().read())["revision"]
            while time.monotonic() < deadline and sequence < 100000:
                title = f"{tag}-{sequence}"
                body = json.dumps({"base_revision": revision,
                                   "ops": [{"op": "update_statement", "id": statement, "set": {"title": title}}]})
                connection.request("POST", f"/api/coalitions/{coalition}/changes", body=body, headers=headers)
                response = connection.getresponse()
                answer = json.loads(response.read())
                if response.status != 200:
                    print(f"kill_client {tag}: unexpected {response.status} {answer}", file=sys.stderr)
                    return 2
                revision = answer["revision"]
                acks.write(f"{revision}\t{statement}\t{title}\n")
                acks.flush()
                sequence += 1
        except (OSError, http.client.HTTPException, ValueError):
            pass  # the server was killed: what was acknowledged is in the file
    return 0


if __name__ == "__main__":
    sys.exit(main())
