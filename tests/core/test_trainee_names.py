"""One name policy (recsim.core.seeds.trainee_name) at entry and at grading (issue 19, item 6)."""

from __future__ import annotations

import unicodedata

import pytest

from recsim.core.seeds import MAX_TRAINEE, BadTraineeName, trainee_name
from recsim.session.forms import variant_seed


def refusal(name: str) -> str:
    with pytest.raises(BadTraineeName) as refused:
        trainee_name(name)
    return str(refused.value)


def test_an_ordinary_name_is_trimmed_and_keeps_the_form_it_always_had() -> None:
    assert trainee_name("  Ana \t Ruiz\n") == "Ana Ruiz"
    # Pinned from before the policy existed: the same name must keep giving the same form.
    assert variant_seed(1234, "Ana Ruiz") == 7550159624129647629
    assert variant_seed(2026, "Zoë Brontë") == 277587997094485702


def test_nfc_and_nfd_spellings_are_one_name_and_one_form() -> None:
    composed, decomposed = (unicodedata.normalize(form, "Zoë Brontë") for form in ("NFC", "NFD"))
    assert composed != decomposed
    assert trainee_name(decomposed) == composed
    assert variant_seed(2026, decomposed) == variant_seed(2026, composed)


def test_an_escape_sequence_is_refused_without_repeating_it() -> None:
    message = refusal("Ana\x1b]2;renamed pane\x07")
    assert message.startswith("character 4 of the name is the control character U+001B")
    assert "\x1b" not in message and "\x07" not in message


@pytest.mark.parametrize(
    ("name", "code"),
    [("Ana\x9b31m", "U+009B"), ("Ana\x00", "U+0000"), ("Ana\x7f", "U+007F")],
)
def test_c0_c1_and_delete_controls_are_refused(name: str, code: str) -> None:
    assert f"control character {code}" in refusal(name)


def test_invisible_direction_overrides_are_refused_but_joiners_that_spell_names_are_kept() -> None:
    assert "invisible or unassigned character U+202E" in refusal("Ana \u202eziuR")
    assert trainee_name("Mehr\u200cnaz") == "Mehr\u200cnaz"


def test_bytes_that_were_not_utf8_are_named_by_their_byte() -> None:
    # A command line decodes a byte that is not UTF-8 to a lone surrogate (surrogateescape).
    assert "is not UTF-8 text (byte 0xE9)" in refusal(b"Ana\xe9".decode("utf-8", "surrogateescape"))


def test_the_length_limit_counts_the_name_as_it_will_be_kept() -> None:
    assert trainee_name("x" * MAX_TRAINEE) == "x" * MAX_TRAINEE
    assert trainee_name("  " + "x" * MAX_TRAINEE + "  ") == "x" * MAX_TRAINEE
    assert refusal("x" * (MAX_TRAINEE + 1)) == "the name is 201 characters long; use at most 200"


def test_masking_keeps_a_written_name_gradable_but_inert() -> None:
    assert trainee_name("Evil\x1b[2J\x07 Eve", mask=True) == "Evil?[2J? Eve"
    with pytest.raises(BadTraineeName, match="201 characters"):
        trainee_name("x" * (MAX_TRAINEE + 1), mask=True)
