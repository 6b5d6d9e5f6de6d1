"""Scenario commands for instructors: ``validate``, ``schema``, ``new`` and ``preview``."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from recsim.commands.common import (
    UserError,
    iter_files,
    load,
    print_json,
    seed_argument,
    trainee_argument,
)


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    validate = commands.add_parser("validate", help="check scenario files and folders")
    validate.add_argument("paths", nargs="+", metavar="PATH", help="scenario files or folders")
    validate.set_defaults(run=run_validate)

    schema = commands.add_parser("schema", help="print the JSON Schema of the scenario format")
    schema.set_defaults(run=run_schema)

    new = commands.add_parser("new", help="write a commented starter scenario")
    new.add_argument("path", metavar="PATH", help="file to create (.yaml)")
    new.add_argument(
        "--setting",
        choices=("hospital", "clinic", "insurer", "public_health"),
        default="clinic",
        help="where the work happens (default: clinic)",
    )
    new.set_defaults(run=run_new)

    preview = commands.add_parser("preview", help="show a trainee's generated items and answer key")
    preview.add_argument("scenario", metavar="SCENARIO", help="scenario file or bundled name")
    preview.add_argument(
        "--seed", type=seed_argument, help="use this seed instead of the scenario's"
    )
    preview.add_argument("--trainee", default="", metavar="NAME", help="the trainee's variant")
    preview.add_argument("--json", action="store_true", help="print JSON")
    preview.add_argument(
        "--key-answers",
        action="store_true",
        help="print a perfect answers file (for headless play)",
    )
    preview.add_argument("--key", action="store_true", help="include the answer key (the default)")
    preview.add_argument(
        "--roster",
        metavar="FILE",
        help="the class (one name per line, or a CSV with a name column): a form and key for "
        "each, then the spread of possible points and kinds over the forms",
    )
    preview.add_argument(
        "--spread",
        action="store_true",
        help="with --roster: only the spread (min, mean, max possible points; kinds per form)",
    )
    preview.add_argument(
        "--explain",
        action="store_true",
        help="add, for each request, the rows of the rule table it was tried against",
    )
    preview.set_defaults(run=run_preview)


def run_validate(args: argparse.Namespace) -> int:
    from recsim.core.scenario import InvalidFile
    from recsim.session.checks import load_checked

    files = list(iter_files(args.paths, (".yaml", ".yml")))
    if not files:
        raise UserError("no scenario files (.yaml) found in " + ", ".join(args.paths), status=1)
    invalid = 0
    for path in files:
        try:
            loaded = load_checked(path)
        except InvalidFile as error:
            invalid += 1
            for problem in error.problems:
                print(problem)
            continue
        for warning in loaded.warnings:
            print(warning)
        print(f"{path}: ok ({loaded.scenario.title})", file=sys.stderr)
    return 1 if invalid else 0


def scenario_schema() -> dict[str, Any]:
    """The JSON Schema of the scenario format."""
    from recsim.session.scenarios import scenario_model

    schema = scenario_model().model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "recsim scenario"
    return schema


def run_schema(args: argparse.Namespace) -> int:
    print_json(scenario_schema())
    return 0


def run_new(args: argparse.Namespace) -> int:
    from recsim.commands.starter import starter_text

    path = Path(args.path)
    if path.suffix not in (".yaml", ".yml"):
        raise UserError(f"{path}: a scenario file name must end in .yaml", status=2)
    if path.exists():
        raise UserError(
            f"{path}: already exists; choose another name (recsim never overwrites a file)"
        )
    if not path.parent.is_dir():
        raise UserError(f"{path}: the folder {path.parent} does not exist")
    try:
        with path.open("x", encoding="utf-8") as handle:
            handle.write(starter_text(path.stem, args.setting))
    except OSError as error:
        raise UserError(f"{path}: cannot write ({error.strerror})") from None
    print(f"wrote {path}; check it with: recsim validate {path}", file=sys.stderr)
    return 0


def run_preview(args: argparse.Namespace) -> int:
    from recsim.session.forms import make_variant

    trainee = trainee_argument(args.trainee)
    if args.spread and not args.roster:
        raise UserError("--spread needs --roster FILE: the spread is over a class's forms", 2)
    loaded = load(args.scenario)
    trainees = _roster(args.roster) if args.roster else [trainee]
    if args.spread:
        return _show_spread(loaded, trainees, args)
    outputs = []
    for number, trainee in enumerate(trainees):
        variant = make_variant(loaded, trainee, seed=args.seed)
        if args.key_answers:
            outputs.append(_key_answers(variant))
        elif args.json:
            outputs.append(_preview_json(variant, explain=args.explain))
        else:
            if number:  # one form after another: a rule between trainees
                print("\n" + "=" * 78 + "\n")
            _print_preview(variant, explain=args.explain)
    if outputs:
        print_json(outputs[0] if len(outputs) == 1 and not args.roster else outputs)
    elif args.roster:
        print("\n" + "-" * 78 + "\n")
        _show_spread(loaded, trainees, args)
    return 0


def _show_spread(loaded: Any, trainees: list[str], args: argparse.Namespace) -> int:
    from recsim.commands.spread import spread_lines
    from recsim.session.spread import class_spread

    spread = class_spread(loaded, trainees, seed=args.seed)
    if args.json:
        print_json(spread.to_json())
    else:
        print("\n".join(spread_lines(spread)))
    return 0


def _roster(path_text: str) -> list[str]:
    """The names of a roster file, one per line (# starts a comment), by the name policy."""
    from recsim.core.grading.roster import has_header, parse_roster
    from recsim.core.scenario import InvalidFile
    from recsim.core.scenario.yamlsafe import read_text
    from recsim.core.seeds import BadTraineeName, trainee_name

    try:
        text = read_text(Path(path_text), what="roster file", allow_empty=True)
        if has_header(text):  # a class list as grade --roster reads it
            roster = parse_roster(text, Path(path_text))
            return [trainee_name(student.name) for student in roster.students]
    except InvalidFile as error:
        raise UserError(str(error.problems[0])) from None
    except BadTraineeName as bad:
        raise UserError(f"{path_text}: {bad}") from None
    names = []
    for number, line in enumerate(text.splitlines(), start=1):
        written = line.strip()
        if not written or written.startswith("#"):
            continue
        if _looks_like_data(written):
            # Most likely a scenario, answers or results file given as the roster by mistake.
            raise UserError(
                f"{path_text}:{number}: this line is YAML or JSON, not a name; "
                "a roster lists one trainee name per line"
            )
        try:
            names.append(trainee_name(written))
        except BadTraineeName as bad:
            raise UserError(f"{path_text}:{number}: {bad}") from None
    if not names:
        raise UserError(f"{path_text}: the roster lists no trainees (one name per line)")
    return names


def _looks_like_data(line: str) -> bool:
    """A key (``title: x``), a list item (``- x``), a bracket or a document marker: no name."""
    return ": " in line or line.endswith(":") or line[0] in "{[" or line.startswith(("- ", "---"))


def _preview_json(variant: Any, *, explain: bool = False) -> dict[str, Any]:
    from recsim.session.kinds import task_kind

    scenario = variant.scenario
    items = []
    for item in variant.form.items():
        shown = item.to_json()
        lines = task_kind(item.kind).explain(item) if explain else []
        if lines:
            shown["explain"] = lines
        items.append(shown)
    return {
        "scenario": scenario.id,
        "content_hash": variant.loaded.content_hash,
        "trainee": variant.trainee,
        "seed": variant.seed,
        "as_of": scenario.as_of.isoformat(),
        "items": items,
    }


def _key_answers(variant: Any) -> dict[str, Any]:
    from recsim.session.kinds import task_kind

    answers = {}
    opened: list[dict[str, Any]] = []
    for item in variant.form.items():
        answer = task_kind(item.kind).key_answer(item)
        if answer is not None:
            answers[item.id] = answer.model_dump(mode="json", exclude_defaults=False)
    return {
        "recsim_answers": 1,
        "scenario": variant.scenario.id,
        "trainee": variant.trainee,
        "answers": answers,
        "opened": opened,
    }


def _print_preview(variant: Any, *, explain: bool = False) -> None:
    from recsim.session.kinds import task_kind

    scenario = variant.scenario
    who = f" for {variant.trainee}" if variant.trainee else ""
    print(f"{scenario.title}{who}")
    print(
        f"scenario {scenario.id}  version {variant.loaded.content_hash[:12]}  seed {variant.seed}  "
        f"as of {scenario.as_of}  {len(variant.form)} items  ({scenario.setting}, {scenario.mode})"
    )
    for item in variant.form.items():
        print()
        print(f"== {item.id}: {item.title}")
        for line in task_kind(item.kind).describe(item):
            print(f"   {line}")
        for line in task_kind(item.kind).explain(item) if explain else []:
            print(f"   | {line}")
    sys.stdout.flush()
