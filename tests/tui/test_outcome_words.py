"""Outcome words in the feedback heading: coding penalties read in coding words."""

from __future__ import annotations

from recsim.tui.words import outcome_text


def test_a_coding_penalty_is_not_called_a_false_alarm_or_a_violation() -> None:
    assert outcome_text("false_alarm", "coding") == "✘ not accepted"
    assert outcome_text("violation", "coding") == "✘ not accepted"
    assert outcome_text("partial", "coding") == "◑ partly right"


def test_audit_and_privacy_outcomes_keep_their_own_words() -> None:
    assert outcome_text("false_alarm", "accuracy") == "✘ false alarm"
    assert outcome_text("violation", "privacy") == "✘ violation"
    assert outcome_text("missed") == "✘ missed"
