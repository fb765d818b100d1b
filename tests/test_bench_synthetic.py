"""The benchmark's content generator (bench/synthetic.py) writes content the loader accepts."""

import json

from bench.synthetic import generate
from macros.loader import load_convention


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
