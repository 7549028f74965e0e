#!/usr/bin/env python3
"""Writes a long-format CSV of N data points (date,group,value): N/1000 daily dates for
each of 1000 groups, values with 4 decimals, fixed seed."""
import datetime
import random
import sys

n = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
groups = 1000
per_group = max(1, n // groups)
random.seed(1)
start = datetime.date(1990, 1, 1)
dates = [(start + datetime.timedelta(days=i)).isoformat() for i in range(per_group)]
with open(sys.argv[1], "w") as out:
    out.write("date,group,value\n")
    for g in range(groups):
        name = f"Region {g:04d}"
        out.writelines(f"{d},{name},{random.uniform(0, 100):.4f}\n" for d in dates)
