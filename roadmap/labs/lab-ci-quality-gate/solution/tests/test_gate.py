"""Unit tests of the gate, for the workflow's pytest step: python -m pytest -q"""
import json
import subprocess
import sys
from pathlib import Path

GATE = Path(__file__).resolve().parent.parent / "ci" / "gate.py"
BASELINE = {"accuracy": 0.951, "f1": 0.948}


def gate(tmp_path, candidate, baseline=BASELINE):
    paths = []
    for name, value in (("candidate.json", candidate), ("baseline.json", baseline)):
        path = tmp_path / name
        path.write_text(value if isinstance(value, str) else json.dumps(value))
        paths.append(str(path))
    return subprocess.run([sys.executable, str(GATE), *paths], capture_output=True).returncode


def test_a_better_candidate_passes(tmp_path):
    assert gate(tmp_path, {"accuracy": 0.962, "f1": 0.955}) == 0


def test_a_worse_candidate_is_blocked(tmp_path):
    assert gate(tmp_path, {"accuracy": 0.931, "f1": 0.925}) == 1


def test_what_cannot_be_judged_is_blocked(tmp_path):
    for candidate in ({"accuracy": 0.97}, '{"accuracy": NaN, "f1": 0.96}', "not json", {"accuracy": 96.2, "f1": 95.5}):
        assert gate(tmp_path, candidate) == 1, candidate
