"""The benchmark's content generator (bench/synthetic.py) writes content the loader accepts."""

import json

from bench.synthetic import generate
from macros.reading.loader import load_convention


def test_three_generated_quartiers_pass_the_loader(tmp_path):
    content = generate(tmp_path / "content", quartiers=3, communes=2)

    convention = load_convention(content)

    assert len(convention.quartiers) == 3
    assert set(convention.perimetres) == {q.id for q in convention.quartiers}, "un périmètre GeoJSON par quartier"
    outlines = json.loads((content / "communes.geojson").read_text(encoding="utf-8"))
    assert len(outlines["features"]) == 2
    used = {c.insee for q in convention.quartiers for c in q.communes}
    assert used <= {f["properties"]["code"] for f in outlines["features"]}, "chaque commune citée a son contour"
    for quartier in convention.quartiers:
        assert quartier.objectifs and sum(len(p.actions) for p in quartier.objectifs) > 0
        assert quartier.portrait and all(releve.valeurs for releve in quartier.portrait)


def test_same_seed_same_files(tmp_path):
    first = generate(tmp_path / "a", quartiers=3)
    second = generate(tmp_path / "b", quartiers=3)

    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)


def test_generated_agglomeration_passes_convention_check(tmp_path, capsys, monkeypatch):
    """The benchmark's case d: 20 communes, 60 quartiers, some shared by two communes, one référentiel."""
    from bench.synthetic import SHARED_EVERY, generate_agglomeration
    from macros.cli import main
    from macros.reading.site import load_agglomeration

    folder = generate_agglomeration(tmp_path / "agglo", communes=20, quartiers=60)
    monkeypatch.chdir(tmp_path)
    assert main(["--contenu", str(folder), "check"]) == 0, capsys.readouterr().err
    shared = 60 // SHARED_EVERY
    assert f"Dossier d'agglomération valide : 20 communes, 60 quartiers (dont {shared} sur plusieurs communes)" in capsys.readouterr().out
    assert (folder / "referentiel.yaml").exists() and not list(folder.glob("communes/*/referentiel.yaml"))
    agglomeration = load_agglomeration(folder, tmp_path)
    spanning = [q for q in agglomeration.quartiers if len(q.descriptions) == 2]
    assert len(spanning) == shared
    for quartier in spanning:  # each convention commits its own actions there
        assert all(sum(len(p.actions) for p in description.objectifs) for _, description in quartier.descriptions)
    assert all(c.convention.quartiers for c in agglomeration.communes)


def test_same_seed_same_agglomeration(tmp_path):
    from bench.synthetic import generate_agglomeration

    first = generate_agglomeration(tmp_path / "a", communes=3, quartiers=7)
    second = generate_agglomeration(tmp_path / "b", communes=3, quartiers=7)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    assert all((first / f).read_bytes() == (second / f).read_bytes() for f in files)
