"""Serve a built site through real nginx (Debian package) with the repository's configuration.

The server block is .ci/nginx/convention.conf, the file the README shows; only its `listen`,
`server_name` and `root` lines are replaced, and it is wrapped in the minimal `http` context
that /etc/nginx/nginx.conf gives it in production (mime types).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
import urllib.request
from pathlib import Path

from tests.support.server import free_port
from tests.support.sitebuild import ROOT

CONFIG = ROOT / ".ci" / "nginx" / "convention.conf"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
MIME_TYPES = Path("/etc/nginx/mime.types")


def server_block(site: Path, port: int) -> str:
    text = CONFIG.read_text(encoding="utf-8")
    text, listens = re.subn(r"^(\s*)listen\s+[^;]+;", rf"\1listen 127.0.0.1:{port};", text, flags=re.M)
    text, roots = re.subn(r"^(\s*)root\s+[^;]+;", rf"\1root {site};", text, flags=re.M)
    text = re.sub(r"^(\s*)server_name\s+[^;]+;", r"\1server_name localhost;", text, flags=re.M)
    assert listens == 1 and roots == 1, "convention.conf : une ligne listen et une ligne root attendues"
    return text


class Nginx:
    """nginx in the foreground, as the current user, every path inside a temporary prefix."""

    def __init__(self, site: Path, workdir: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.prefix = workdir
        for name in ("logs", "tmp"):
            (workdir / name).mkdir(parents=True, exist_ok=True)
        temp = workdir / "tmp"
        # as root, workers would run as « nobody », who cannot read pytest's private temp folders
        user = "user root;" if os.geteuid() == 0 else ""
        (workdir / "nginx.conf").write_text(
            f"""
{user}
worker_processes 1;
error_log {workdir}/logs/error.log warn;
pid {workdir}/nginx.pid;
events {{ worker_connections 256; }}
http {{
    include {MIME_TYPES};
    default_type application/octet-stream;
    access_log off;
    sendfile on;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
{server_block(site.resolve(), self.port)}
}}
""",
            encoding="utf-8",
        )
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> Nginx:
        conf = self.prefix / "nginx.conf"
        check = subprocess.run([NGINX, "-t", "-p", str(self.prefix), "-c", str(conf)], capture_output=True, text=True)
        assert check.returncode == 0, check.stderr
        self.process = subprocess.Popen(
            [NGINX, "-p", str(self.prefix), "-c", str(conf), "-g", "daemon off;"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(self.url, timeout=1).close()
                return self
            except OSError:
                if self.process.poll() is not None:
                    raise RuntimeError(self.process.stderr.read().decode()) from None
                time.sleep(0.1)
        raise RuntimeError("nginx n'a pas démarré")

    def __exit__(self, *exc) -> None:
        if self.process:
            self.process.terminate()
            self.process.wait(timeout=10)
