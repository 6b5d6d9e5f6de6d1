"""A finding's topic reads as words in the trainee's feedback heading, never as an id."""

from __future__ import annotations

from recsim.session.topics import topic_words
from recsim.tasks.audit.catalog import catalog
from recsim.tasks.deficiency.content import deficiency_content


def test_error_kinds_and_deficiencies_read_as_their_own_titles() -> None:
    for name, info in catalog().items():
        assert topic_words(name) == info.title
    for name, kind in deficiency_content().kinds.items():
        assert topic_words(name) == kind.title


def test_other_topics_read_as_words() -> None:
    assert topic_words("access_without_job_reason") == "Access without job reason"
    assert topic_words("deid_names") == "De-identification: names"
    for topic in ("unlawful_disclosure", "right_of_access", "extra_code", "clean_chart", "overlay"):
        words = topic_words(topic)
        assert "_" not in words and words[0].isupper()


def test_coding_abbreviations_keep_their_capitals() -> None:
    # The inpatient kind's topics: "Poa" and "Drg" read as nothing a coder says.
    assert topic_words("poa") == "Present-on-admission (POA) indicator"
    assert topic_words("drg") == "MS-DRG"
