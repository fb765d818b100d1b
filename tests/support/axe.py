"""axe-core in the real browser: the RGAA / WCAG 2.1 AA rules, violations as readable text.

axe-core comes bundled with axe-playwright-python (MPL-2.0, Deque Systems); its
version knows the `RGAAv4` tag from 4.10 on.
"""

from __future__ import annotations

from axe_playwright_python.base import AXE_SCRIPT

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "RGAAv4"]


def _load(page) -> None:
    """axe-core into the page's current document, once: it is half a megabyte of script, sent
    again on every call before (a test that runs axe twice on one page, or asks for a rule after
    the violations, reuses it; a new document, after a navigation, gets it again)."""
    if not page.evaluate("typeof window.axe === 'object' && typeof window.axe.run === 'function'"):
        page.evaluate(AXE_SCRIPT)


def axe_version(page) -> str:
    _load(page)
    return page.evaluate("axe.version")


def known_tags(page) -> set[str]:
    """Every tag the loaded axe-core rules carry."""
    _load(page)
    return set(page.evaluate("[...new Set(axe.getRules().flatMap(r => r.tags))]"))


OPTIONS = {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]}


def violations(page, context: str | None = None) -> list[dict]:
    """The violations axe finds on the page as it is now (tags above only)."""
    _load(page)
    return page.evaluate("([context, options]) => axe.run(context || document, options).then(r => r.violations)", [context, OPTIONS])


def violations_by_page(context, paths: list[str], *, new_tab=None) -> dict[str, list[dict]]:
    """The violations of each page of `paths`, opened in turn in a few tabs of `context` (made by
    `new_tab`, by default context.new_page), loading side by side (page_kinds.visit)."""
    from tests.support.page_kinds import visit

    return visit(paths, new_tab or context.new_page, lambda tab, _path: violations(tab), reuse=True)


def rule_results(page, rule: str, context: str) -> dict[str, list]:
    """Passing and failing nodes of one rule inside `context` (to prove a rule really looked there)."""
    _load(page)
    options = {"runOnly": {"type": "rule", "values": [rule]}, "resultTypes": ["passes", "violations"]}
    result = page.evaluate("([context, options]) => axe.run(context, options)", [context, options])
    return {
        "passes": [n for r in result["passes"] for n in r["nodes"]],
        "violations": [n for r in result["violations"] for n in r["nodes"]],
    }


def describe(found: list[dict]) -> str:
    """One line per failing node: rule, impact, selector, axe's summary."""
    lines = []
    for violation in found:
        for node in violation["nodes"]:
            target = " ".join(str(t) for t in node["target"])
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"{violation['id']} ({violation['impact']}) {target} : {summary}")
    return "\n".join(lines)
