"""No network at run time: every notebook executes inside a network namespace that has only loopback."""

import os
import shutil
import subprocess
import sys

import pytest

from conftest import NOTEBOOKS, ROOT


def can_isolate() -> bool:
    """True when this machine lets us create a network namespace (root and unshare)."""
    if shutil.which("unshare") is None or os.geteuid() != 0:
        return False
    return subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode == 0


@pytest.mark.skipif(not can_isolate(), reason="cannot create a network namespace here (needs root and unshare)")
def test_notebooks_run_with_the_network_blocked():
    command = ("ip link set lo up && " + " ".join([sys.executable, "-m", "helpers", "run", "--no-write",
                                                    *map(str, NOTEBOOKS)]))
    probe = subprocess.run(["unshare", "-n", "sh", "-c", f"{sys.executable} -c \"import socket; "
                            "socket.create_connection(('1.1.1.1', 443), timeout=2)\""], capture_output=True)
    assert probe.returncode != 0, "the namespace still reaches the network"
    result = subprocess.run(["unshare", "-n", "sh", "-c", command], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("unchanged") + result.stdout.count("updated") == len(NOTEBOOKS)
