"""Run one of the runtime's JavaScript modules under Node, as the browser runs it, and read back a value."""
from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest


def run_module(module: Path, body: str, env: dict | None = None):
    """Run `body` (JavaScript with `s` = the module; it returns a value) in Node; the value, read back as JSON."""
    node = shutil.which("node")
    if not node:
        pytest.fail("Node.js is needed (README: Node.js 20+)")
    script = f"const s = await import({json.dumps(module.as_uri())});\nconst out = (() => {{ {body} }})();\n" \
             "process.stdout.write(JSON.stringify(out));"
    done = subprocess.run([node, "--no-warnings", "--input-type=module", "-e", script], capture_output=True,
                          text=True, timeout=60, env={"PATH": "", **(env or {})})
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)
