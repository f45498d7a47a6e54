"""The served app settles its heap once built (app.settle_heap: gc.freeze)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_production_server_is_frozen_once_built_and_still_collects(tmp_path):
    # In a process of its own: freezing is for the life of a process.
    env = {**os.environ, "SECRET_KEY": "x" * 32, "DATABASE_URL": f"sqlite:///{tmp_path / 'x.db'}"}
    code = (
        "import gc, app\n"
        "before = gc.get_freeze_count()\n"
        "app.server\n"
        "built = gc.get_freeze_count()\n"
        "app.server\n"  # built once: frozen once
        "a = []; a.append(a); del a\n"  # a cycle made after the freeze is still collected
        "print(before, built, gc.get_freeze_count(), gc.collect())\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    before, built, again, collected = map(int, done.stdout.split())
    assert before == 0
    assert built > 50_000  # the app with plotly, pandas, SQLAlchemy: everything alive then
    assert again == built
    assert collected >= 1
