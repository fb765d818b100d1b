"""The forge publishes only what passed: the tests, then a strict build of the content."""

from __future__ import annotations

import yaml

from tests.support.sitebuild import ROOT

CI = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text(encoding="utf-8"))


def test_pages_publish_only_after_the_tests_and_a_strict_build():
    stages = CI["stages"]
    test_job, pages = CI["test"], CI["pages"]
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test_job["script"] == ["bash .ci/run"]
    # a later stage runs only when every job of the earlier ones passed (GitLab's default)
    assert stages.index(pages["stage"]) > stages.index(test_job["stage"])
    for job in (test_job, pages):
        assert not job.get("allow_failure") and job.get("when", "on_success") == "on_success"
        assert all(rule.get("when", "on_success") == "on_success" for rule in job.get("rules", []))
    # the build comes first and stops the job on failure (GitLab stops at the first failing command)
    script = pages["script"]
    assert script[0] == "make build" and script.index("mv site public") > 0
    assert pages["artifacts"]["paths"] == ["public"]
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert "convention build" in makefile.split("\nbuild:", 1)[1].split("\n\n", 1)[0]
