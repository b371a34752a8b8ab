#!/usr/bin/env python3
"""Writes a variant of the W7 parse workload in which no block repeats.

W7's 500 states repeat a handful of blocks (the same Retry, Catch, ResultSelector, Choice rules and Pass templates on
every state of a kind). StepFlow reads and compiles a repeated block once, so W7 alone does not show what a definition
without repeats costs. This variant gives every object and array inside a state something of its own (a member or item
numbered by state and place), keeping the states, their fields and the sizes about the same.

usage: bench/w7-without-repeats.py [path/to/w7-parse.json] > /tmp/w7-unique.json
"""
import json
import sys

source = sys.argv[1] if len(sys.argv) > 1 else "../shared/bench/workloads/w7-parse.json"
with open(source, encoding="utf-8") as f:
    workload = json.load(f)

counter = [0]


def unique(value, where):
    """Makes every container in value unique; where says what kind of place it is (which keys are allowed)."""
    if isinstance(value, list):
        items = [unique(item, where) for item in value]
        if where in ("template", "result"):
            counter[0] += 1
            items.append(counter[0])
        return items
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if where == "rule" and key in ("And", "Or"):
                out[key] = [unique(rule, "rule") for rule in item]
            elif where == "rule" and key == "Not":
                out[key] = unique(item, "rule")
            elif where == "rule":
                out[key] = item
            else:
                out[key] = unique(item, where)
        counter[0] += 1
        if where in ("template", "result"):
            out["u%d" % counter[0]] = counter[0]
        elif where in ("rule", "retrier", "catcher"):
            out["Comment"] = "u%d" % counter[0]
        return out
    return value


for name, state in workload["definition"]["States"].items():
    for field in ("Parameters", "ResultSelector"):
        if field in state:
            state[field] = unique(state[field], "template")
    if "Result" in state:
        state["Result"] = unique(state["Result"], "result")
    for field, kind in (("Retry", "retrier"), ("Catch", "catcher")):
        if field in state:
            state[field] = [unique(item, kind) for item in state[field]]
    if "Choices" in state:
        state["Choices"] = [unique(rule, "rule") for rule in state["Choices"]]

workload["name"] = "W7 parse, no repeated blocks"
workload["description"] = "W7's definition with every block made unique (bench/w7-without-repeats.py)."
json.dump(workload, sys.stdout, indent=1)
