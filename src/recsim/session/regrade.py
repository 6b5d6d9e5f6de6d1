"""Regrading results files: each trainee's form rebuilt, the raw answers scored again.

The score written in a results file is never trusted. For every file this
finds the exact scenario version it was played on (by content hash), rebuilds
the trainee's variant, scores the raw answers and the access audit trail, and
collects the tamper-evidence flags (:mod:`recsim.core.grading.evidence`),
including a scorecard that does not match the fresh one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from pydantic import ValidationError

from recsim.core.answers import AnswersFile
from recsim.core.grading import (
    Flag,
    GradedAttempt,
    ResultsFile,
    Unreadable,
    UnreadableResults,
    check_evidence,
    read_results,
    scorecard_flag,
)
from recsim.core.grading.evidence import past_due_flag
from recsim.core.scenario import InvalidFile, LoadedScenario
from recsim.core.scoring import Scorecard
from recsim.core.sealed import KeyForm, SealedKey
from recsim.session.checks import load_checked
from recsim.session.forms import Variant, make_variant
from recsim.session.grading import AnswersMismatch, parse_answers
from recsim.session.sealed import played_by_another
from recsim.session.submit import is_sealed_scorecard

SCENARIO_SUFFIXES = (".yaml", ".yml")


class ScenarioFinder:
    """Finds the scenario version a results file was played on, loading each file once.

    Candidates, in order: the scenarios named with ``--scenario`` (the only ones when
    given); otherwise the path recorded in the results file (as written, then
    relative to the results file's folder), ``ID.yaml`` beside the results file,
    the files of each ``--scenario-dir`` folder with that id, and the bundled
    scenario with that id.
    The first candidate with the file's content hash is used; one with the same id
    but another hash means the scenario changed after the attempt.
    """

    def __init__(
        self,
        *,
        override: LoadedScenario | None = None,
        bundled: Path | None = None,
        accept_changed: bool = False,
        named: Sequence[LoadedScenario] = (),
        folders: Sequence[Path] = (),
        keys: Sequence[tuple[SealedKey, LoadedScenario, Path]] = (),
    ) -> None:
        self.override = override
        self.named = [override] if override else list(named)
        self.folders = list(folders)
        self.bundled = bundled
        self.accept_changed = accept_changed
        self.keys = list(keys)
        """Sealed exams' keys (``--key``): each key, the scenario it holds, and its file."""
        self._cache: dict[Path, LoadedScenario | str] = {}

    def sealed(self, results: ResultsFile) -> tuple[SealedKey, KeyForm, LoadedScenario] | Flag:
        """The key entry of the sealed form a results file was played on, or why none."""
        digest = results.document.scenario.content_hash
        for key, loaded, _ in self.keys:
            form = key.form_with_hash(digest)
            if form is not None:
                return key, form, loaded
        if not self.keys:
            return Flag(
                "scenario_missing",
                "it was played on a sealed exam form, which only the exam's key grades "
                "(recsim grade --key KEYFILE); not graded here",
            )
        named = ", ".join(str(path) for _, _, path in self.keys)
        return Flag(
            "scenario_missing",
            f"it was played on a sealed form that {named} does not hold (another sitting's "
            "key, or an edited form); not graded",
        )

    def find(self, results: ResultsFile) -> tuple[LoadedScenario | None, Flag | None]:
        """The scenario to grade against (None if none), and a flag when it is another version."""
        wanted = results.document.scenario
        problems: list[str] = []
        candidates = self.named or self._candidates(results, problems)
        same_id = [c for c in candidates if c.scenario.id == wanted.id]
        for candidate in same_id:
            if candidate.content_hash == wanted.content_hash:
                return candidate, None
        if same_id:
            other = same_id[0]
            what = (
                f"it was played on another version of scenario '{wanted.id}' (version "
                f"{wanted.content_hash[:12]}; {other.path} is version {other.content_hash[:12]})"
            )
            if self.accept_changed:
                return other, Flag(
                    "scenario_changed",
                    what + "; graded against the changed file (--accept-changed)",
                )
            return None, Flag(
                "scenario_changed",
                what + "; not graded: pass --scenario with the version "
                "it was played on, or --accept-changed if the change does not affect the items",
            )
        if self.named:
            ids = "' or '".join(sorted({n.scenario.id for n in self.named}))
            return None, Flag(
                "scenario_missing",
                f"it was played on scenario '{wanted.id}', not '{ids}' (--scenario); not graded",
            )
        detail = f" ({problems[0]})" if problems else ""
        return None, Flag(
            "scenario_missing",
            f"scenario '{wanted.id}' was not found at {wanted.path} nor among "
            f"the bundled scenarios{detail}; not graded: pass --scenario FILE",
        )

    def _candidates(self, results: ResultsFile, problems: list[str]) -> list[LoadedScenario]:
        recorded = Path(results.document.scenario.path)
        paths = [recorded]
        if not recorded.is_absolute():
            paths.append(results.path.parent / recorded)
        paths.append(results.path.parent / f"{results.document.scenario.id}.yaml")
        for folder in self.folders:
            paths += self._in_folder(folder, results.document.scenario.id)
        if self.bundled is not None:
            paths.append(self.bundled / f"{results.document.scenario.id}.yaml")
        found = []
        for path in paths:
            loaded = self._load(path)
            if isinstance(loaded, LoadedScenario):
                found.append(loaded)
            elif loaded:
                problems.append(loaded)
        return found

    def _in_folder(self, folder: Path, wanted: str) -> list[Path]:
        """The scenario files in ``folder`` (not its subfolders) whose id is ``wanted``."""
        found = []
        for path in sorted(folder.iterdir()) if folder.is_dir() else []:
            loaded = self._load(path)
            if isinstance(loaded, LoadedScenario) and loaded.scenario.id == wanted:
                found.append(path)
        return found

    def _load(self, path: Path) -> LoadedScenario | str:
        """The scenario at ``path``, a reason it can't be used, or "" when no file is there."""
        # The path comes from a trainee's file: only ever open a regular .yaml file
        # (never a device or a pipe, which could block).
        if path.suffix not in SCENARIO_SUFFIXES or not path.is_file():
            return ""
        key = path.resolve()
        if key not in self._cache:
            try:
                self._cache[key] = load_checked(path)
            except InvalidFile as error:
                self._cache[key] = (
                    f"{path} is not a valid scenario now: {error.problems[0].message}"
                )
        return self._cache[key]


def regrade(results: ResultsFile, finder: ScenarioFinder) -> GradedAttempt:
    """Regrade one results file: its evidence flags and, with its scenario, a fresh scorecard."""
    document = results.document
    flags = check_evidence(results)
    if is_sealed_scorecard(document.scorecard):
        return _regrade_sealed(results, finder, flags)
    loaded, found_flag = finder.find(results)
    if found_flag is not None:
        flags.append(found_flag)
    if loaded is None:
        return GradedAttempt(results, None, None, flags)
    late = past_due_flag(document.submitted_at, loaded.scenario.due)
    if late is not None:
        flags.append(late)
    variant = make_variant(loaded, document.trainee)
    if variant.seed != document.seed and not any(f.code == "identity" for f in flags):
        flags.append(
            Flag(
                "identity",
                f"the seed in the file ({document.seed}) is not the seed of "
                f"{document.trainee or 'an anonymous trainee'}'s form ({variant.seed})",
            )
        )
    card = _score(results, variant, flags)
    if card is None:
        return GradedAttempt(results, loaded, None, flags)
    mismatch = scorecard_flag(document.scorecard, card, written_by=document.recsim_version)
    if mismatch is not None:
        flags.append(mismatch)
    return GradedAttempt(results, loaded, card, flags)


def _score(results: ResultsFile, variant: Variant, flags: list[Flag]) -> Scorecard | None:
    """The file's raw answers scored on the variant (None, flagged, when they do not fit it)."""
    document = results.document
    try:
        answers = AnswersFile.model_validate(
            {
                "scenario": variant.scenario.id,
                "trainee": document.trainee,
                "answers": document.answers,
            }
        )
        parsed = parse_answers(variant, answers, source="the answers in the file")
    except (AnswersMismatch, ValidationError) as error:
        reason = str(error).splitlines()[0]
        flags.append(Flag("answers_unfit", f"{reason}; not graded"))
        return None
    return variant.score(parsed, variant.trail(document.opened))


def _regrade_sealed(
    results: ResultsFile, finder: ScenarioFinder, flags: list[Flag]
) -> GradedAttempt:
    """A sealed form's results: graded on the variant the key says the form was made from.

    The form file is the identity here (its hash is in the results file and the key):
    the file's seed is 0 and its scorecard a placeholder, so neither is checked.
    """
    document = results.document
    found = finder.sealed(results)
    if isinstance(found, Flag):
        return GradedAttempt(results, None, None, [*flags, found])
    key, form, loaded = found
    if played_by_another(form, document.trainee):
        flags.append(
            Flag(
                "identity",
                f"the form sealed for {form.trainee} was played under the name "
                f"{document.trainee or '(none)'}",
            )
        )
    late = past_due_flag(document.submitted_at, loaded.scenario.due)
    if late is not None:
        flags.append(late)
    variant = make_variant(loaded, form.trainee, seed=key.sitting_seed)
    return GradedAttempt(results, loaded, _score(results, variant, flags), flags)


def grade_files(
    paths: Iterable[Path], finder: ScenarioFinder
) -> tuple[list[GradedAttempt], list[Unreadable]]:
    """Read and regrade every file; an attempt handed in twice is flagged and counted once."""
    graded: list[GradedAttempt] = []
    unreadable: list[Unreadable] = []
    first_file: dict[str, Path] = {}
    named: set[Path] = set()
    for path in paths:
        key = path.resolve()
        if key in named:  # the same file named twice (a file and its folder): read it once
            continue
        named.add(key)
        try:
            results = read_results(path)
        except UnreadableResults as error:
            unreadable.append(Unreadable(path, error.message))
            continue
        attempt = regrade(results, finder)
        earlier = first_file.setdefault(results.document.attempt, path)
        if earlier is not path:
            attempt.flags.append(Flag("duplicate", f"the same attempt as {earlier}; counted once"))
        graded.append(attempt)
    return graded, unreadable
