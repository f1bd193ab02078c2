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


def network_reachable() -> bool:
    """True when this process can open a connection beyond loopback."""
    import socket

    try:
        socket.create_connection(("1.1.1.1", 443), timeout=2).close()
        return True
    except OSError:
        return False


def isolated() -> bool:
    """True when this test session runs in a namespace with only loopback (as `make test` starts it)."""
    return os.path.exists("/proc/self/ns/net") and not network_reachable() and subprocess.run(
        ["ip", "-o", "link"], capture_output=True, text=True).stdout.strip().count("\n") == 0


def test_the_session_runs_without_network_or_the_notebooks_are_run_isolated():
    """Under `make test` the whole session (nbval's notebook runs, the browser and JupyterLab tests) runs in a
    namespace with only loopback, so nbval's runs are the offline runs; otherwise the notebooks are run here in
    such a namespace."""
    if isolated():
        return
    if not can_isolate():
        pytest.skip("cannot create a network namespace here (needs root and unshare)")
    run_notebooks_isolated()


def run_notebooks_isolated() -> None:
    """Run every notebook in a fresh namespace that has only loopback, checking first that it is cut off."""
    command = ("ip link set lo up && " + " ".join([sys.executable, "-m", "helpers", "execute", "--no-write",
                                                    *map(str, NOTEBOOKS)]))
    probe = subprocess.run(["unshare", "-n", "sh", "-c", f"{sys.executable} -c \"import socket; "
                            "socket.create_connection(('1.1.1.1', 443), timeout=2)\""], capture_output=True)
    assert probe.returncode != 0, "the namespace still reaches the network"
    result = subprocess.run(["unshare", "-n", "sh", "-c", command], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count("unchanged") + result.stdout.count("updated") == len(NOTEBOOKS)
