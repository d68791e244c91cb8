"""Helpers for browser tests: a local HTTP server and an offline headless Chromium.

Not a test module. Usage::

    with serve(html_dir) as base_url, launch_browser() as browser:
        page = browser.new_page()
        page.goto(f"{base_url}/intro.html")
        ...
        browser.assert_clean()
"""

from __future__ import annotations

import functools
import http.server
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]
LOCAL_HOSTS = {"127.0.0.1", "localhost"}
# Every Jupyter Book 1 page logs this; it is harmless (sphinx-thebe declares it twice).
HARMLESS_CONSOLE = ("Identifier 'THEBE_JS_URL' has already been declared",)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


class _QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address) -> None:
        """A browser that navigates away mid-download closes the connection; that is normal."""
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve(directory: Path) -> Iterator[str]:
    """Serve ``directory`` on 127.0.0.1 (free port) in a thread; yield the base URL."""
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = _QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in {"file", "data", "blob", "about"} or parts.hostname in LOCAL_HOSTS


@dataclass
class OfflineBrowser:
    """A Chromium browser that aborts every non-local request and records trouble."""

    browser: object
    blocked: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)

    def new_page(self):  # -> playwright.sync_api.Page
        """A new page (own context) with offline routing and error recording."""
        page = self.browser.new_page()

        def route(route) -> None:
            if _is_local(route.request.url):
                route.continue_()
            else:
                self.blocked.append(route.request.url)
                route.abort("blockedbyclient")

        def on_console(msg) -> None:
            if msg.type == "error" and not any(h in msg.text for h in HARMLESS_CONSOLE):
                self.console_errors.append(f"{page.url}: {msg.text}")

        def on_pageerror(exc: Exception) -> None:
            if not any(h in str(exc) for h in HARMLESS_CONSOLE):
                self.console_errors.append(f"{page.url}: uncaught {exc}")

        def on_requestfailed(request) -> None:
            if request.url not in self.blocked:
                self.failed.append(f"{request.failure} {request.url}")

        def on_response(response) -> None:
            if response.status >= 400:
                self.failed.append(f"{response.status} {response.url}")

        page.route("**/*", route)
        page.on("console", on_console)
        page.on("pageerror", on_pageerror)
        page.on("requestfailed", on_requestfailed)
        page.on("response", on_response)
        return page

    def problems(self) -> dict[str, list[str]]:
        """Blocked, failed and console-error records so far (empty lists if clean)."""
        return {
            "blocked": self.blocked,
            "failed": self.failed,
            "console_errors": self.console_errors,
        }

    def assert_clean(self) -> None:
        problems = self.problems()
        assert not any(problems.values()), f"browser problems: {problems}"


@contextmanager
def launch_browser() -> Iterator[OfflineBrowser]:
    """Start Debian's headless Chromium through Playwright (never a downloaded browser)."""
    if not CHROMIUM.exists():
        raise RuntimeError(
            f"{CHROMIUM} not found: browser tests need Debian's Chromium; "
            "install it with `apt-get install -y chromium`"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            yield OfflineBrowser(browser)
        finally:
            browser.close()


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# A JUPYTER_PATH root holding one Voila template, "offline": Voila's default "lab"
# template minus its Font Awesome <link>s to cdn.jsdelivr.net (see its index.html.j2).
VOILA_TEMPLATES = Path(__file__).with_name("jupyter")


def _children(pid: int) -> list[int]:
    """Every living descendant of ``pid`` (Linux /proc), e.g. a Voila server's kernels."""
    parents: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue  # the process ended meanwhile
        if fields[0] != "Z":
            parents.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, todo = [], [pid]
    while todo:
        kids = parents.get(todo.pop(), [])
        found += kids
        todo += kids
    return found


def _cmdline(pid: int) -> bytes:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes()
    except OSError:
        return b""


class KernelWatch:
    """The kernels of a Jupyter server process (Voila's or JupyterLab's): a subclass has
    ``process`` and ``kernels_seen`` (pid -> command line)."""

    def kernels(self) -> list[int]:
        """Process ids of the server's kernels running now (all are remembered)."""
        pids = _children(self.process.pid)
        for pid in pids:
            self.kernels_seen.setdefault(pid, _cmdline(pid))
        return pids

    def kernels_alive(self) -> list[int]:
        """Kernels seen so far that still run (the same command line under that id)."""
        return [pid for pid, cmd in self.kernels_seen.items() if cmd and _cmdline(pid) == cmd]

    def wait_until_serving(self, probe, name: str, timeout: float, interval: float) -> None:
        """Call ``probe()`` until it stops raising OSError; a server that exits or is not
        up within ``timeout`` seconds raises RuntimeError with the end of its log."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                probe()
                return
            except OSError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    tail = self.log.read_text(errors="replace")[-2000:]
                    raise RuntimeError(
                        f"{name} did not start on {self.base_url}:\n{tail}"
                    ) from None
                time.sleep(interval)

    def stop(self, grace: float) -> None:
        """Note its kernels, then stop the server (it shuts its kernels down on SIGTERM);
        kill it after ``grace`` seconds."""
        self.kernels()
        self.process.terminate()
        try:
            self.process.wait(timeout=grace)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


@dataclass
class VoilaServer(KernelWatch):
    """A running Voila server (see :func:`voila`)."""

    base_url: str
    process: object  # subprocess.Popen
    log: Path  # the server's output
    kernels_seen: dict[int, bytes] = field(default_factory=dict)  # pid -> command line
    left_running: list[int] = field(default_factory=list)  # after exit: had to be killed

    def url(self, notebook: str) -> str:
        """The page of one served notebook (each page load starts a new kernel)."""
        from urllib.parse import quote

        return f"{self.base_url}voila/render/{quote(notebook)}"


@contextmanager
def voila(
    notebooks: Path | list[Path],
    workdir: Path,
    env: dict[str, str] | None = None,
    timeout: float = 60,
) -> Iterator[VoilaServer]:
    """Serve ``notebooks`` with Voila on 127.0.0.1 (free port) from ``workdir``, copying
    those that are not there yet; yield the server; on exit stop it and its kernels.

    The page of each notebook is ``server.url(name)``. ``env`` is added to the server's
    (and so its kernels') environment; its output goes to ``workdir/voila.log``. Pages use
    the "offline" template (:data:`VOILA_TEMPLATES`), so they ask nothing of the internet.
    Kernels still running after the server has stopped are killed, by process id, and
    listed in ``server.left_running``.
    """
    import os
    import shutil
    import signal
    import socket
    import subprocess
    import sys

    for nb in [notebooks] if isinstance(notebooks, Path) else notebooks:
        if nb.resolve().parent != workdir.resolve():
            shutil.copy(nb, workdir / nb.name)
    port = _free_port()
    log = workdir / "voila.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "voila",
                "--no-browser",
                f"--port={port}",
                "--Voila.ip=127.0.0.1",
                "--Voila.port_retries=0",  # that port or fail, no other
                "--template=offline",
                ".",
            ],
            cwd=workdir,
            stdout=out,
            stderr=subprocess.STDOUT,
            env={
                **os.environ,
                **(env or {}),
                "JUPYTER_PATH": os.pathsep.join(
                    filter(None, [str(VOILA_TEMPLATES), os.environ.get("JUPYTER_PATH")])
                ),
            },
        )
    server = VoilaServer(f"http://127.0.0.1:{port}/", proc, log)
    try:
        server.wait_until_serving(
            lambda: socket.create_connection(("127.0.0.1", port), 0.2).close(),
            "Voila",
            timeout,
            0.1,
        )
        yield server
    finally:
        server.stop(grace=15)
        for pid in server.kernels_alive():
            os.kill(pid, signal.SIGKILL)
            server.left_running.append(pid)
