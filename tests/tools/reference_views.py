#!/usr/bin/env python3
"""Runs the reference's `view` (shared/reference/analysis_reference.py) for the top level
and every statement of a map, in one process, and prints {root: view} as JSON.

Usage: reference_views.py REFERENCE_DIR MAP.json
"""
import json
import sys

sys.path.insert(0, sys.argv[1])
import analysis_reference as ref  # noqa: E402

g, parent = ref.load(sys.argv[2])
roots = ["top"] + sorted(parent)
json.dump({root: ref.view(g, parent, root) for root in roots}, sys.stdout, sort_keys=True)
