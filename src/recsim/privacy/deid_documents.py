"""Generated documents for de-identification practice, with their identifier spans.

A document is drawn from the templates in deid_documents.yaml and filled with
a synthetic cast (patient, relative, household member, employer). Every
identifying value becomes a :class:`Span` of the answer key: where it is in the
text, its Safe Harbor type, and whether it must be removed or may be
generalized. The function is pure: the same seed gives the same document.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from recsim.core import ids
from recsim.core.clock import add_years, age_on
from recsim.core.content import load_content
from recsim.core.generate.fake import seeded_faker
from recsim.core.generate.population import PAYERS
from recsim.privacy import deid_values as values
from recsim.privacy.deid import Action, IdentifierType, generalized, restricted_zip3
from recsim.privacy.deid_templates import DocumentsFile, Options, Table

RARE_TYPES: tuple[IdentifierType, ...] = (
    "fax",
    "certificate_license",
    "vehicle",
    "device",
    "url",
    "ip_address",
    "biometric",
    "photograph",
    "other_unique",
)
"""Identifier types a document carries only some of (in its "Other information" part)."""

_PLACEHOLDER = re.compile(r"\{([A-Za-z0-9_]+)\}")
_SHORT_DATES = ("{m:02d}/{d:02d}/{y}", "{y}-{m:02d}-{d:02d}", "{d} {mon} {y}")
_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


@dataclass(frozen=True, slots=True)
class Value:
    """A value a template may place; ``type`` set means it identifies someone."""

    text: str
    type: str | None = None
    action: Action = "remove"
    whose: str = ""
    note: str = ""


@dataclass(frozen=True, slots=True)
class Span:
    """One identifier in a document: the answer key's unit."""

    start: int
    end: int
    type: str
    action: Action
    text: str
    kept: str
    """What a de-identified copy keeps when the action is generalize ("" for remove)."""
    whose: str
    note: str


@dataclass(frozen=True, slots=True)
class Document:
    """A generated document and every identifier in it."""

    kind: str
    title: str
    text: str
    spans: tuple[Span, ...]


@cache
def templates() -> DocumentsFile:
    """The document templates (deid_documents.yaml)."""
    return load_content(__package__, "deid_documents.yaml", DocumentsFile)


def document_kinds() -> tuple[str, ...]:
    """The kinds of document the generator writes."""
    return tuple(templates().kinds)


class _Writer:
    """Builds text while recording where each identifying value lands."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.spans: list[Span] = []
        self.length = 0

    def write(self, text: str) -> None:
        self.parts.append(text)
        self.length += len(text)

    def put(self, value: Value) -> None:
        if value.type is not None:
            kept = generalized(value.type, value.text) if value.action == "generalize" else None
            self.spans.append(
                Span(
                    self.length,
                    self.length + len(value.text),
                    value.type,
                    value.action,
                    value.text,
                    kept or "",
                    value.whose,
                    value.note,
                )
            )
        self.write(value.text)

    def render(self, template: str, cast: Mapping[str, Value]) -> None:
        at = 0
        for match in _PLACEHOLDER.finditer(template):
            self.write(template[at : match.start()])
            self.put(cast[match.group(1)])
            at = match.end()
        self.write(template[at:])

    def text(self) -> str:
        return "".join(self.parts)


def placeholders(template: str) -> list[str]:
    """The placeholder names a template uses."""
    return _PLACEHOLDER.findall(template)


def generate_document(
    seed: int,
    *,
    as_of: date,
    rare: Sequence[str],
    elderly: bool,
    kind: str | None = None,
    locale: str = "en_US",
) -> Document:
    """A document for de-identification practice.

    ``rare`` names which of :data:`RARE_TYPES` it carries; ``elderly`` makes the
    patient 90 or older (so the age and birth date fall under the over-89 rule).
    """
    rng = random.Random(seed)
    data = templates()
    kind = kind or rng.choice(document_kinds())
    spec = data.kinds[kind]
    profile = "elderly" if elderly else "working"
    cast = make_cast(rng, as_of=as_of, elderly=elderly, locale=locale)
    writer = _Writer()
    for number, block in enumerate(spec.blocks):
        if number:
            writer.write("\n")
        if block.text is not None:
            writer.render(_choose(rng, block.text, profile), cast)
        elif block.extras is not None:
            _extras(writer, rng, block.extras, rare, profile, cast)
        elif block.table is not None:
            _table(writer, data.tables[block.table], cast)
    text = writer.text().rstrip("\n") + "\n"
    title = _PLACEHOLDER.sub(lambda m: cast[m.group(1)].text, spec.title)
    return Document(kind, title, text, tuple(writer.spans))


def _choose(rng: random.Random, options: Options, profile: str) -> str:
    if isinstance(options, str):
        return options
    fitting = [o for o in options if isinstance(o, str) or o.when in (None, profile)]
    chosen = rng.choice(fitting)
    return chosen if isinstance(chosen, str) else chosen.text


def _extras(
    writer: _Writer,
    rng: random.Random,
    heading: str,
    rare: Sequence[str],
    profile: str,
    cast: Mapping[str, Value],
) -> None:
    sentences = [
        _choose(rng, templates().extras[kind], profile) for kind in RARE_TYPES if kind in rare
    ]
    if not sentences:
        return
    writer.write(heading + "\n")
    for number, sentence in enumerate(sentences):
        writer.write(" " if number else "")
        writer.render(sentence, cast)
    writer.write("\n")


def _table(writer: _Writer, spec: Table, cast: Mapping[str, Value]) -> None:
    rows: list[list[_Writer]] = []
    for row in spec.rows:
        cells = []
        for template in row:
            cell = _Writer()
            cell.render(template, cast)
            cells.append(cell)
        rows.append(cells)
    headers = list(spec.columns)
    widths = [max(len(h), *(cells[n].length for cells in rows)) for n, h in enumerate(headers)]
    writer.write(spec.heading + "\n")
    writer.write(
        "  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip() + "\n"
    )
    writer.write("  ".join("-" * w for w in widths) + "\n")
    for cells in rows:
        for number, (cell, width) in enumerate(zip(cells, widths, strict=True)):
            offset = writer.length
            writer.parts.append(cell.text())
            writer.length += cell.length
            writer.spans.extend(
                Span(
                    s.start + offset,
                    s.end + offset,
                    s.type,
                    s.action,
                    s.text,
                    s.kept,
                    s.whose,
                    s.note,
                )
                for s in cell.spans
            )
            if number < len(cells) - 1:
                writer.write(" " * (width - cell.length + 2))
        writer.write("\n")


def _short(day: date, style: str) -> str:
    return style.format(m=day.month, d=day.day, y=day.year, mon=_MONTHS[day.month - 1][:3])


def _long(day: date) -> str:
    return f"{_MONTHS[day.month - 1]} {day.day}, {day.year}"


def make_cast(
    rng: random.Random, *, as_of: date, elderly: bool, locale: str = "en_US"
) -> dict[str, Value]:
    """Every value a template may use, the identifying ones typed for the answer key."""
    data = templates()
    fake = seeded_faker(locale, rng.randrange(2**32), stream="deid")
    female = rng.random() < 0.5
    first = fake.first_name_female() if female else fake.first_name_male()
    last = fake.last_name()
    age = rng.randint(90, 101) if elderly else rng.randint(19, 64)
    birth = add_years(as_of, -age) - timedelta(days=rng.randint(40, 300))
    age = age_on(birth, as_of)
    condition = rng.choice(data.conditions)

    discharge = as_of - timedelta(days=rng.randint(3, 40))
    admit = discharge - timedelta(days=rng.randint(2, 8))
    onset = admit - timedelta(days=rng.randint(1, 6))
    collected = admit + timedelta(days=rng.randint(0, 1))
    style = rng.choice(_SHORT_DATES)

    restricted = restricted_zip3()
    if rng.random() < 0.25:
        prefix = rng.choice(sorted(restricted))
        state, zip_code = restricted[prefix], f"{prefix}{rng.randrange(100):02d}"
    else:
        state = fake.state_abbr(include_territories=False, include_freely_associated_states=False)
        zip_code = fake.zipcode_in_state(state)
        while zip_code[:3] in restricted:
            zip_code = fake.zipcode_in_state(state)

    if elderly:
        relations: tuple[str, ...] = ("daughter", "son", "granddaughter", "grandson")
    elif age < 40:
        relations = ("sister", "brother", "mother", "father")
    else:
        relations = ("sister", "brother", "daughter", "son")
    relation = rng.choice(relations)
    relative_female = relation in ("daughter", "granddaughter", "sister", "mother")
    relative_first = fake.first_name_female() if relative_female else fake.first_name_male()
    relative_last = last if rng.random() < 0.6 else fake.last_name()
    household_relation = rng.choice(
        ("live-in caregiver", "grandson", "husband" if female else "wife")
        if elderly
        else ("husband" if female else "wife", "partner", "roommate")
    )
    kin = household_relation in ("husband", "wife", "grandson")
    household_first = (
        fake.first_name_male()
        if household_relation in ("husband", "grandson")
        else fake.first_name_female()
        if household_relation == "wife"
        else fake.first_name()
    )
    household = f"{household_first} {last if kin else fake.last_name()}"
    employer = fake.company()
    payer = rng.choice(PAYERS)
    exposure = onset - timedelta(days=rng.randint(0, 5))

    who_relative = f"the patient's {relation}"
    who_household = f"a household member (the patient's {household_relation})"

    def ident(
        text: str, kind: str, whose: str = "the patient", action: Action = "remove", note: str = ""
    ) -> Value:
        return Value(text, kind, action, whose, note)

    def when(day: date, name: str) -> dict[str, Value]:
        return {
            name: ident(_short(day, style), "date", action="generalize"),
            f"{name}_text": ident(_long(day), "date", action="generalize"),
        }

    dob_note = (
        "a birth date of someone over 89: even the year shows the age, so all of it goes"
        if elderly
        else ""
    )
    cast: dict[str, Value] = {
        "patient": ident(f"{first} {last}", "name"),
        "patient_last": ident(last, "name"),
        "relative": ident(f"{relative_first} {relative_last}", "name", who_relative),
        "household": ident(household, "name", who_household),
        "employer": ident(employer, "name", "the patient's employer"),
        "street": ident(fake.street_address(), "geographic"),
        "city": ident(fake.city(), "geographic"),
        "county": ident(f"{fake.last_name()} County", "geographic"),
        "zip": ident(
            zip_code,
            "geographic",
            action="generalize",
            note="a small three-digit ZIP area: it becomes 000"
            if zip_code[:3] in restricted
            else "",
        ),
        "dob": ident(
            _short(birth, style),
            "date",
            action="remove" if elderly else "generalize",
            note=dob_note,
        ),
        "age": ident(str(age), "age_over_89", action="generalize") if elderly else Value(str(age)),
        "phone": ident(ids.make_phone(rng), "phone"),
        "relative_phone": ident(ids.make_phone(rng), "phone", who_relative),
        "household_phone": ident(ids.make_phone(rng), "phone", who_household),
        "relative_fax": ident(ids.make_phone(rng), "fax", who_relative),
        "employer_fax": ident(ids.make_phone(rng), "fax", "the patient's employer"),
        "email": ident(ids.make_email(f"{first}.{last}", rng), "email"),
        "ssn": ident(ids.make_ssn(rng), "ssn"),
        "mrn": ident(ids.make_mrn(rng.randrange(10**7)), "mrn"),
        "member_id": ident(ids.make_member_id(rng, payer[1]), "health_plan_number"),
        "account": ident(values.make_account_number(rng), "account_number"),
        "license": ident(values.make_license_number(rng, state), "certificate_license"),
        "certificate": ident(values.make_certificate_number(rng), "certificate_license"),
        "vin": ident(values.make_vin(rng), "vehicle"),
        "device_serial": ident(values.make_device_serial(rng), "device"),
        "url": ident(values.make_url(rng, f"{first} {last}"), "url"),
        "ip": ident(values.make_ip(rng), "ip_address"),
        "fingerprint": ident(values.make_biometric_id(rng, "FP"), "biometric"),
        "voiceprint": ident(values.make_biometric_id(rng, "VP"), "biometric"),
        "photo": ident(f"full-face photograph (file {values.make_photo_file(rng)})", "photograph"),
        "badge": ident(values.make_badge_number(rng), "other_unique"),
        "tattoo": ident(
            rng.choice(data.tattoos),
            "other_unique",
            note="a one-of-a-kind characteristic identifies as surely as a number",
        ),
        **when(onset, "onset"),
        **when(admit, "admit"),
        **when(discharge, "discharge"),
        **when(collected, "collected"),
        "exposure_date": ident(_short(exposure, style), "date", who_relative, "generalize"),
        "exposure_date2": ident(
            _short(exposure + timedelta(days=1), style), "date", who_household, "generalize"
        ),
        "state": Value(state),
        "payer": Value(payer[0]),
        "flu_year": Value(str(as_of.year - rng.randint(1, 6))),
        "wbc": Value(f"{rng.uniform(4.5, 16.0):.1f}"),
        "creatinine": Value(f"{rng.uniform(0.6, 1.6):.1f}"),
        "occupation": Value(rng.choice(data.occupations)),
        "relation": Value(relation),
        "household_relation": Value(household_relation),
        "sex_label": Value("female" if female else "male"),
        "sex_noun": Value("woman" if female else "man"),
        "title": Value("Ms." if female else "Mr."),
        "she": Value("she" if female else "he"),
        "She": Value("She" if female else "He"),
        "her": Value("her" if female else "his"),
        "Her": Value("Her" if female else "His"),
    }
    cast["condition_text"] = Value(condition.in_text)
    for field in (
        "name",
        "code",
        "symptoms",
        "test",
        "result",
        "reference",
        "treatment",
        "dose",
        "exposure",
    ):
        cast["condition" if field == "name" else field] = Value(str(getattr(condition, field)))
    treatment = condition.treatment
    cast["treatment_lower"] = Value(treatment[0].lower() + treatment[1:])
    return cast
