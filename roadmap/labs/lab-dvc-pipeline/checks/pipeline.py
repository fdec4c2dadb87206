"""Checks a DVC project: what Git tracks, the stages, that it is up to date and pushed, and
that a fresh clone pulls and reproduces it, with params that really feed the train stage.

Usage: pipeline.py tracked | stages | status | pushed | clone
Prints one JSON result and exits 0 whatever the outcome (the check-script contract).
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

STAGES = ("prepare", "train", "evaluate")
TIMEOUT = 240


def report(status, message):
    print(json.dumps({"status": status, "message": message}))
    sys.exit(0)


def env():
    chosen = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG")}
    # Check time is offline: no usage report, no update check.
    chosen.update(DVC_NO_ANALYTICS="1", DVC_NO_UPDATER="1", GIT_TERMINAL_PROMPT="0")
    return chosen


def run(argv, cwd="."):
    try:
        done = subprocess.run(argv, cwd=cwd, env=env(), capture_output=True, text=True, timeout=TIMEOUT)
    except FileNotFoundError:
        report("error", f"{argv[0]} not found: install it")
    except subprocess.TimeoutExpired:
        report("error", f"{' '.join(argv[:3])} did not finish within {TIMEOUT} s")
    return done


def dvc(*args, cwd="."):
    return run([sys.executable, "-m", "dvc", *args], cwd)


def said(done, limit=300):
    text = (done.stdout + done.stderr).strip()
    return text[-limit:]


def need_dvc():
    try:
        import dvc  # noqa: F401
    except ImportError as e:
        report("error", f"cannot import dvc in {sys.executable}: {e}; install the lab's requirements")
    if not os.path.isdir(".git"):
        report("fail", "this directory is not a Git repository: run git init here")
    if not os.path.isdir(".dvc"):
        report("fail", "DVC is not initialised here: run dvc init")


def load_yaml(path):
    try:
        import yaml
    except ImportError as e:
        report("error", f"cannot import yaml in {sys.executable}: {e}; install the lab's requirements")
    try:
        with open(path) as f:
            return yaml.safe_load(f)
    except FileNotFoundError:
        report("fail", f"{path} not found")
    except yaml.YAMLError as e:
        report("fail", f"{path} is not valid YAML: {e}")


def tracked():
    need_dvc()
    wanted = ["dvc.yaml", "dvc.lock", "params.yaml", "data/raw.csv.dvc"]
    for path in wanted:
        if run(["git", "ls-files", "--error-unmatch", path]).returncode != 0:
            report("fail", f"Git does not track {path}: git add it and commit")
    if run(["git", "ls-files", "data/raw.csv"]).stdout.strip():
        report("fail", "data/raw.csv itself is in Git: git rm --cached data/raw.csv and let DVC track it")
    report("pass", "Git tracks the pipeline and the .dvc file, not the data")


def train_params(stage, params_file):
    """The train.* keys the stage declares, as (file, key) pairs."""
    found = []
    for entry in stage.get("params") or []:
        if isinstance(entry, str):
            found.append((params_file, entry))
        elif isinstance(entry, dict):
            for file, keys in entry.items():
                found.extend((file, key) for key in (keys or []))
    return [(f, k) for f, k in found if k == "train" or k.startswith("train.")]


def metric_paths(stage):
    paths = []
    for entry in stage.get("metrics") or []:
        paths.extend(entry.keys() if isinstance(entry, dict) else [entry])
    return paths


def stages():
    spec = load_yaml("dvc.yaml")
    declared = (spec or {}).get("stages") if isinstance(spec, dict) else None
    if not isinstance(declared, dict):
        report("fail", "dvc.yaml has no stages")
    missing = [s for s in STAGES if s not in declared]
    if missing:
        report("fail", f"dvc.yaml lacks the stage(s) {', '.join(missing)}; it has {', '.join(declared) or 'none'}")
    if not train_params(declared["train"], "params.yaml"):
        report("fail", "the train stage declares no train.* params: list them under params (train.C, or train for all)")
    if "metrics.json" not in metric_paths(declared["evaluate"]):
        report("fail", "the evaluate stage does not declare metrics.json under metrics")
    report("pass", "prepare, train and evaluate, with train params and metrics.json")


def status():
    need_dvc()
    done = dvc("status", "-q")
    if done.returncode == 1:
        report("fail", f"the pipeline is not up to date: run dvc repro and commit ({said(dvc('status'))})")
    if done.returncode != 0:
        report("error", f"dvc status failed: {said(done)}")
    report("pass", "dvc status: up to date")


def pushed():
    need_dvc()
    if not default_remote():
        report("fail", "no default DVC remote: dvc remote add -d NAME PATH")
    done = dvc("status", "-c", "-q")
    if done.returncode == 1:
        report("fail", "the remote lacks some of the cache: run dvc push")
    if done.returncode != 0:
        report("fail", f"dvc status -c failed: {said(done)}")
    report("pass", "everything is pushed")


def default_remote():
    """(name, absolute url) of the default remote, as this repository's config resolves it."""
    from dvc.repo import Repo

    with Repo(".") as repo:
        config = repo.config
        name = config["core"].get("remote")
        if not name or name not in config["remote"]:
            return None
        return name, config["remote"][name]["url"]


def clone():
    need_dvc()
    remote = default_remote()
    if not remote:
        report("fail", "no default DVC remote: dvc remote add -d NAME PATH")
    name, url = remote
    with tempfile.TemporaryDirectory(prefix="lab-dvc-") as scratch:
        copy = os.path.join(scratch, "clone")
        done = run(["git", "clone", "-q", "--no-hardlinks", os.getcwd(), copy])
        if done.returncode != 0:
            report("fail", f"git clone of this repository failed: {said(done)}")
        if not os.path.exists(os.path.join(copy, "dvc.yaml")):
            report("fail", "a fresh clone has no dvc.yaml: commit your work")
        # A relative remote path resolves against the clone's config: point it at the store.
        if "://" not in url:
            dvc("remote", "modify", "--local", name, "url", url, cwd=copy)
        done = dvc("pull", "-q", cwd=copy)
        if done.returncode != 0:
            report("fail", f"dvc pull in a fresh clone failed: {said(done)}")
        for path in ("data/raw.csv", "metrics.json"):
            if not os.path.exists(os.path.join(copy, path)):
                report("fail", f"a fresh clone has no {path} after dvc pull: commit it or declare it as an output")
        done = dvc("status", "-q", cwd=copy)
        if done.returncode != 0:
            report("fail", f"a fresh clone is not up to date after dvc pull: commit dvc.lock after dvc repro ({said(dvc('status', cwd=copy))})")
        mutated = mutate_train_param(copy)
        done = dvc("status", "-q", cwd=copy)
        if done.returncode == 0:
            report("fail", f"changing {mutated} in a fresh clone leaves the pipeline up to date: the train stage does not depend on it")
    report("pass", f"a fresh clone pulls from {name!r}, is up to date, and notices a changed {mutated}")


def mutate_train_param(copy):
    spec = load_yaml(os.path.join(copy, "dvc.yaml"))
    file, key = train_params(spec["stages"]["train"], "params.yaml")[0]
    path = os.path.join(copy, file)
    params = load_yaml(path)
    section = params.get("train") if isinstance(params, dict) else None
    if not isinstance(section, dict) or not section:
        report("fail", f"{file} has no train section")
    name = key.split(".", 1)[1].split(".")[0] if "." in key else next(iter(section))
    if name not in section:
        report("fail", f"{file} has no {key}")
    value = section[name]
    if isinstance(value, bool):
        section[name] = not value
    elif isinstance(value, (int, float)):
        section[name] = value * 2 + 1
    else:
        section[name] = f"{value}-changed"
    import yaml

    with open(path, "w") as f:
        yaml.safe_dump(params, f)
    return f"train.{name}"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["tracked", "stages", "status", "pushed", "clone"])
    args = parser.parse_args()
    {"tracked": tracked, "stages": stages, "status": status, "pushed": pushed, "clone": clone}[args.what]()


if __name__ == "__main__":
    main()
