"""Reads .github/workflows/ml-ci.yml with PyYAML and checks its shape.

Usage: workflow.py trigger | steps | closed
Prints one JSON result and exits 0 whatever the outcome (the check-script contract).
"""
import json
import os
import re
import sys

PATH = os.path.join(".github", "workflows", "ml-ci.yml")
SOFTENED = re.compile(r"\|\|\s*(?:true\b|:(?=\s|$)|exit\s+0\b)|set\s+\+e")


def report(status, message):
    print(json.dumps({"status": status, "message": message}))
    sys.exit(0)


def load():
    try:
        import yaml
    except ImportError as e:
        report("error", f"cannot import yaml in {sys.executable}: {e}; install the lab's requirements (PyYAML)")
    if not os.path.exists(PATH):
        report("fail", f"{PATH} not found")
    try:
        with open(PATH) as f:
            workflow = yaml.safe_load(f)
    except yaml.YAMLError as e:
        report("fail", f"{PATH} is not valid YAML: {str(e)[:200]}")
    if not isinstance(workflow, dict):
        report("fail", f"{PATH} must be a mapping with on: and jobs:")
    return workflow


def triggers(workflow):
    # YAML 1.1 (PyYAML) reads a bare `on:` key as the boolean true.
    on = workflow.get("on", workflow.get(True))
    if isinstance(on, str):
        return {on}
    if isinstance(on, list):
        return {t for t in on if isinstance(t, str)}
    if isinstance(on, dict):
        return {t for t in on if isinstance(t, str)}
    return set()


def jobs(workflow):
    found = workflow.get("jobs")
    if not isinstance(found, dict) or not found:
        report("fail", f"{PATH} has no jobs")
    return {name: job for name, job in found.items() if isinstance(job, dict)}


def text(value):
    return value if isinstance(value, str) else ""


def main():
    what = sys.argv[1]
    workflow = load()
    if what == "trigger":
        if "pull_request" not in triggers(workflow):
            report("fail", f"{PATH} does not run on pull_request (it runs on {sorted(triggers(workflow)) or 'nothing'})")
        report("pass", "runs on pull_request")
    # One job must do it all: check out, run the tests and the gate.
    problems = []
    for name, job in jobs(workflow).items():
        steps = [s for s in job.get("steps") or [] if isinstance(s, dict)]
        missing = []
        if "runs-on" not in job:
            missing.append("runs-on")
        if not any(text(s.get("uses")).startswith("actions/checkout") for s in steps):
            missing.append("a step that uses actions/checkout")
        if not any("pytest" in text(s.get("run")) for s in steps):
            missing.append("a run step with pytest")
        gates = [s for s in steps if "gate.py" in text(s.get("run"))]
        if not gates:
            missing.append("a run step with ci/gate.py")
        if missing:
            problems.append(f"job {name} lacks {', '.join(missing)}")
            continue
        if what == "steps":
            report("pass", f"job {name} checks out, tests and gates")
        soft = [s for s in gates if s.get("continue-on-error") not in (None, False) or SOFTENED.search(text(s.get("run")))]
        if job.get("continue-on-error") not in (None, False):
            report("fail", f"job {name} has continue-on-error: a failing gate would not fail the pull request")
        if soft:
            report("fail", f"job {name} lets the gate step fail softly (continue-on-error, `|| true` or `set +e`): it must fail the job")
        report("pass", f"a failing gate fails job {name}")
    report("fail", "; ".join(problems)[:400])


if __name__ == "__main__":
    main()
