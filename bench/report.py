"""The benchmark's printed report: one block per case, then budgets and a summary table.

Everything here reads the results dictionary that run.py fills (and writes to
results.json); nothing is measured here.
"""

from __future__ import annotations

import budgets


def machine_line(machine: dict) -> str:
    line = (
        f"Machine : {machine['cpus']} cœurs, Python {machine['python']}, MkDocs {machine['mkdocs']}, "
        f"Material {machine['mkdocs-material']}, commit {machine['commit']} (plus les modifications en cours), "
        f"charge {machine['load_start']}"
    )
    if machine["load_start"] and machine["load_start"] > machine["cpus"]:
        line += "\nAttention : machine chargée par d'autres processus, les durées mesurées seront gonflées."
    return line


def print_case(key: str, case: dict) -> None:
    ko, s = budgets.ko, budgets.seconds
    print(f"\n== {key}. {case['label']} ({case.get('quartiers')} quartiers) ==")
    if "generate_s" in case:
        print(f"Contenu généré en {s(case['generate_s'])}")
    if "skipped" in case:
        print(case["skipped"])
        return
    if "error" in case:
        print(case["error"])
        if case.get("error_detail") and "mémoire" not in case["error"]:
            print(case["error_detail"])
        return
    runs = " / ".join(s(t) for t in case["build_runs_s"])
    print(
        f"Construction : {s(case['build_s'])} (essais : {runs} ; temps processeur {s(case['build_cpu_s'])} ; "
        f"mémoire maximale {case['peak_rss_mb']} Mo) ; {case['pages']} pages HTML ; "
        f"{case['cpu_s_per_page'] * 1000:.1f} ms de processeur par page ; sortie {ko(case['output_bytes'])}".replace(".", ",")
    )
    big = case["largest_page"]
    print(f"Plus grosse page : {big['path']} ({ko(big['bytes'])}) — {_anatomy_text(big['anatomy'])}")
    over = case["pages_over_budget"]
    if over["count"]:
        sections = ", ".join(f"{name} {count}" for name, count in over["by_section"].items())
        largest = ", ".join(f"{p['path']} {ko(p['bytes'])}" for p in over["largest"])
        print(f"Pages HTML de plus de {ko(budgets.PAGE_HTML_MAX)} : {over['count']} ({sections}) ; les plus lourdes : {largest}")
    index = case["search_index"]
    sections = ", ".join(f"{name} {ko(size)}" for name, size in list(case["search_by_section"].items())[:4])
    print(f"Index de recherche : {ko(index['raw'])} brut, {ko(index['gzip'])} gzip, {index['documents']} entrées ({sections})")
    if index.get("lazy"):
        print(f"  téléchargé à la première recherche seulement, avec le français de lunr : {ko(index['first_search_gzip'])} gzip")
    print(f"\n  {'Première vue (gzip)':<58} {'statique':>10} {'Chromium':>10}")
    for view in case["first_views"]:
        browser = ko(view["browser_gzip"]) if "browser_gzip" in view else "—"
        name = f"{view['label']} : {view['page']}"
        print(f"  {name[:58]:<58} {ko(view['static_gzip']):>10} {browser:>10}")
        print("      dont " + ", ".join(f"{k} {ko(v)}" for k, v in view["by_family"].items()))
        if view.get("only_in_browser"):
            print(f"      chargé par Chromium, absent du calcul statique : {', '.join(view['only_in_browser'])}")
        if view.get("only_in_static"):
            print(f"      compté mais non chargé par Chromium : {', '.join(view['only_in_static'])}")
        if view.get("browser", {}).get("error"):
            print(f"      Chromium : {view['browser']['error']}")
        external = sorted(set(view["static"]["external"]) | set(view.get("browser", {}).get("blocked", [])))
        if external:
            print(f"      autres hôtes, non comptés (tuiles…) : {len(external)}, dont {external[0][:90]}")

    phone = case.get("phone_view")
    if phone is not None:
        name = f"{phone['label']} : {phone['page']}"
        print(f"  {name[:58]:<58} {'—':>10} {ko(phone['gzip']):>10}")
        print("      dont " + ", ".join(f"{k} {ko(v)}" for k, v in phone["by_family"].items()))
        if phone.get("error"):
            print(f"      Chromium : {phone['error']}")


def _anatomy_text(anatomy: dict) -> str:
    parts = [(k, v) for k, v in anatomy.items() if k != "total"]
    return ", ".join(f"{k} {budgets.ko(v)}" for k, v in sorted(parts, key=lambda kv: -kv[1]))


def print_serve(serve: dict) -> None:
    if serve.get("error"):
        print(serve["error"])
        return
    print(f"Page suivie : {serve['page']} ; démarrage en {budgets.seconds(serve['startup_s'])}")
    for n, edit in enumerate(serve["edits"], 1):
        detail = ", ".join(
            f"{label} {budgets.seconds(edit[key])}"
            for key, label in (("detected_s", "détectée après"), ("build_s", "reconstruite en"))
            if edit.get(key) is not None
        )
        print(f"  modification {n} : visible après {budgets.seconds(edit['visible_s'])} ({detail})")


def print_budgets(verdicts: list[budgets.Verdict]) -> None:
    print("\n== Budgets ==")
    for v in verdicts:
        print(f"  {v.status:<4}  {v.label[:78]:<78} {v.measured:>22}  (limite : {v.limit})")


def print_summary(results: dict) -> None:
    ko, s = budgets.ko, budgets.seconds
    print("\n== Synthèse ==")
    print(
        f"  {'cas':<4}{'quartiers':>10}{'pages':>7}{'construction':>14}{'CPU ms/p.':>10}{'sortie':>13}{'plus grosse page':>18}"
        f"{'index 1re rech.':>16}{'1re vue accueil / quartier / objectif':>40}"
    )
    for key, case in results["cases"].items():
        if "skipped" in case:
            print(f"  {key:<4}{case.get('quartiers', ''):>10}  site d'agglomération pas encore construit")
            continue
        if "error" in case:
            print(f"  {key:<4}{case.get('quartiers', ''):>10}  échec de la construction")
            continue
        views = " / ".join(ko(v["budget_gzip"]) for v in case["first_views"])
        print(
            f"  {key:<4}{case['quartiers']:>10}{case['pages']:>7}{s(case['build_s']):>14}{case['cpu_s_per_page'] * 1000:>10.1f}".replace(
                ".", ","
            )
            + f"{ko(case['output_bytes']):>13}{ko(case['largest_page']['bytes']):>18}"
            f"{ko(case['search_index'].get('first_search_gzip') or case['search_index']['gzip']):>16}{views:>40}"
        )
    steps = [f"de {pair.replace('-', ' à ')} : {cost * 1000:.0f} ms" for pair, cost in results.get("cpu_s_per_added_quartier", {}).items()]
    if steps:
        print("  Temps processeur par quartier ajouté (constant si la croissance est linéaire) : " + " ; ".join(steps))


def print_lighthouse(measured: dict) -> None:
    if measured.get("error"):
        print(measured["error"])
        return
    load = measured.get("load") or {}
    print(
        f"Lighthouse {measured['version']}, {measured.get('chrome')} ({measured['chrome_flags']}), mobile ; "
        f"médiane de {measured['runs']} essais par page ; charge {load.get('start')} au début, {load.get('end')} à la fin"
    )
    print(f"  {'page':<40}{'perf.':>6}{'access.':>8}{'b. prat.':>9}{'SEO':>5}{'LCP':>8}{'TBT':>8}{'CLS':>7}{'DOM':>6}")
    for page in measured["pages"]:
        if page.get("error"):
            print(f"  {page['label'][:40]:<40}  {page['error']}")
            continue
        sc, m = page["scores"], page["metrics"]
        lcp = f"{m['LCP'] / 1000:.1f} s".replace(".", ",") if "LCP" in m else "—"
        tbt = f"{m['TBT']} ms" if "TBT" in m else "—"
        print(
            f"  {page['label'][:40]:<40}{sc['performance']!s:>6}{sc['accessibility']!s:>8}{sc['best-practices']!s:>9}{sc['seo']!s:>5}"
            f"{lcp:>8}{tbt:>8}{m.get('CLS', '—')!s:>7}{page.get('dom_size') or '—'!s:>6}"
        )
        if len(page.get("runs_performance", [])) > 1:
            print(f"      performance des essais : {' / '.join(str(v) for v in page['runs_performance'])}")
        for name, audits in page.get("below_100", {}).items():
            print(f"      {name} sous 100 : {', '.join(audits)}")
        if page.get("audit_errors"):
            print(f"      audits impossibles dans ce Chromium : {', '.join(page['audit_errors'])}")
