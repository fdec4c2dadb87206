"""Reads the learner's compiled Kubeflow pipeline (KFP v2 IR YAML) and recompiles
pipeline.py in a scratch copy to see that the file is up to date.

Usage: kfp_ir.py compiled | fresh | order | gate
Prints one JSON result and exits 0 whatever the outcome (the check-script contract).
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

STEPS = ["ingest", "validate", "train", "evaluate"]
# Each task and the task it must wait for.
ORDER = [("validate", "ingest"), ("train", "validate"), ("evaluate", "train")]
SKIP = {".venv", "venv", ".git", "__pycache__", ".mlops-path"}


def report(status, message):
    print(json.dumps({"status": status, "message": message}))
    sys.exit(0)


def load(path="pipeline.yaml"):
    try:
        import yaml
    except ImportError as e:
        report("error", f"cannot import yaml in {sys.executable}: {e}; install the lab's requirements")
    try:
        with open(path) as f:
            document = yaml.safe_load(f)
    except FileNotFoundError:
        report("fail", f"{path} not found: run python pipeline.py")
    except yaml.YAMLError as e:
        report("fail", f"{path} is not valid YAML: {e}")
    if not isinstance(document, dict):
        report("fail", f"{path} is not a compiled pipeline")
    return document


def root_tasks(document):
    tasks = ((document.get("root") or {}).get("dag") or {}).get("tasks")
    if not isinstance(tasks, dict):
        report("fail", "pipeline.yaml has no root.dag.tasks: compile with kfp.compiler.Compiler().compile(...)")
    return tasks


def compiled():
    document = load()
    name = (document.get("pipelineInfo") or {}).get("name")
    if not name:
        report("fail", "pipeline.yaml has no pipelineInfo.name: give @dsl.pipeline a name")
    tasks = root_tasks(document)
    if len(tasks) < 5:
        report("fail", f"the pipeline's top level has {len(tasks)} task(s) ({', '.join(tasks)}), need at least 5: four steps and the gate")
    missing = [step for step in STEPS if step not in tasks]
    if missing:
        report("fail", f"no task named {', '.join(missing)} at the top level: keep the starter's component function names")
    report("pass", f"pipeline {name!r} with {len(tasks)} top-level tasks")


def fresh():
    if not os.path.exists("pipeline.py"):
        report("fail", "pipeline.py not found")
    mine = load()
    with tempfile.TemporaryDirectory(prefix="lab-kfp-") as scratch:
        copy = os.path.join(scratch, "lab")
        shutil.copytree(".", copy, ignore=lambda _, names: [n for n in names if n in SKIP or n == "pipeline.yaml"])
        env = {k: v for k, v in os.environ.items() if k in ("PATH", "HOME", "LANG")}
        try:
            done = subprocess.run([sys.executable, "pipeline.py"], cwd=copy, env=env,
                                  capture_output=True, text=True, timeout=120)
        except subprocess.TimeoutExpired:
            report("error", "python pipeline.py did not finish within 120 s")
        if done.returncode != 0:
            report("fail", f"python pipeline.py exited with {done.returncode}: {(done.stdout + done.stderr).strip()[-300:]}")
        path = os.path.join(copy, "pipeline.yaml")
        if not os.path.exists(path):
            report("fail", "python pipeline.py wrote no pipeline.yaml in its directory")
        again = load(path)
    for document in (mine, again):
        document.pop("sdkVersion", None)
    if mine != again:
        report("fail", "pipeline.yaml differs from what pipeline.py compiles to now: run python pipeline.py again")
    report("pass", "pipeline.yaml is what pipeline.py compiles to")


def order():
    tasks = root_tasks(load())
    for task, before in ORDER:
        if task not in tasks:
            report("fail", f"no task named {task} at the top level")
        waits = tasks[task].get("dependentTasks") or []
        if before not in waits:
            report("fail", f"{task} does not wait for {before} (its dependentTasks: {waits or 'none'}): pass {before}'s output to {task}")
    report("pass", "ingest -> validate -> train -> evaluate")


def dag_tasks(document, component):
    return ((document.get("components") or {}).get(component, {}).get("dag") or {}).get("tasks") or {}


def gated_tasks(document, tasks, under_condition, found):
    """Names of the tasks that run only under a condition, searching nested sub-DAGs."""
    for name, task in tasks.items():
        condition = (task.get("triggerPolicy") or {}).get("condition")
        component = (task.get("componentRef") or {}).get("name", "")
        inner = dag_tasks(document, component)
        if under_condition:
            found.add(name)
        if inner:
            gated_tasks(document, inner, under_condition or bool(condition), found)
    return found


def gate():
    document = load()
    tasks = root_tasks(document)
    if "deploy" in tasks and not (tasks["deploy"].get("triggerPolicy") or {}).get("condition"):
        report("fail", "deploy runs unconditionally: put it under dsl.If(...) on evaluate's output")
    gated = gated_tasks(document, tasks, False, set())
    if "deploy" not in gated:
        report("fail", "no task named deploy runs under a condition: wrap deploy in dsl.If(evaluate's output ...)")
    conditions = [t for t in tasks.values() if (t.get("triggerPolicy") or {}).get("condition")]
    producers = {
        (p.get("taskOutputParameter") or {}).get("producerTask")
        for t in conditions
        for p in ((t.get("inputs") or {}).get("parameters") or {}).values()
    }
    if "evaluate" not in producers:
        report("fail", "the condition over deploy does not read evaluate's output: gate on the metric evaluate returns")
    report("pass", "deploy runs only when evaluate's metric passes the condition")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["compiled", "fresh", "order", "gate"])
    args = parser.parse_args()
    {"compiled": compiled, "fresh": fresh, "order": order, "gate": gate}[args.what]()


if __name__ == "__main__":
    main()
