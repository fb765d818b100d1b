"""MkDocs adapter for `convention build`: one strict MkDocs build, in this process, its log as text.

In the command's own process, the content `convention build` has just checked is not read and
validated a second time (rendering/build_state keeps it), and Python, MkDocs and the theme are
not started a second time: a second process cost two to three seconds of an agglomeration's build.
The log is written as MkDocs' console writes it, for rendering/build_log to read.
"""

from __future__ import annotations

import logging
import os
from contextlib import contextmanager
from pathlib import Path


class _Log(logging.Handler):
    """MkDocs' console format: `LEVEL   -  message`, continuation lines indented."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        first, *rest = self.format(record).splitlines() or [""]
        self.lines.append(f"{record.levelname:<8}-  {first}")
        self.lines.extend("           " + line for line in rest)


@contextmanager
def _environment(values: dict[str, str]):
    saved = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def build(config_file: Path, site_dir: Path, environment: dict[str, str]) -> tuple[bool, str]:
    """`mkdocs build --strict --site-dir site_dir` with `environment` set: (succeeded, log)."""
    from mkdocs import exceptions
    from mkdocs.commands.build import build as build_site
    from mkdocs.config import load_config

    logger = logging.getLogger("mkdocs")
    handler = _Log()
    level, propagate = logger.level, logger.propagate
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False
    config = None
    try:
        with _environment(environment):
            config = load_config(str(config_file), strict=True, site_dir=str(site_dir))
            config.plugins.on_startup(command="build", dirty=False)
            build_site(config)
        return True, "\n".join(handler.lines)
    except (exceptions.MkDocsException, SystemExit) as error:  # Abort is both
        # a plugin's sys.exit(100) (mkdocs-macros) says nothing: its log records do
        message = str(error).strip() if isinstance(error, exceptions.MkDocsException) else ""
        if message and not any(message in line for line in handler.lines):
            handler.lines.append(f"ERROR   -  {message}")
        return False, "\n".join(handler.lines)
    finally:
        if config is not None:
            config.plugins.on_shutdown()
        logger.removeHandler(handler)
        logger.setLevel(level)
        logger.propagate = propagate
