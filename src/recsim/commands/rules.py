"""``recsim rules explain``: why a request gets its answer, row by row of the rule table.

The command names no task kind: it asks every registered kind whether it knows the
name (a request archetype), or explains one item of a trainee's form.
"""

from __future__ import annotations

import argparse
import difflib

from recsim.commands.common import UserError, load, trainee_argument


def register(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``rules`` and its ``explain`` subcommand."""
    rules = commands.add_parser("rules", help="read the rules that decide requests")
    actions = rules.add_subparsers(dest="rules_command", metavar="ACTION", required=True)
    explain = actions.add_parser(
        "explain",
        help="show which rule decides a request, and why the rules before it do not",
        description="REQUEST is a request archetype (recsim rules explain warrant), or, with "
        "--scenario, the item id of a request on a trainee's form (release-3).",
    )
    explain.add_argument("request", nargs="?", metavar="REQUEST", help="archetype or item id")
    explain.add_argument("--scenario", metavar="FILE", help="explain a request of this scenario")
    explain.add_argument("--item", metavar="ID", help="the item id (release-3) or authored id")
    explain.add_argument(
        "--trainee", default="", metavar="NAME", help="whose form (with --scenario)"
    )
    explain.set_defaults(run=run_explain)


def run_explain(args: argparse.Namespace) -> int:
    """Print the explanation; one-line errors for an unknown archetype or item."""
    if args.scenario:
        lines = _explain_item(args.scenario, args.item or args.request, args.trainee)
    elif args.request:
        lines = _explain_example(args.request)
    else:
        raise UserError(
            "rules explain: name a request archetype, or give --scenario and --item", status=2
        )
    print("\n".join(lines))
    return 0


def _explain_example(name: str) -> list[str]:
    from recsim.session.kinds import KINDS, task_kind

    known: list[str] = []
    for kind in KINDS:
        task = task_kind(kind)
        names = task.example_names()
        if name in names:
            return task.explain_example(name)
        known += names
    close = difflib.get_close_matches(name, known, n=1)
    hint = f"; did you mean {close[0]}?" if close else f" (archetypes: {', '.join(sorted(known))})"
    raise UserError(f"rules explain: {name!r} is not a request archetype{hint}")


def _explain_item(scenario: str, item_id: str | None, trainee_text: str) -> list[str]:
    from recsim.session.forms import make_variant
    from recsim.session.kinds import task_kind

    if not item_id:
        raise UserError(
            "rules explain: --scenario needs --item ID (for example release-3)", status=2
        )
    variant = make_variant(load(scenario), trainee_argument(trainee_text))
    for item in variant.form.items():
        key = item.key
        if item_id in (item.id, getattr(key, "authored_id", None)):
            lines = task_kind(item.kind).explain(item)
            if not lines:
                raise UserError(
                    f"rules explain: {item_id} is a {item.kind} item, which has no rule table"
                )
            return [f"{item.id}: {item.title}", *lines]
    ids = [i.id for i in variant.form.items() if task_kind(i.kind).example_names()]
    raise UserError(
        f"rules explain: {scenario} has no request {item_id!r} on this form"
        + (f" (its requests: {', '.join(ids)})" if ids else " (it has no requests)")
    )
