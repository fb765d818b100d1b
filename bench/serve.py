"""Live preview speed: how long `mkdocs serve` takes to show a content edit.

mkdocs serve runs on a free 127.0.0.1 port over a temporary copy of the
content; a quartier's name is changed in its YAML file and the quartier page
is polled until it shows the new name. mkdocs' own log lines (« Detected file
changes », « Documentation built in … ») are timed too, to tell the wait for
the file watcher from the rebuild itself.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

from macros.reading.loader import load_convention

MKDOCS = Path(sys.executable).with_name("mkdocs")
_NOM = re.compile(r"^nom:.*$", re.MULTILINE)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _Log:
    """mkdocs serve's log lines, each with the moment it arrived."""

    def __init__(self, stream):
        self.lines: list[tuple[float, str]] = []
        self._thread = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self._thread.start()

    def _read(self, stream) -> None:
        for line in stream:
            self.lines.append((time.perf_counter(), line.rstrip()))

    def after(self, moment: float, text: str) -> tuple[float, str] | None:
        return next(((t, line) for t, line in list(self.lines) if t >= moment and text in line), None)

    def wait_quiet(self, seconds: float, timeout_s: float) -> None:
        """Until mkdocs has logged nothing for `seconds` (a rebuild still running would blur the next timing)."""
        start = time.perf_counter()
        while time.perf_counter() - start < timeout_s:
            last = self.lines[-1][0] if self.lines else start
            if time.perf_counter() - last >= seconds:
                return
            time.sleep(0.1)

    def tail(self, count: int = 15) -> str:
        return "\n".join(line for _, line in self.lines[-count:])


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", errors="replace")
    except OSError:
        return None


def measure(root: Path, content: Path, edits: int = 5, timeout_s: float = 120) -> dict:
    """Start mkdocs serve over a copy of `content`, edit a quartier `edits` times, time each."""
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        copy = Path(tmp) / "content"
        shutil.copytree(content, copy)
        quartier = load_convention(copy).quartiers[0]
        source = copy / "quartiers" / f"{quartier.id}.yaml"
        port = free_port()
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "CONVENTION_CONTENU": str(copy)}
        process = subprocess.Popen(
            [str(MKDOCS), "serve", "--dev-addr", f"127.0.0.1:{port}"],
            cwd=root,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        log = _Log(process.stdout)
        url = f"http://127.0.0.1:{port}/quartiers/{quartier.id}/"
        result: dict = {"page": f"quartiers/{quartier.id}/", "edits": []}
        try:
            started = time.perf_counter()
            while _get(url) is None:
                if process.poll() is not None or time.perf_counter() - started > timeout_s:
                    raise RuntimeError(f"mkdocs serve n'a pas démarré :\n{log.tail()}")
                time.sleep(0.1)
            result["startup_s"] = round(time.perf_counter() - started, 2)
            original = source.read_text(encoding="utf-8")
            for attempt in range(edits):
                log.wait_quiet(1.5, timeout_s)
                marker = f"Banc{attempt}x{os.getpid()}"
                # saved in one step, as editors do: the watcher sees one change, not a truncation then a write
                staging = source.with_suffix(".tmp")
                staging.write_text(_NOM.sub(f'nom: "{quartier.nom} {marker}"', original, count=1), encoding="utf-8")
                os.replace(staging, source)
                written = time.perf_counter()
                while marker not in (_get(url) or ""):
                    if time.perf_counter() - written > timeout_s:
                        raise RuntimeError(f"la page n'a pas changé en {timeout_s:.0f} s :\n{log.tail()}")
                    time.sleep(0.05)
                shown = time.perf_counter()
                while log.after(written, "Documentation built in") is None and time.perf_counter() - shown < 2:
                    time.sleep(0.05)  # the page can show before the log line is read
                detected = log.after(written, "Detected file changes")
                built = log.after(written, "Documentation built in")
                seconds = re.search(r"built in ([\d.]+) seconds", built[1]) if built else None
                result["edits"].append(
                    {
                        "visible_s": round(shown - written, 2),
                        "detected_s": round(detected[0] - written, 2) if detected else None,
                        "build_s": float(seconds.group(1)) if seconds else None,
                    }
                )
        finally:
            process.terminate()
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        visible = sorted(e["visible_s"] for e in result["edits"])
        result["median_s"] = visible[len(visible) // 2] if visible else None
        result["max_s"] = visible[-1] if visible else None
        return result
