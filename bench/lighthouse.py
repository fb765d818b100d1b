"""Lighthouse (mobile) scores of the real content, served by nginx with the project's configuration.

    cd bench && npm i -E lighthouse@12.2.3      # once: bench/node_modules is ignored by git
    .venv/bin/python bench/run.py --cas a --lighthouse --sans-serve

The site is built from content/ (run.py builds it), served by the Debian nginx with
.ci/nginx/convention.conf (tests/support/nginx.py: only listen, server_name and root change),
and each page is audited by the Lighthouse CLI in Debian's Chromium, headless, with Lighthouse's
default mobile settings (simulated slow 4G, CPU slowed four times). Pages: the home page, every
quartier page and the heaviest objectif page. A measurement, not a test: on a machine busy with
other work, the simulated CPU slowdown multiplies what the others cost too, and performance
scores come out lower than on an idle machine.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import weight

from tests.support.nginx import Nginx

BENCH = Path(__file__).resolve().parent
VERSION = "12.2.3"
CLI = BENCH / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CATEGORY_LABELS = {"performance": "performance", "accessibility": "accessibilité", "best-practices": "bonnes pratiques", "seo": "SEO"}
# the figures the issue talks about, kept with each page's scores
METRICS = {
    "largest-contentful-paint": "LCP",
    "total-blocking-time": "TBT",
    "first-contentful-paint": "FCP",
    "cumulative-layout-shift": "CLS",
    "speed-index": "SI",
}
CHROME_FLAGS = "--headless=new --no-sandbox"


def pages(site: Path) -> list[tuple[str, str]]:
    """(label, site-relative page): the home page, each quartier page, the heaviest objectif page."""
    chosen = [("accueil", "index.html")]
    for page in weight.item_pages(site, "quartiers"):
        chosen.append((f"quartier {page.parent.name}", page.relative_to(site).as_posix()))
    objectif = weight.largest(weight.item_pages(site, "objectifs"))
    if objectif is not None:
        chosen.append((f"objectif {objectif.parent.name}", objectif.relative_to(site).as_posix()))
    return chosen


def available() -> str | None:
    """Why Lighthouse cannot run here, or None."""
    if not CLI.exists():
        return f"Lighthouse absent : cd bench && npm i -E lighthouse@{VERSION}"
    if not (shutil.which("nginx") or Path("/usr/sbin/nginx").exists()):
        return "nginx absent (paquet Debian nginx)"
    if not Path(chrome()).exists():
        return f"Chromium absent ({chrome()})"
    return None


def chrome() -> str:
    return os.environ.get("CHROME_PATH") or "/usr/bin/chromium"


def measure(site: Path, runs: int = 3, timeout_s: float = 240) -> dict:
    """Audit each page of `site` served by nginx, `runs` times: the run of median performance score is
    kept (as Lighthouse advises: one run varies with the machine's load), the others' scores listed.
    {"version", "runs", "pages": [{label, page, url, scores, metrics, dom_size, runs_performance, …}]}."""
    reason = available()
    if reason:
        return {"error": reason}
    results: dict = {"version": VERSION, "chrome": _chrome_version(), "chrome_flags": CHROME_FLAGS, "runs": runs, "pages": []}
    with tempfile.TemporaryDirectory(prefix="bench-lighthouse-") as tmp, Nginx(site, Path(tmp) / "nginx") as server:
        for label, page in pages(site):
            url = server.url + (page[: -len("index.html")] if page.endswith("index.html") else page)
            entry: dict = {"label": label, "page": page, "url": url}
            audits, errors = [], []
            for _ in range(runs):
                try:
                    audits.append(_audit(url, Path(tmp) / "report.json", timeout_s))
                except (subprocess.SubprocessError, OSError, ValueError, KeyError) as exc:
                    errors.append(str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__)
            if audits:
                audits.sort(key=lambda a: a["scores"]["performance"] or 0)
                entry.update(audits[len(audits) // 2])
                entry["runs_performance"] = [a["scores"]["performance"] for a in audits]
            else:
                entry["error"] = errors[0]
            results["pages"].append(entry)
    return results


def _chrome_version() -> str | None:
    try:
        return subprocess.run([chrome(), "--version"], capture_output=True, text=True, timeout=30).stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        return None


def _audit(url: str, out: Path, timeout_s: float) -> dict:
    command = [
        str(CLI),
        url,
        "--output=json",
        f"--output-path={out}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={CHROME_FLAGS}",
        "--quiet",
    ]
    env = {**os.environ, "CHROME_PATH": chrome()}
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=timeout_s)
    if done.returncode != 0 or not out.exists():
        raise subprocess.SubprocessError(f"lighthouse a échoué ({done.returncode}) : {(done.stderr or done.stdout).strip()[-300:]}")
    lhr = json.loads(out.read_text(encoding="utf-8"))
    out.unlink()
    scores = {name: _score(lhr["categories"][name]) for name in CATEGORIES}
    metrics = {short: lhr["audits"][audit].get("numericValue") for audit, short in METRICS.items() if audit in lhr["audits"]}
    dom = lhr["audits"].get("dom-size", {}).get("numericValue")
    # what cost points: every audit of a category under 100 %, with its title, for the report
    failed = {
        name: [
            ref["id"]
            for ref in lhr["categories"][name]["auditRefs"]
            if ref.get("weight") and (lhr["audits"][ref["id"]].get("score") is not None) and lhr["audits"][ref["id"]]["score"] < 1
        ]
        for name in CATEGORIES
    }
    return {
        "scores": scores,
        "metrics": {k: round(v) if k != "CLS" else round(v, 3) for k, v in metrics.items() if v is not None},
        "dom_size": round(dom) if dom is not None else None,
        "below_100": {k: v for k, v in failed.items() if v},
        "warnings": lhr.get("runWarnings", []),
        # audits Lighthouse could not run in this Chromium (not counted in the scores)
        "audit_errors": sorted(k for k, a in lhr["audits"].items() if a.get("scoreDisplayMode") == "error"),
    }


def _score(category: dict) -> int | None:
    value = category.get("score")
    return None if value is None else round(value * 100)
