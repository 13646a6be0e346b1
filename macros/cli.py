"""`career`: check the framework data and write its JSON Schemas."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Sequence

from .diagnostics import summary
from .loading import check
from .schema import write_schemas

DEFAULT_FRAMEWORK = "framework"


def _cmd_check(args: argparse.Namespace) -> int:
    fw, problems = check(args.path)
    if fw is None:
        for d in problems:
            print(d, file=sys.stderr)
        print(summary(problems), file=sys.stderr)
        return 1
    n_groups = sum(len(a.groups) for a in fw.areas)
    n_items = sum(1 for _ in fw.items())
    print(
        f"{args.path}: ok — {len(fw.levels)} levels, {len(fw.roles)} roles, {len(fw.areas)} areas, "
        f"{n_groups} groups, {n_items} items, {len(fw.kpis)} KPI dimensions, "
        f"{sum(1 + len(q.follow_ups) for _, q in fw.questions())} interview questions"
    )
    return 0


def _cmd_schema(args: argparse.Namespace) -> int:
    for path in write_schemas(Path(args.out)):
        print(f"wrote {path}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="career", description="Career framework as code.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    p = sub.add_parser("check", help="validate the framework YAML and report every problem")
    p.add_argument("path", nargs="?", default=DEFAULT_FRAMEWORK, help="framework folder (default: framework)")
    p.set_defaults(func=_cmd_check)
    p = sub.add_parser("schema", help="write JSON Schema files for the framework YAML")
    p.add_argument("--out", default=f"{DEFAULT_FRAMEWORK}/schema", help="output folder (default: framework/schema)")
    p.set_defaults(func=_cmd_schema)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `career` console script."""
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        print("career: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - the promise is: a message, never a traceback
        print(f"career: internal error: {type(exc).__name__}: {exc} (please report this)", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
