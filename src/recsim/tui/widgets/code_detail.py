"""What a coder checks about a code before using it, as the coding workspace shows it."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.content import Content

if TYPE_CHECKING:
    from recsim.coding import CodeInfo


def code_detail(info: CodeInfo) -> Content:
    """What a coder checks before using a code: billable, notes, excludes, 7th characters."""
    status = (
        "billable: can go on a claim"
        if info.billable
        else "a heading, not billable: pick one of the codes under it"
    )
    parts: list[Content] = [
        Content.assemble((f"{info.code} ", "bold"), info.description),
        Content.styled(status, "$text-success" if info.billable else "$text-warning"),
    ]

    def notes(title: str, found: tuple[Any, ...]) -> None:
        if found:
            parts.append(Content.assemble((f"{title}: ", "bold"), "; ".join(n.text for n in found)))

    notes("Excludes1 (never together)", info.excludes1)
    notes("Excludes2 (may go together)", info.excludes2)
    notes("Code first", info.code_first)
    notes("Use additional code", info.use_additional)
    notes("Code also", info.code_also)
    notes("Includes", info.includes)
    if info.inclusion_terms:
        parts.append(
            Content.assemble(("Inclusion terms: ", "bold"), "; ".join(info.inclusion_terms))
        )
    if info.seventh_characters:
        sevenths = "; ".join(
            f"{char} {meaning}" for char, meaning in info.seventh_characters.items()
        )
        note = f"{info.seventh_note}. " if info.seventh_note else ""
        parts.append(Content.assemble(("7th characters: ", "bold"), note, sevenths))
    if info.notes:
        # the tabular's instructional notes, each with the level it is printed at: a chapter's
        # note (Chapter 19's "use secondary code(s) from Chapter 20") binds every code in it
        parts.append(Content.styled("Notes in the Tabular List:", "bold"))
        parts += [Content(f"• {note.text} ({where(note.at)})") for note in info.notes]
    if info.manifestation:
        parts.append(Content("Manifestation code: never the principal or first-listed diagnosis."))
    return Content("\n").join(parts)


def where(at: str) -> str:
    """Where a note is printed: ``chapter 19``, ``at S52``, ``at T36-T50``."""
    return f"chapter {at}" if at.isdigit() else f"at {at}"


def search_hint() -> Content:
    """What the search box does, then whether the CMS Alphabetic Index leads it (slow: call it
    off the UI thread, as the code set is loaded)."""
    from recsim.coding.alphabetic import alphabetic_index

    source = (
        "Results come from the Alphabetic Index first, then the tabular titles."
        if alphabetic_index().index is not None
        else "Results come from the tabular titles; recsim codes add --download puts the CMS "
        "Alphabetic Index first."
    )
    return Content(
        "Type words from the note (e.g. 'diabetes kidney') or the start of a code; the results "
        f"update as you type. ↓ to the results, Enter adds a code to the claim. {source}"
    )
