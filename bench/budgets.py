"""The performance budget, and the verdict of a set of measurements against it.

Readers are often on phones with poor connections; staff rebuild after each
edit; the same software should publish a whole agglomeration's conventions.
"""

from __future__ import annotations

from dataclasses import dataclass

FIRST_VIEW_MAX = 200_000  # gzip bytes, Leaflet and search index included, tiles excluded
PHONE_VIEW_MAX = 120_000  # gzip bytes: first view of a quartier page on a phone (375×812), in Chromium
PAGE_HTML_MAX = 100_000  # bytes of any single HTML file
LINEAR_RATIO_MAX = 1.5  # CPU seconds per page at 1 500 quartiers ÷ at 25 quartiers
AGGLO_BUILD_MAX = 10.0  # seconds for the agglomeration (b: 25 quartiers; d: 20 communes, 60 quartiers), on 2 cores
SERVE_REBUILD_MAX = 2.0  # seconds from saving a content file to the page showing it
# Lighthouse (mobile) scores, out of 100, of the home page, each quartier page and an objectif page
LIGHTHOUSE_MIN = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}


@dataclass
class Verdict:
    label: str
    measured: str
    limit: str
    ok: bool | None  # None: not measured

    @property
    def status(self) -> str:
        return {True: "PASS", False: "FAIL", None: "—"}[self.ok]

    def to_json(self) -> dict:
        return {"budget": self.label, "mesure": self.measured, "limite": self.limit, "statut": self.status}


def ko(value: float) -> str:
    return f"{value / 1000:,.1f} ko".replace(",", " ").replace(".", ",")


def seconds(value: float) -> str:
    return f"{value:.2f} s".replace(".", ",")


def check(results: dict) -> list[Verdict]:
    verdicts: list[Verdict] = []
    cases = results.get("cases", {})
    for key, case in cases.items():
        if "skipped" in case:
            verdicts.append(Verdict(f"{key} : construction", "pas encore construit", "construction complète", None))
            continue
        if "error" in case:
            verdicts.append(Verdict(f"{key} : construction", case["error"][:80], "construction complète", False))
            continue
        for view in case["first_views"]:
            verdicts.append(
                Verdict(
                    f"{key} : première vue {view['label']} ({view['page']})",
                    ko(view["budget_gzip"]),
                    f"≤ {ko(FIRST_VIEW_MAX)}",
                    view["budget_gzip"] <= FIRST_VIEW_MAX,
                )
            )
        phone = case.get("phone_view")
        if phone is not None:
            ok = None if phone.get("error") else phone["gzip"] <= PHONE_VIEW_MAX
            verdicts.append(
                Verdict(f"{key} : première vue {phone['label']} ({phone['page']})", ko(phone["gzip"]), f"≤ {ko(PHONE_VIEW_MAX)}", ok)
            )
        big = case["largest_page"]
        verdicts.append(
            Verdict(
                f"{key} : plus grosse page HTML ({big['path']})", ko(big["bytes"]), f"≤ {ko(PAGE_HTML_MAX)}", big["bytes"] <= PAGE_HTML_MAX
            )
        )
    agglo, large = cases.get("b", {}), cases.get("c", {})
    machine = results["machine"]
    if "build_s" in agglo:
        # On a machine busy with other work, wall time says more about the others than about
        # us: the build is one process, so its CPU time is what an idle 2-core machine takes.
        loaded = (machine.get("load_start") or 0) > machine["cpus"]
        value = agglo["build_cpu_s"] if loaded else agglo["build_s"]
        label = f"b : construction ({machine['cpus']} cœurs{', temps processeur : machine chargée' if loaded else ''})"
        verdicts.append(Verdict(label, seconds(value), f"≤ {seconds(AGGLO_BUILD_MAX)}", value <= AGGLO_BUILD_MAX))
    folder = cases.get("d", {})
    if "build_s" in folder:
        loaded = (machine.get("load_start") or 0) > machine["cpus"]
        value = folder["build_cpu_s"] if loaded else folder["build_s"]
        label = (
            f"d : construction du site d'agglomération ({machine['cpus']} cœurs{', temps processeur : machine chargée' if loaded else ''})"
        )
        verdicts.append(Verdict(label, seconds(value), f"≤ {seconds(AGGLO_BUILD_MAX)}", value <= AGGLO_BUILD_MAX))
    if "build_s" in agglo and "error" in large:
        verdicts.append(
            Verdict(
                "c/b : temps processeur par page (croissance linéaire)",
                "c n'a pas abouti",
                f"≤ {LINEAR_RATIO_MAX}".replace(".", ","),
                False,
            )
        )
    if "build_s" in agglo and "build_s" in large:
        per_page = {k: c["build_cpu_s"] / c["pages"] for k, c in (("b", agglo), ("c", large))}
        ratio = per_page["c"] / per_page["b"]
        results["linear_ratio"] = round(ratio, 2)
        verdicts.append(
            Verdict(
                "c/b : temps processeur par page (croissance linéaire)",
                f"{per_page['c'] * 1000:.1f} ms / {per_page['b'] * 1000:.1f} ms = {ratio:.2f}".replace(".", ","),
                f"≤ {LINEAR_RATIO_MAX}".replace(".", ","),
                ratio <= LINEAR_RATIO_MAX,
            )
        )
    verdicts += _lighthouse(results.get("lighthouse"))
    serve = results.get("serve")
    if serve is not None:
        if serve.get("error"):
            verdicts.append(
                Verdict("a : mkdocs serve, modification visible", serve["error"][:80], f"≤ {seconds(SERVE_REBUILD_MAX)}", False)
            )
        else:
            verdicts.append(
                Verdict(
                    "a : mkdocs serve, modification visible (médiane)",
                    seconds(serve["median_s"]),
                    f"≤ {seconds(SERVE_REBUILD_MAX)}",
                    serve["median_s"] <= SERVE_REBUILD_MAX,
                )
            )
    return verdicts


def _lighthouse(measured: dict | None) -> list[Verdict]:
    from lighthouse import CATEGORY_LABELS

    if measured is None:
        return []
    if measured.get("error"):
        return [Verdict("Lighthouse (mobile)", measured["error"][:80], "mesure", None)]
    verdicts = []
    for page in measured["pages"]:
        if page.get("error"):
            verdicts.append(Verdict(f"Lighthouse : {page['label']}", page["error"][:60], "mesure", False))
            continue
        for name, minimum in LIGHTHOUSE_MIN.items():
            score = page["scores"].get(name)
            verdicts.append(
                Verdict(
                    f"Lighthouse : {page['label']}, {CATEGORY_LABELS[name]}",
                    "—" if score is None else str(score),
                    f"≥ {minimum}",
                    None if score is None else score >= minimum,
                )
            )
    return verdicts
