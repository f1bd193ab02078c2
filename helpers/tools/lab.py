"""`make lab`: JupyterLab on the project, bound to localhost and protected by a token (works as root).

The file browser opens on notebooks/; the project root is served so that papermill runs in _build/runs/ open too.
"""

from __future__ import annotations

import os
import secrets
import sys
from pathlib import Path

from ..paths import ROOT

#: Settings defaults for this project's Lab: no news prompt, no update check (offline by design).
LAB_SETTINGS = Path(__file__).resolve().parent / "lab_settings"


def lab_command(port: int = 8888, token: str | None = None, root: Path | None = None,
                extra: list[str] | None = None) -> list[str]:
    """The jupyter-lab command line: loopback only, a token always required, root allowed, nothing fetched."""
    token = token or os.environ.get("JUPYTER_TOKEN") or secrets.token_hex(24)
    return [sys.executable, "-m", "jupyterlab", "--no-browser", "--ip=127.0.0.1", f"--port={port}",
            "--allow-root", f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root or ROOT}",
            f"--LabApp.app_settings_dir={LAB_SETTINGS}",
            # offline by design: no news feed or update check from the internet
            "--LabApp.news_url=None", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
            *(extra or [])]


def lab_main(argv: list[str]) -> int:
    port = int(argv[0]) if argv else 8888
    command = lab_command(port)
    token = next(arg for arg in command if arg.startswith("--IdentityProvider.token=")).split("=", 1)[1]
    print(f"JupyterLab on http://127.0.0.1:{port}/lab/tree/notebooks?token={token}", flush=True)
    os.execv(command[0], command)
    return 0  # not reached
