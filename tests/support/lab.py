"""A JupyterLab server for browser tests, offline and apart from the user's own Jupyter.

Not a test module. Usage::

    with jupyter_lab(workdir) as lab:
        page.goto(lab.url())            # Lab itself, showing workdir/notebooks
        lab.api("/api/kernels")          # the REST API, with the server's token

The server serves ``workdir/notebooks`` (Lab saves a notebook to its file: serve copies).
It is started as ``jupyter-lab`` itself (the ``jupyter lab`` wrapper's pid is not the
server's), with ``--allow-root``, on 127.0.0.1 and a free port, and asks nothing of the
internet: no news feed (``--LabApp.news_url=None``), no update check, the read-only
extension manager (no PyPI listing), and the announcements plugin disabled by
``tests/jupyter/lab-config/labconfig/page_config.json`` (on ``JUPYTER_CONFIG_PATH``).
Its settings, workspaces, runtime files and config live in ``workdir``, so nothing is read
from or written to the user's ``~/.jupyter``.
"""

from __future__ import annotations

import json
import os
import secrets
import signal
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tests.browser import KernelWatch, _free_port
from tests.support.paths import ROOT

LAB_CONFIG = ROOT / "tests" / "jupyter" / "lab-config"
FLAGS = [
    "--no-browser",
    "--allow-root",
    "--ServerApp.ip=127.0.0.1",
    "--ServerApp.port_retries=0",
    "--LabApp.news_url=None",  # no news feed fetched by the server
    "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    "--LabApp.extension_manager=readonly",  # no extension listing from PyPI
]


@dataclass
class LabServer(KernelWatch):
    """A running JupyterLab server (see :func:`jupyter_lab`)."""

    base_url: str
    token: str
    process: subprocess.Popen
    log: Path
    kernels_seen: dict[int, bytes] = field(default_factory=dict)  # pid -> command line
    left_running: list[int] = field(default_factory=list)  # after exit: had to be killed

    def url(self, path: str = "lab") -> str:
        return f"{self.base_url}{path}?token={self.token}"

    def api(self, path: str, method: str = "GET"):
        """A REST call with the server's token; the decoded JSON answer (or None)."""
        req = urllib.request.Request(
            f"{self.base_url}{path.lstrip('/')}",
            method=method,
            headers={"Authorization": f"token {self.token}"},
        )
        with urllib.request.urlopen(req, timeout=30) as r:
            body = r.read()
        return json.loads(body) if body else None

    def kernel_ids(self) -> list[str]:
        return [k["id"] for k in self.api("api/kernels")]


@contextmanager
def jupyter_lab(
    workdir: Path, env: dict[str, str] | None = None, timeout: float = 60
) -> Iterator[LabServer]:
    """Serve ``workdir/notebooks`` with JupyterLab; yield the server; on exit stop it and
    kill (by process id) any kernel it left running. Its output goes to ``workdir/lab.log``."""
    port, token = _free_port(), secrets.token_hex(16)
    dirs = {name: workdir / name for name in ("config", "runtime", "settings", "workspaces")}
    for d in dirs.values():
        d.mkdir(parents=True, exist_ok=True)
    log = workdir / "lab.log"
    lab = Path(sys.executable).with_name("jupyter-lab")
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [
                str(lab),
                *FLAGS,
                f"--port={port}",
                f"--IdentityProvider.token={token}",
                f"--ServerApp.root_dir={workdir / 'notebooks'}",
                f"--LabApp.user_settings_dir={dirs['settings']}",
                f"--LabApp.workspaces_dir={dirs['workspaces']}",
            ],
            cwd=workdir / "notebooks",
            stdout=out,
            stderr=subprocess.STDOUT,
            env={
                **os.environ,
                **(env or {}),
                "JUPYTER_CONFIG_DIR": str(dirs["config"]),
                "JUPYTER_CONFIG_PATH": str(LAB_CONFIG),
                "JUPYTER_RUNTIME_DIR": str(dirs["runtime"]),
            },
        )
    server = LabServer(f"http://127.0.0.1:{port}/", token, proc, log)
    try:
        server.wait_until_serving(lambda: server.api("api/status"), "JupyterLab", timeout, 0.2)
        yield server
    finally:
        server.stop(grace=20)
        for pid in server.kernels_alive():
            os.kill(pid, signal.SIGKILL)
            server.left_running.append(pid)
