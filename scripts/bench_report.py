#!/usr/bin/env python3
"""Turns the hyperfine JSON and peak-RSS files of scripts/bench.sh into a Markdown report.

Every figure comes from the files of one run; every ratio is of medians from that run.
"""
import json
import os
import sys

out = sys.argv[1]
rows = []
with open(os.path.join(out, "index.tsv")) as index:
    for line in index:
        label, name, command = line.rstrip("\n").split("\t")
        with open(os.path.join(out, f"{label}-{name}.json")) as f:
            result = json.load(f)["results"][0]
        with open(os.path.join(out, f"{label}-{name}.rss")) as f:
            rss_kb = int(f.read().split()[-1])
        rows.append(
            {
                "label": label,
                "name": name,
                "median": result["median"] * 1000,
                "min": result["min"] * 1000,
                "max": result["max"] * 1000,
                "runs": len(result["times"]),
                "rss": rss_kb / 1024,
            }
        )
by = {(r["label"], r["name"]): r for r in rows}


def median(label, name):
    row = by.get((label, name))
    return row["median"] if row else None


def verdict(ok):
    return "met" if ok else "**not met**"


print("| size | command | median ms | min ms | max ms | runs | peak RSS MB |")
print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
for r in rows:
    print(
        f"| {r['label']} | {r['name']} | {r['median']:.2f} | {r['min']:.2f} | "
        f"{r['max']:.2f} | {r['runs']} | {r['rss']:.1f} |"
    )

print()
print("| target | measured | verdict |")
print("| --- | --- | --- |")
version = median("14", "version")
for label in ("14-empty", "14-year"):
    for name in ("next", "status"):
        ratio = median(label, name) / version
        print(
            f"| {label} `{name}` within 1.5x of `--version` ({version:.2f} ms) | "
            f"{ratio:.2f}x | {verdict(ratio <= 1.5)} |"
        )
for name in ("next", "status", "list-json", "log-30", "show", "done"):
    small, large = median("1000", name), median("10000", name)
    ratio = large / small
    print(f"| `{name}` 1,000 -> 10,000 at most 11x | {ratio:.2f}x | {verdict(ratio <= 11)} |")
for name in ("next", "status"):
    value = median("10000", name)
    print(f"| 10,000 `{name}` median at most 25 ms | {value:.2f} ms | {verdict(value <= 25)} |")
    rss = by[("10000", name)]["rss"]
    print(f"| 10,000 `{name}` peak RSS at most 30 MB | {rss:.1f} MB | {verdict(rss <= 30)} |")
extra = median("10000", "done") - median("10000", "status")
print(f"| 10,000 `done` at most 25 ms above `status` | +{extra:.2f} ms | {verdict(extra <= 25)} |")
for label in ("1000", "10000"):
    for ours, theirs in (("next", "task-next"), ("status", "task-summary")):
        if median(label, theirs) is None:
            print(f"| {label} `{ours}` vs Taskwarrior | task not installed | not measured |")
            continue
        ratio = median(label, theirs) / median(label, ours)
        goal = " at least 10x faster" if label == "10000" else ""
        ok = verdict(ratio >= 10) if label == "10000" else "for reference"
        print(
            f"| {label} `{ours}` vs `{theirs.replace('-', ' ')}`{goal} | "
            f"{ratio:.1f}x faster ({median(label, theirs):.1f} ms vs "
            f"{median(label, ours):.2f} ms) | {ok} |"
        )
for label in ("14-empty", "14-year", "1000", "10000", "100000"):
    if median(label, "report") is None:
        continue
    ratio = median(label, "report") / median(label, "status")
    print(f"| {label} `report` at most 3x `status` | {ratio:.2f}x | {verdict(ratio <= 3)} |")
done = all(("100000", n) in by for n in ("next", "status", "list-json", "log-30", "show", "done"))
print(f"| 100,000 steps: every command completes | {'all six ran' if done else 'missing'} | {verdict(done)} |")
