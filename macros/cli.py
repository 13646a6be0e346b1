"""`career`: check the framework data and write its JSON Schemas."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Sequence

from . import diff_report, exports, revisions
from .contract import PUBLISHED, check_contract, write_published
from .framework import Framework
from .jobposting import ExportError, PostingOptions, ats_html, ats_text, job_posting_json
from .pydantic_errors import suggest
from .diagnostics import summary
from .loading import check
from .pages import build_pages, url_list_json
from .schema import write_schemas

DEFAULT_FRAMEWORK = "framework"


def _report(problems: list) -> int:
    for d in problems:
        print(d, file=sys.stderr)
    print(summary(problems), file=sys.stderr)
    return 1


def _cmd_check(args: argparse.Namespace) -> int:
    fw, problems = check(args.path)
    if fw is not None and (Path(args.path) / PUBLISHED).is_file():
        problems = check_contract(fw, build_pages(fw), Path(args.path))
        fw = None if problems else fw
    if fw is None:
        return _report(problems)
    n_groups = sum(len(a.groups) for a in fw.areas)
    n_items = sum(1 for _ in fw.items())
    print(
        f"{args.path}: ok — {len(fw.levels)} levels, {len(fw.roles)} roles, {len(fw.areas)} areas, "
        f"{n_groups} groups, {n_items} items, {len(fw.kpis)} KPI dimensions, "
        f"{sum(1 + len(q.follow_ups) for _, q in fw.questions())} interview questions"
    )
    return 0


def _cmd_urls(args: argparse.Namespace) -> int:
    fw, problems = check(args.path)
    if fw is None:
        return _report(problems)
    pages = build_pages(fw)
    if not args.update:
        sys.stdout.write(url_list_json(fw, pages))
        return 0
    problems = check_contract(fw, pages, Path(args.path))
    if problems and not args.force:
        print("the current framework breaks URLs of the last release; fix them or pass --force:", file=sys.stderr)
        return _report(problems)
    print(f"wrote {write_published(fw, pages, Path(args.path))}")
    return 0


def _role_level(fw: Framework, args: argparse.Namespace):  # noqa: ANN202
    if not args.role or not args.level:
        raise ExportError(f"--format {args.format} needs --role and --level")
    roles = {r.id: r for r in fw.roles}
    if args.role not in roles:
        raise ExportError(f"unknown role '{args.role}'{suggest(args.role, roles)}")
    role = roles[args.role]
    if args.level not in role.levels:
        raise ExportError(f"role '{role.id}' has no level '{args.level}'{suggest(args.level, role.levels)}"
                          f" (levels: {', '.join(role.levels)})")
    return role, fw.level(args.level)


def _export_mkdocs(args: argparse.Namespace) -> int:
    from mkdocs.exceptions import MkDocsException

    from .static_export import export_mkdocs

    if not args.out:
        print("career export: --format mkdocs needs --out DIR", file=sys.stderr)
        return 1
    try:
        count = export_mkdocs(Path(args.config), Path(args.out))
    except MkDocsException as exc:
        print(f"career export: {exc}", file=sys.stderr)
        return 1
    print(f"wrote a plain MkDocs project with {count} generated pages to {args.out}", file=sys.stderr)
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    if args.format == "mkdocs":
        return _export_mkdocs(args)
    fw, problems = check(args.path)
    if fw is None:
        return _report(problems)
    try:
        if args.format == "json":
            text = exports.framework_json(fw)
        elif args.format == "schema":
            text = exports.framework_schema()
        elif args.format == "csv":
            text = exports.matrix_csv(fw)
        elif args.format == "jobposting":
            role, level = _role_level(fw, args)
            opts = PostingOptions(args.date_posted, args.valid_through, args.location, args.remote,
                                  args.employment_type, args.site_url)
            text = job_posting_json(fw, role, level, opts)
        else:  # ats
            role, level = _role_level(fw, args)
            text = (ats_text if args.plain else ats_html)(fw, role, level, args.site_url)
    except ExportError as exc:
        print(f"career export: {exc}", file=sys.stderr)
        return 1
    if args.out:
        out = Path(args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        tmp = out.with_name(out.name + ".tmp")
        tmp.write_bytes(text.encode("utf-8"))  # csv carries its own BOM
        tmp.replace(out)
        print(f"wrote {out}", file=sys.stderr)
    else:
        sys.stdout.buffer.write(text.encode("utf-8"))
    return 0


def _cmd_diff(args: argparse.Namespace) -> int:
    try:
        result = revisions.diff(args.base, args.head, Path(args.path))
    except revisions.RevisionError as exc:
        print(f"career diff: {exc}", file=sys.stderr)
        return 1
    sys.stdout.write(diff_report.as_json(result) if args.format == "json" else diff_report.markdown(result))
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
    p = sub.add_parser("urls", help="print the site's stable URLs and anchors, or record them as released")
    p.add_argument("path", nargs="?", default=DEFAULT_FRAMEWORK, help="framework folder (default: framework)")
    p.add_argument("--update", action="store_true", help="write them to framework/published-urls.json (on release)")
    p.add_argument("--force", action="store_true", help="with --update: record even if released URLs would break")
    p.set_defaults(func=_cmd_urls)
    p = sub.add_parser("export", help="export the framework (json, csv) or one JD (jobposting, ats)")
    p.add_argument("--format", required=True, choices=["json", "schema", "csv", "jobposting", "ats", "mkdocs"])
    p.add_argument("--config", default="mkdocs.yml", help="mkdocs: the project's mkdocs.yml (default: mkdocs.yml)")
    p.add_argument("--path", default=DEFAULT_FRAMEWORK, help="framework folder (default: framework)")
    p.add_argument("--role", help="role id (jobposting, ats)")
    p.add_argument("--level", help="level id (jobposting, ats)")
    p.add_argument("--out", help="write to this file instead of standard output")
    p.add_argument("--site-url", help="published site address, for links (https) in jobposting and ats")
    p.add_argument("--plain", action="store_true", help="ats: plain text instead of HTML")
    p.add_argument("--date-posted", help="jobposting: YYYY-MM-DD (required by Google)")
    p.add_argument("--valid-through", help="jobposting: YYYY-MM-DD")
    p.add_argument("--location", help='jobposting: "locality, country code", e.g. "서울, KR"')
    p.add_argument("--remote", metavar="COUNTRY", help="jobposting: a remote job open to applicants in COUNTRY")
    p.add_argument("--employment-type", help="jobposting: FULL_TIME, PART_TIME, CONTRACTOR, ...")
    p.set_defaults(func=_cmd_export)
    p = sub.add_parser("diff", help="what a change means: compare framework/ at two git revisions or folders")
    p.add_argument("base", help="git revision (e.g. origin/main) or folder")
    p.add_argument("head", nargs="?", help="git revision or folder (default: the working tree)")
    p.add_argument("--path", default=DEFAULT_FRAMEWORK, help="framework folder in the repository (default: framework)")
    p.add_argument("--format", choices=["markdown", "json"], default="markdown")
    p.set_defaults(func=_cmd_diff)
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
