"""bench/budgets.py: the first view of a quartier page on a phone has a budget of its own."""

from __future__ import annotations

import sys

from tests.support.sitebuild import ROOT

sys.path.insert(0, str(ROOT / "bench"))

import budgets


def _results(phone_gzip: int) -> dict:
    case = {
        "first_views": [],
        "largest_page": {"path": "index.html", "bytes": 10_000},
        "phone_view": {"label": "quartier sur téléphone (375×812)", "page": "quartiers/x/index.html", "gzip": phone_gzip, "error": None},
    }
    return {"cases": {"a": case}, "machine": {"cpus": 2}}


def _phone_verdict(phone_gzip: int) -> budgets.Verdict:
    return next(v for v in budgets.check(_results(phone_gzip)) if "téléphone" in v.label)


def test_phone_first_view_of_a_quartier_page_is_held_to_120_kb():
    assert budgets.PHONE_VIEW_MAX == 120_000
    assert _phone_verdict(105_000).status == "PASS"
    assert _phone_verdict(151_000).status == "FAIL"
    assert _phone_verdict(151_000).limit == "≤ 120,0 ko"
