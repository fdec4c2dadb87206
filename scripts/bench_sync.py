#!/usr/bin/env python3
"""`sync` with nothing new against a bare `git fetch`, on a local bare repository.

Usage: scripts/bench_sync.py BINARY DATA_DIR [RUNS]

DATA_DIR holds a state.json (for example from `examples/generate --built-in mlops --events
10000`); it is copied, never changed. Both commands run RUNS times (default 30) after two
warm-up runs, alternating, as whole processes; the script prints medians in milliseconds.
"""

import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time


def main() -> int:
    binary, source = sys.argv[1], sys.argv[2]
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 30
    with tempfile.TemporaryDirectory() as temp:
        env = {
            "PATH": os.environ["PATH"],
            "HOME": temp,
            "GIT_CONFIG_NOSYSTEM": "1",
            "GIT_CONFIG_GLOBAL": os.path.join(temp, "gitconfig"),
            "GIT_ALLOW_PROTOCOL": "file",
            "GIT_TERMINAL_PROMPT": "0",
            "LC_ALL": "C",
            "NO_COLOR": "1",
            "MLOPS_PATH_NOW": "2026-03-10T09:00:00+01:00",
            "TZ": "Europe/Berlin",
        }
        with open(env["GIT_CONFIG_GLOBAL"], "w") as config:
            config.write("[user]\n\tname = Bench\n\temail = bench@example.invalid\n")
        remote = os.path.join(temp, "remote.git")
        subprocess.run(["git", "init", "--quiet", "--bare", "-b", "main", remote], env=env, check=True)
        data = os.path.join(temp, "data")
        shutil.copytree(source, data)
        os.chmod(data, 0o700)
        env["MLOPS_PATH_DATA_DIR"] = data
        subprocess.run([binary, "-q", "sync", "init", "file://" + remote], env=env, check=True)
        clone = os.path.join(data, "sync")
        sync = [binary, "-q", "sync"]
        fetch = ["git", "-C", clone, "fetch", "--quiet", "--no-tags", "--prune",
                 "--no-write-fetch-head", "origin", "+refs/heads/*:refs/remotes/origin/*"]
        times = {"sync": [], "fetch": []}
        for index in range(runs + 2):
            for name, argv in (("sync", sync), ("fetch", fetch)):
                start = time.perf_counter()
                subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL)
                if index >= 2:
                    times[name].append((time.perf_counter() - start) * 1000)
        events = open(os.path.join(data, "state.json")).read().count('"id":')
        sync_ms = statistics.median(times["sync"])
        fetch_ms = statistics.median(times["fetch"])
        print(f"events {events}, runs {runs}")
        print(f"sync (nothing new)  median {sync_ms:.1f} ms  min {min(times['sync']):.1f}  max {max(times['sync']):.1f}")
        print(f"git fetch           median {fetch_ms:.1f} ms  min {min(times['fetch']):.1f}  max {max(times['fetch']):.1f}")
        print(f"own cost            {sync_ms - fetch_ms:.1f} ms (median of sync minus median of fetch)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
