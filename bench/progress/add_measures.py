#!/usr/bin/env python3
"""Adds MEASURES measures per statement with POINTS data points each (yearly, with a
baseline and two targets) to a coalition of a running server, through POST /changes in
batches of ops (the one write path); fixed seed.
  add_measures.py URL TOKEN COALITION MAP.json MEASURES POINTS"""
import json
import random
import sys
import urllib.request

url, token, coalition, path = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
measures_per, points_per = int(sys.argv[5]), int(sys.argv[6])
random.seed(2)
with open(path) as f:
    statements = [s["id"] for s in json.load(f)["statements"]]


def call(method, route, body=None):
    request = urllib.request.Request(f"{url}/api/coalitions/{coalition}{route}", method=method,
                                     data=None if body is None else json.dumps(body).encode(),
                                     headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=600) as response:
        return json.loads(response.read())


revision = call("GET", "/measures")["revision"]
measures = points = 0
for first in range(0, len(statements), 2000):
    ops = []
    for sid in statements[first:first + 2000]:
        for k in range(measures_per):
            mid = f"{sid}-m{k}"
            base = round(random.uniform(10, 90), 2)
            up = random.random() < 0.5
            goal = base * (1.3 if up else 0.7)
            ops.append({"op": "add_measure", "measure": {
                "id": mid, "statement": sid, "name": f"Measure {k} of {sid}", "direction": "up" if up else "down",
                "baseline": {"date": "2000-12-31", "value": base},
                "targets": [{"date": "2015-12-31", "value": (base + goal) / 2}, {"date": "2030-12-31", "value": goal}],
                "period_days": 365}})
            ops.append({"op": "set_data_points", "measure": mid, "points": [
                {"date": f"{2001 + y}-12-31", "value": round(base + random.uniform(-15, 15), 2)} for y in range(points_per)]})
            measures += 1
            points += points_per
    revision = call("POST", "/changes", {"base_revision": revision, "ops": ops})["revision"]
print(f"{measures} measures, {points} data points (revision {revision})", file=sys.stderr)
