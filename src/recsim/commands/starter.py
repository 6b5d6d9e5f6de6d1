"""The commented starter scenario written by ``recsim new``."""

from __future__ import annotations

_TASKS = {
    "hospital": """\
  - audit:
      objective: demographics  # tag these items with an objective id
      records: 6               # charts to audit
      errors_per_record: [0, 3]  # fewest and most planted errors per chart
      error_kinds: all         # or a list, e.g. [allergy_conflict, wrong_patient_document]
""",
    "clinic": """\
  - audit:
      objective: demographics  # tag these items with an objective id
      records: 5               # charts to audit
      errors_per_record: [0, 2]  # fewest and most planted errors per chart
      error_kinds: [name_mismatch, dob_transposed, member_id_mismatch, zip_state_mismatch, allergy_missing]
""",  # noqa: E501  (the starter file as the instructor gets it: one YAML line each)
    "insurer": """\
  - audit:
      objective: demographics  # tag these items with an objective id
      records: 5               # charts to audit before claims go out
      errors_per_record: [1, 2]
      error_kinds: [member_id_mismatch, invalid_npi, sex_conflict, age_conflict, date_out_of_range]
""",
    "public_health": """\
  - audit:
      objective: demographics  # tag these items with an objective id
      records: 5               # case reports to check before they are filed
      errors_per_record: [0, 2]
      error_kinds: [zip_state_mismatch, dob_transposed, implausible_value, date_out_of_range]
""",
}


def starter_text(slug: str, setting: str) -> str:
    """A complete, valid scenario with a comment on every key."""
    slug = "".join(c if c.isalnum() else "-" for c in slug.lower()).strip("-") or "my-scenario"
    if not slug[0].isalnum():
        slug = "s-" + slug
    return f"""\
# yaml-language-server: $schema=recsim.schema.json
# A recsim scenario. Check it with:   recsim validate {slug}.yaml
# See what a trainee will get with:   recsim preview {slug}.yaml
# Every key is explained in docs/authoring.md.
recsim: 1                      # format version: always 1
id: {slug[:64]}
title: My first scenario       # shown in the scenario picker
setting: {setting}               # hospital | clinic | insurer | public_health
mode: practice                 # practice (feedback after each item) | exam (feedback at the end)
time_limit: 30m                # optional: 45m, 1h, 1h30m
as_of: 2026-03-02              # the simulated "today"; dates and deadlines count from it
description: |                 # the briefing the trainee reads first (Markdown)
  You are covering the records desk this morning. Work through the queue,
  flag what is wrong in each chart, and propose the corrected value.
objectives:                    # what the trainee should learn; items are tagged with these
  - id: demographics
    text: Catch demographic and identity errors before claims go out
passing_score: 80              # overall percentage needed to pass
weights: {{accuracy: 1, coding: 1, privacy: 1}}
population: {{patients: 40, ages: [0, 95], locale: en_US}}
queue: shuffled                # shuffled | ordered
tasks:
{_TASKS[setting]}traps: []                       # e.g. [{{kind: famous_patient}}, {{kind: coworker_lookup}}]
"""  # noqa: E501  (the starter file as the instructor gets it: one YAML line each)
