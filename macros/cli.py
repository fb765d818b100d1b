"""`convention` command for staff and CI: check, build, schemas.

Errors are printed in French, every one of them, with no traceback; the exit
status says whether the content is publishable.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import sys
import time
from pathlib import Path

from macros.data import actions_import, assembler, exports, formatting
from macros.domain.site import Site
from macros.domain.slug import slug
from macros.lifecycle import addresses, commune_redirects
from macros.reading import schema
from macros.reading.errors import ContentErrors, format_report
from macros.reading.loader import ADRESSES, load_convention
from macros.reading.site import load_site
from macros.rendering import build_log, build_state, site_address
from macros.rendering.build_state import BuildState
from macros.rendering.pages import plan


def _project_root() -> Path:
    return Path.cwd()


# The command staff type to run a tool again (the Makefile's targets: `convention` is not on their PATH).
# A build has no entry: its report says that nothing was published.
_RERUN = {
    "check": "make check",
    "formater": "make formater",
    "exporter-actions": "make exporter-actions",
    "importer-actions": "make importer-actions",
    "exporter-indicateurs": "make exporter-indicateurs",
    "importer-indicateurs": "make importer-indicateurs",
    "adresses": "make adresses",
    "assembler": "make assembler",
    "redirections": "make redirections",
}


def _report(errors: ContentErrors, args: argparse.Namespace) -> None:
    print(errors.report(_RERUN.get(args.command)), file=sys.stderr)


def _loaded(args: argparse.Namespace) -> BuildState | None:
    """The content folder read once, with its pages, when it is valid and every published address
    still answers; otherwise None, after printing every problem."""
    start = time.perf_counter()
    try:
        state = BuildState(load_site(args.contenu), {})
        if state.dead_addresses:
            raise ContentErrors(state.dead_addresses)
    except ContentErrors as errors:
        _report(errors, args)
        return None
    if state.new_addresses:
        _record_new_addresses(args, state)
    _print_summary(state.site, (time.perf_counter() - start) * 1000)
    return state


def _print_summary(site: Site, elapsed_ms: float) -> None:
    actions = sum(len(c.convention.actions()) for c in site.communes)
    quartiers, objectifs = site.quartiers, len(site.placements)
    if site.own:
        print(f"Contenu valide : {len(quartiers)} quartiers, {objectifs} objectifs, {actions} actions ({elapsed_ms:.0f} ms).")
        return
    shared = sum(1 for q in quartiers if len(q.descriptions) > 1)
    across = f" (dont {shared} sur plusieurs communes)" if shared else ""
    count = len(site.communes)
    print(
        f"Dossier d'agglomération valide : {count} commune{'s' if count > 1 else ''}, {len(quartiers)} quartiers{across}, "
        f"{objectifs} objectifs, {actions} actions."
    )
    _print_placeholders(site.a_completer)


def _write_list(args: argparse.Namespace, site: Site, commune) -> tuple[Path, int, int]:
    """The commune's list of published addresses (in the scheme of its own site) with the new ones
    added, none removed: (file, count before, after)."""
    own = Site.of_commune(commune, site.glossaire)  # the site the commune's partners link to
    before = commune.convention.adresses or []
    after = addresses.updated_list(own, plan(own), before)
    target = Path(args.contenu).parent / commune.folder / ADRESSES  # a commune's folder is named from the content folder's parent
    target.write_text(addresses.render(after), encoding="utf-8")
    return target, len(before), len(after)


def _record_new_addresses(args: argparse.Namespace, state: BuildState) -> None:
    """A new objectif or action is a valid edit: its addresses join the list of published
    addresses here, so the staff's next commit carries them (a stale list never fails a check).
    In CI the clone is thrown away: say it, so that the list is completed by the next local run."""
    commune = state.site.communes[0]
    target = Path(args.contenu) / ADRESSES
    count = len(state.new_addresses)
    plural = "s" if count > 1 else ""
    if os.environ.get("CI") == "true":
        print(
            f"Note : {count} nouvelle{plural} adresse{plural} pas encore dans {target} "
            f"(lancez « make adresses » sur votre poste et enregistrez ce fichier)."
        )
        return
    _write_list(args, state.site, commune)
    print(f"{count} nouvelle{plural} adresse{plural} ajoutée{plural} à {target} : enregistrez ce fichier avec vos modifications.")


def cmd_check(args: argparse.Namespace) -> int:
    if _loaded(args) is None:
        return 1
    not_canonical = _not_canonical(args)
    return 1 if args.forme and not_canonical else 0


def _not_canonical(args: argparse.Namespace) -> list[str]:
    """Say which files are not in the repository's format: a notice, never an error (a valid
    edit saved by the form editor, in its own style, must not fail a check)."""
    try:
        files = formatting.format_folder(args.contenu, write=False).rewritten
    except Exception:  # a notice must never stop a check that passed
        return []
    for rel in files:
        print(f"Note : {rel} n'est pas dans sa forme canonique : lancez « make formater » (seule la présentation du fichier change).")
    return files


def _follow_addresses(args: argparse.Namespace) -> int:
    """The addresses of what was just named (by the form editor or the formatter) join the list of
    published addresses; said only when there are some."""
    try:
        site = load_site(args.contenu)
    except ContentErrors as errors:
        _report(errors, args)
        return 1
    for commune in site.communes:
        target, before, after = _write_list(args, site, commune)
        if after > before:
            plural = "s" if after - before > 1 else ""
            print(
                f"{after - before} nouvelle{plural} adresse{plural} ajoutée{plural} à {target} : enregistrez ce fichier avec vos modifications."
            )
    return 0


def cmd_format(args: argparse.Namespace) -> int:
    """Write content files in the repository's format, creating the identifiers staff did not
    type; then add the new addresses to the list of published addresses (`make adresses`): an
    action added in the form editor, which made its identifier, needs them too."""
    folder = Path(args.contenu)
    if not folder.is_dir():
        print(f"{folder} : dossier de contenu introuvable.", file=sys.stderr)
        return 1
    only = [Path(f) for f in args.fichiers] or None
    report = formatting.format_folder(folder, only)
    for rel in report.rewritten:
        print(f"mis en forme : {rel}")
    for created in report.created:
        text = created.text if len(created.text) <= 60 else created.text[:59] + "…"
        print(f"identifiant créé : {created.identifier} ({created.what} « {text} », {created.file})")
    if report.problems:
        print(format_report(report.problems, _RERUN["formater"]), file=sys.stderr)
    for message in report.refused:
        print(message, file=sys.stderr)
    untouched = len({p.file for p in report.problems}) + len(report.refused)
    if untouched:
        plural = "s" if untouched > 1 else ""
        print(f"{untouched} fichier{plural} laissé{plural} tel{plural} quel{plural}.", file=sys.stderr)
    elif not report.rewritten:
        print("Ces fichiers sont déjà dans leur forme canonique." if only else "Tout le contenu est déjà dans sa forme canonique.")
    if not untouched and _follow_addresses(args) != 0:
        print(
            "La liste des adresses publiées n'a pas été mise à jour : corrigez le contenu, puis lancez « make adresses ».", file=sys.stderr
        )
        return 1
    return 1 if untouched else 0


def _print_placeholders(lines: list[str]) -> None:
    if lines:
        print("Valeurs encore « À compléter » (ou vides) dans agglomeration.yaml :")
        for line in lines:
            print(f"- {line}")


def cmd_assemble(args: argparse.Namespace) -> int:
    """One agglomeration folder from the communes' content folders; nothing written on error."""
    if not args.dossier or not args.contenus:
        print(
            "Indiquez le dossier d'agglomération à créer et le dossier de contenu de chaque commune, par exemple :\n"
            '  make assembler DOSSIER=agglomeration CONTENUS="content ../barlin/content"',
            file=sys.stderr,
        )
        return 1
    try:
        result = assembler.assemble(Path(args.dossier), [Path(c) for c in args.contenus], _project_root())
    except ContentErrors as errors:
        print(errors.report(_RERUN["assembler"]), file=sys.stderr)
        print(f"Rien n'a été écrit dans {args.dossier}.", file=sys.stderr)
        return 1
    except OSError as exc:
        print(f"Impossible d'écrire {exc.filename or args.dossier} : {_reason(exc)}.", file=sys.stderr)
        return 1
    print(f"Dossier d'agglomération créé : {args.dossier}/")
    for commune_id, nom in result.communes:
        print(f"- {nom} : communes/{commune_id}/")
    print(f"- référentiel commun : referentiel.yaml ; glossaire commun : glossaire.yaml ({result.termes} termes)")
    _print_placeholders(result.a_completer)
    print(f"Puis vérifiez : make check CONVENTION_CONTENU={args.dossier}")
    print(f"Puis construisez le site de l'agglomération : make build CONVENTION_CONTENU={args.dossier}")
    return 0


def _page_sources(args: argparse.Namespace) -> dict[str, str | None] | None:
    """Each page's content file (to locate MkDocs' warnings), once the content is valid; None if not."""
    state = _loaded(args)  # loaded once: checking it is loading it
    if state is None:
        return None
    build_state.keep_checked(Path(args.contenu), state.site)
    return {page.src_uri: page.source for page in state.pages.values()}


def cmd_build(args: argparse.Namespace) -> int:
    """Build into a temporary folder, then replace site/: a failed build never publishes.

    MkDocs runs in strict mode and its log is read (build_log): any warning, from MkDocs or a
    plugin, fails the build and is shown in French, located in the content where it can be.
    """
    sources = _page_sources(args)
    if sources is None:
        print("Le site publié reste inchangé.", file=sys.stderr)
        return 1
    target = Path(args.site).resolve()
    staging = target.with_name(target.name + ".nouveau")
    shutil.rmtree(staging, ignore_errors=True)
    # MkDocs builds the content that was just checked, wherever --contenu points
    env = {"NO_MKDOCS_2_WARNING": "1", "CONVENTION_CONTENU": str(Path(args.contenu).resolve())}
    if args.apercu:  # a local address is accepted: this site is for looking at, not publishing
        env[site_address.PREVIEW_ENV] = "1"
    from macros import mkdocs_build

    succeeded, log, stopped_with = mkdocs_build.build(_project_root() / "mkdocs.yml", staging, env)
    messages = build_log.report(log, sources, Path(args.contenu).resolve().parent)
    if not succeeded or messages:
        shutil.rmtree(staging, ignore_errors=True)
        if messages:
            count = len(messages)
            noun = "problème" if count == 1 else "problèmes"
            print(f"La construction du site a relevé {count} {noun} :", file=sys.stderr)
            for message in messages:
                print("- " + message, file=sys.stderr)
        else:  # MkDocs stopped without a log record: show what it said
            print((stopped_with or log).strip(), file=sys.stderr)
        print("La construction a échoué : le site publié reste inchangé.", file=sys.stderr)
        return 1
    previous = target.with_name(target.name + ".ancien")
    shutil.rmtree(previous, ignore_errors=True)
    if target.exists():
        target.rename(previous)
    staging.rename(target)
    shutil.rmtree(previous, ignore_errors=True)
    print(f"Site construit dans {args.site}/.")
    return 0


def cmd_schemas(args: argparse.Namespace) -> int:
    for path in schema.write_all(Path(args.contenu)):
        print(f"écrit : {path}")
    return 0


def cmd_addresses(args: argparse.Namespace) -> int:
    """Add each commune's new addresses to its adresses.txt; a published address is never removed.
    A commune's list is in the scheme of its own site: what its partners link to, and what an
    agglomeration's site must keep answering."""
    state = _loaded(args)
    if state is None:
        return 1
    site = state.site
    for commune in site.communes:
        target, before, after = _write_list(args, site, commune)
        added = after - before
        plural = "s" if added > 1 else ""
        if not site.own:
            print(f"{commune.nom} : {added} nouvelle{plural} adresse{plural} dans {target} ({after} adresses publiées).")
        elif added == 0:
            print(f"Aucune nouvelle adresse : {target} est à jour ({after} adresses publiées).")
        else:
            print(
                f"{added} nouvelle{plural} adresse{plural} ajoutée{plural} à {target} ({after} adresses publiées) : enregistrez ce fichier avec vos modifications."
            )
    if not site.own:
        print("Enregistrez ces fichiers avec vos modifications.")
    return 0


def _reason(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "dossier ou fichier introuvable"
    if isinstance(exc, PermissionError):
        return "accès refusé"
    return exc.strerror or str(exc)


def cmd_export_actions(args: argparse.Namespace) -> int:
    """The actions as a spreadsheet (« ; », UTF-8 with BOM) for staff to update statuts; with a
    « commune » column where the site has several communes."""
    try:
        site = load_site(args.contenu)
    except ContentErrors as errors:
        _report(errors, args)
        return 1
    target = Path(args.fichier)
    try:
        address = args.adresse or site.identity.publication.url
        target.write_bytes(exports.actions_csv(site, exports.Urls(address, True, site.addresses), with_suivi_columns=True))
    except OSError as exc:
        print(f"Impossible d'écrire {target} : {_reason(exc)}.", file=sys.stderr)
        return 1
    count = sum(len(c.convention.actions()) for c in site.communes)
    if not site.own:
        print(f"{count} actions de {len(site.communes)} communes exportées dans {target} (colonne « commune »).")
    else:
        print(f"{count} actions exportées dans {target}.")
    print("Modifiez la colonne « statut » (et, pour ajouter un point de suivi, « nouveau_suivi_date » et « nouveau_suivi_texte »),")
    print(f"puis : make importer-actions FICHIER={target}")
    return 0


def _imported(args: argparse.Namespace, run):
    """A spreadsheet import's result, or None after printing every problem in French; says when
    the file changes nothing."""
    try:
        result = run()
    except ContentErrors as errors:
        _report(errors, args)
        return None
    except actions_import.ImportErrors as errors:
        print(errors, file=sys.stderr)
        return None
    except OSError as exc:
        print(f"Impossible de lire ou d'écrire {exc.filename or args.fichier} : {_reason(exc)}.", file=sys.stderr)
        return None
    if not result.changes:
        print("Aucun changement : le fichier correspond déjà au contenu.")
    return result


def cmd_import_actions(args: argparse.Namespace) -> int:
    """Statuts (and new dated updates) from the spreadsheet back into content/, in place."""
    today = None
    if args.date:
        parsed = actions_import.parse_date(args.date)
        if parsed is None:
            print(f"Date invalide « {args.date} » : écrivez-la sous la forme AAAA-MM-JJ, ex. DATE=2025-03-12.", file=sys.stderr)
            return 1
        today = dt.date.fromisoformat(parsed)
    result = _imported(args, lambda: actions_import.import_actions(args.fichier, args.contenu, today))
    if result is None or not result.changes:
        return 1 if result is None else 0
    for line in result.report:
        print("- " + line)
    count = len(result.changes)
    plural = "s" if count > 1 else ""
    print(f"{count} action{plural} mise{plural} à jour dans : {', '.join(result.written)}.")
    return 0


def cmd_export_indicators(args: argparse.Namespace) -> int:
    """The values of the référentiel d'impacts as a spreadsheet, one row per value."""
    from macros.data import indicator_values

    try:
        site = load_site(args.contenu)
    except ContentErrors as errors:
        _report(errors, args)
        return 1
    if not site.own:
        print("L'export des indicateurs se fait commune par commune : indiquez le dossier de contenu d'une commune.", file=sys.stderr)
        return 1
    target = Path(args.fichier)
    try:
        target.write_bytes(indicator_values.export_csv(site.own.convention))
    except OSError as exc:
        print(f"Impossible d'écrire {target} : {_reason(exc)}.", file=sys.stderr)
        return 1
    print(f"Valeurs des indicateurs exportées dans {target}.")
    print("Modifiez la colonne « valeur », ou ajoutez une ligne par nouvelle valeur (indicateur, territoire, annee, valeur),")
    print(f"puis : make importer-indicateurs FICHIER={target}")
    return 0


def cmd_import_indicators(args: argparse.Namespace) -> int:
    """Values from the spreadsheet back into evaluation.yaml, in place."""
    from macros.data import indicator_values

    result = _imported(args, lambda: indicator_values.import_values(args.fichier, args.contenu))
    if result is None or not result.changes:
        return 1 if result is None else 0
    for change in result.changes:
        value = f"{change.valeur:g}".replace(".", ",")
        what = f"nouvelle valeur {value}" if change.previous is None else f"{change.previous:g}".replace(".", ",") + f" → {value}"
        print(f"- ligne {change.row} : {change.indicateur}, {change.territoire}, {change.annee} : {what}")
    count = len(result.changes)
    plural = "s" if count > 1 else ""
    print(f"{count} valeur{plural} mise{plural} à jour dans : {', '.join(result.written)}.")
    return 0


def cmd_redirections(args: argparse.Namespace) -> int:
    """What a commune's former domain serves once its convention is on the agglomeration site."""
    if not args.adresse.startswith(("https://", "http://")):
        print(
            f"Adresse du site d'agglomération invalide « {args.adresse} » : écrivez l'adresse complète, "
            "par exemple https://convention.agglomeration.fr/",
            file=sys.stderr,
        )
        return 1
    try:
        convention = load_convention(args.commune_contenu)
    except ContentErrors as errors:
        _report(errors, args)
        return 1
    if not convention.adresses:
        print(
            f"{Path(args.commune_contenu) / 'adresses.txt'} : la liste des adresses publiées de la commune manque ou est vide.\n"
            f"    → Créez-la : make adresses CONVENTION_CONTENU={args.commune_contenu}",
            file=sys.stderr,
        )
        return 1
    commune_id = args.commune or slug(convention.contrat.commune.nom)
    written = commune_redirects.files(commune_id, convention.contrat.commune.nom, convention.adresses, args.adresse)
    target = Path(args.sortie)
    try:
        for rel, content in written.items():
            path = target / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
    except OSError as exc:
        print(f"Impossible d'écrire {exc.filename or target} : {_reason(exc)}.", file=sys.stderr)
        return 1
    pages = sum(1 for rel in written if rel.endswith(".html"))
    print(
        f"{len(convention.adresses)} adresses de {convention.contrat.commune.nom} redirigées vers {args.adresse} "
        f"(commune « {commune_id} ») : {pages} pages dans {target}/,"
    )
    print(f"avec {commune_redirects.SCRIPT} et {commune_redirects.TABLE} pour les ancres des actions ;")
    print(f"ou, pour nginx : {target / commune_redirects.NGINX} (mode d'emploi en tête du fichier).")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="convention", description="Outils du site de la convention.")
    parser.add_argument("--contenu", default=os.environ.get("CONVENTION_CONTENU", "content"), help="dossier de contenu (défaut : content)")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="valider le contenu")
    check.add_argument("--forme", action="store_true", help="échouer aussi si un fichier n'est pas dans sa forme canonique")
    check.set_defaults(func=cmd_check)
    formater = sub.add_parser("formater", help="écrire les fichiers de contenu dans la forme du dépôt, créer les identifiants manquants")
    formater.add_argument("fichiers", nargs="*", help="ces fichiers seulement (défaut : tout le dossier de contenu)")
    formater.set_defaults(func=cmd_format)
    build = sub.add_parser("build", help="valider puis construire le site")
    build.add_argument("--site", default="site")
    build.add_argument(
        "--apercu", action="store_true", help="aperçu : accepte une adresse locale (127.0.0.1) au lieu de l'adresse publique"
    )
    build.set_defaults(func=cmd_build)
    sub.add_parser("schemas", help="régénérer les schémas JSON").set_defaults(func=cmd_schemas)
    sub.add_parser("adresses", help="ajouter les nouvelles adresses du site à content/adresses.txt").set_defaults(func=cmd_addresses)
    exporter = sub.add_parser("exporter-actions", help="exporter les actions en CSV pour un tableur")
    exporter.add_argument("fichier", help="fichier CSV à écrire")
    exporter.add_argument(
        "--adresse",
        default=os.environ.get("SITE_URL"),
        help="adresse publique du site, pour la colonne url (défaut : SITE_URL, sinon publication.url)",
    )
    exporter.set_defaults(func=cmd_export_actions)
    importer = sub.add_parser("importer-actions", help="reporter dans le contenu les statuts d'un CSV d'actions")
    importer.add_argument("fichier", help="fichier CSV exporté puis modifié")
    importer.add_argument("--date", help="date des statuts modifiés dont la case statut_date n'a pas été changée (défaut : aujourd'hui)")
    importer.set_defaults(func=cmd_import_actions)
    exporter = sub.add_parser("exporter-indicateurs", help="exporter les valeurs des indicateurs en CSV pour un tableur")
    exporter.add_argument("fichier", help="fichier CSV à écrire")
    exporter.set_defaults(func=cmd_export_indicators)
    importer = sub.add_parser("importer-indicateurs", help="reporter dans evaluation.yaml les valeurs d'un CSV d'indicateurs")
    importer.add_argument("fichier", help="fichier CSV exporté puis modifié")
    importer.set_defaults(func=cmd_import_indicators)
    assemble = sub.add_parser("assembler", help="créer un dossier d'agglomération à partir des dossiers de contenu des communes")
    assemble.add_argument("dossier", nargs="?", default="", help="dossier d'agglomération à créer (nouveau ou vide)")
    assemble.add_argument("contenus", nargs="*", help="dossier de contenu de chaque commune")
    assemble.set_defaults(func=cmd_assemble)
    redirections = sub.add_parser("redirections", help="pages de redirection de l'ancien site d'une commune vers le site d'agglomération")
    redirections.add_argument("commune_contenu", help="dossier de contenu de la commune (avec son adresses.txt)")
    redirections.add_argument("adresse", help="adresse publique du site d'agglomération")
    redirections.add_argument("sortie", help="dossier où écrire ce que l'ancien domaine doit servir")
    redirections.add_argument("--commune", help="identifiant de la commune dans le dossier d'agglomération (défaut : tiré de son nom)")
    redirections.set_defaults(func=cmd_redirections)
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
