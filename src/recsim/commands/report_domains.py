"""``recsim report --domains``: mastery per CCA and RHIT exam domain, per student and for the class.

Mastery is the share of a domain's findings a student got right (a partial counts half),
over every graded results file of theirs; the class figure is the mean of the students'
figures, so each student counts once however many files they handed in.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from recsim.core.grading.gradebook import GradedAttempt


def domains_json(graded: Sequence[GradedAttempt]) -> dict[str, Any]:
    """``{"class": {domain: mastery}, "trainees": [{"trainee", "domains"}], "outlines"}``."""
    from recsim.core.seeds import normalize_trainee
    from recsim.session.domains import domains_file
    from recsim.session.progress import domain_mastery

    findings: dict[str, list[tuple[str, str, str]]] = {}
    names: dict[str, str] = {}
    for attempt in graded:
        if attempt.card is None:
            continue
        trainee = attempt.results.document.trainee
        key = normalize_trainee(trainee)
        names.setdefault(key, trainee)
        findings.setdefault(key, []).extend(
            (f.item, f.topic, f.outcome) for f in attempt.card.findings
        )
    file = domains_file()
    trainees: list[dict[str, Any]] = []
    for key in sorted(findings, key=lambda k: names[k].casefold()):
        tallies = domain_mastery(findings[key])
        trainees.append(
            {
                "trainee": names[key],
                "domains": {d: tallies[d].mastery for d in file.domains if d in tallies},
            }
        )
    reached = [d for d in file.domains if any(d in t["domains"] for t in trainees)]
    class_mastery: dict[str, float] = {}
    for domain in reached:
        figures = [t["domains"][domain] for t in trainees if domain in t["domains"]]
        class_mastery[domain] = round(sum(figures) / len(figures), 1)
    return {
        "class": class_mastery,
        "trainees": trainees,
        "outlines": [exam.outline for exam in file.exams.values()],
    }


def domains_lines(data: dict[str, Any]) -> list[Any]:
    """The domains section of the text report: the class per domain, then each student per
    domain under a short code (C1 is the CCA outline's first domain, R1 the RHIT's), so a
    class fits 80 columns."""
    from rich.text import Text

    from recsim.commands.output import plain_text, table
    from recsim.session.domains import domain_title

    codes = domain_codes()
    overview = table("Mastery by exam domain (% of the domain's findings met; class mean)")
    overview.add_column("Code", no_wrap=True)
    overview.add_column("Domain", overflow="fold", min_width=16)
    overview.add_column("Class", justify="right", no_wrap=True)
    for domain, mastery in data["class"].items():
        overview.add_row(codes[domain], Text(domain_title(domain)), f"{mastery:.0f}")
    students = table("Each student")
    students.add_column("Trainee", overflow="fold", min_width=10)
    for domain in data["class"]:
        students.add_column(codes[domain], justify="right", no_wrap=True)
    for trainee in data["trainees"]:
        mine = trainee["domains"]
        cells = [f"{mine[d]:.0f}" if d in mine else "-" for d in data["class"]]
        students.add_row(Text(plain_text(trainee["trainee"])), *cells)
    sources = Text("Domains from: " + "; ".join(data["outlines"]) + ".")
    return [Text(""), overview, Text(""), students, sources]


def domain_codes() -> dict[str, str]:
    """Domain -> its short code: the exam's initial and the domain's place in its outline."""
    from recsim.session.domains import domains_file

    file = domains_file()
    codes: dict[str, str] = {}
    for exam_id, exam in file.exams.items():
        mine = [d for d, domain in file.domains.items() if domain.exam == exam_id]
        codes.update({d: f"{exam.title[0]}{n}" for n, d in enumerate(mine, start=1)})
    return codes
