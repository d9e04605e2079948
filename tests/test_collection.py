"""Every test file is collected, and collecting builds nothing.

pytest skips folders named `build` by default (tests/build went unrun for a whole round of work); a module
that builds the site at import time makes `pytest --collect-only` slow and hides build errors as
collection errors. Both are checked by collecting the whole suite in a child process.
"""
from __future__ import annotations

import os
import re
import subprocess
import sys

from tests.conftest import NO_BUILD, ROOT


def test_every_test_file_is_collected_and_collecting_builds_nothing():
    done = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
                          cwd=ROOT, capture_output=True, text=True, timeout=300, env=dict(os.environ, **{NO_BUILD: "1"}))
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    collected = {line.split("::", 1)[0] for line in done.stdout.splitlines() if "::" in line}
    on_disk = {path.relative_to(ROOT).as_posix()
               for folder in ("tests", "exercises") for path in (ROOT / folder).rglob("test_*.py")
               if "_build" not in path.parts}
    assert on_disk, "no test files found"
    missing = sorted(on_disk - collected)
    assert not missing, f"test files pytest does not collect: {missing}"
    count = re.search(r"(\d+) tests? collected", done.stdout)
    assert count and int(count.group(1)) > len(on_disk)
