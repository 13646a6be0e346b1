"""`career`: check the framework data, export it, compare revisions and write its JSON Schemas."""
from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from .core.audience import Audience
from .core.diagnostics import BuildError, Diagnostic, summary
from .core.files import display_path
from .core.framework import Framework, Ref
from .core.loading import check
from .core.messages import suggest
from .core.model import Level, RoleFile
from .core.outputs import OutputRefused, Protected, write_file
from .core.schema import write_schemas
from .core.scopes import qualified
from .core.text import Language
from .core.translations import survey
from .exports import documents
from .exports.jobposting import ExportError, PostingOptions, ats_html, ats_text, job_posting_json
from .review import report, revisions, staleness
from .review.contract import PUBLISHED, published_name, write_published
from .site.edition import Edition
from .views.common import Facts

if TYPE_CHECKING:  # the site build is imported only by the commands that build (it is most of the import time)
    from . import app

DEFAULT_FRAMEWORK = "framework"
AUDIENCES: tuple[Audience, ...] = ("internal", "public")


def _report(problems: list[Diagnostic]) -> int:
    for d in problems:
        print(d, file=sys.stderr)
    print(summary(problems), file=sys.stderr)
    return 1 if any(d.severity == "error" for d in problems) else 0


EDITIONS: tuple[Language, ...] = ("ko", "en")


def _options(path: str, audience: Audience = "internal", language: Language = "ko") -> app.BuildOptions:
    from . import app  # noqa: PLC0415

    return app.BuildOptions(framework_dir=Path(path), project_dir=Path.cwd(), history=False, audience=audience,
                            language=language, editions=EDITIONS)


def _editions(path: str, audience: Audience, previous: app.SiteBuild | None = None) -> tuple[list[app.SiteBuild], list[Diagnostic]]:
    """Every edition's build for an audience (the site publishes Korean at / and English at /en/), and
    what breaks the released URL list. Each build after the first (and after `previous`) reuses the files the one
    before it read (`app.build`'s `previous`): the framework is read once, not once per edition and audience."""
    from . import app  # noqa: PLC0415

    sites, broken = [], []
    for lang in EDITIONS:
        try:
            site = app.build(_options(path, audience, lang), previous=previous)
        except app.ContractError as exc:
            site = exc.site
            broken += exc.diagnostics
        sites.append(site)
        previous = site
    return sites, broken


def _cmd_check(args: argparse.Namespace) -> int:
    if args.lang:
        return _untranslated(args)
    fw, problems = _checked(Path(args.path))
    if fw is None or any(d.severity == "error" for d in problems):
        return _report(problems)
    for d in problems:
        print(d, file=sys.stderr)
    warnings = f" ({_n(len(problems), 'warning')})" if problems else ""
    print(f"{args.path}: ok — " + ", ".join(_counts(fw)) + warnings)
    return 0


def _checked(path: Path) -> tuple[Framework | None, list[Diagnostic]]:
    """The framework and every problem: the data's, ids that would take another page's address, URLs of a release
    that would break (each audience's released list, when there is one: building is the slow part), thin kits."""
    fw, problems = check(path, lasting=True)  # what was read lives until the command ends
    if fw is None:
        return None, problems
    from .site.pagekinds import id_clashes  # noqa: PLC0415 - the site's modules load only once the data reads

    problems = sorted({*problems, *id_clashes(fw, path)})
    if any(d.severity == "error" for d in problems):
        return fw, problems
    broken: list[Diagnostic] = []
    previous = None
    for audience in AUDIENCES:
        if (path / published_name(audience)).is_file():
            sites, found = _editions(str(path), audience, previous)
            broken += found
            previous = sites[-1]
    if broken:
        return None, [*problems, *broken]
    return fw, sorted(set(problems) | set(_kit_warnings(fw, path)))


def _counts(fw: Framework) -> list[str]:
    families = [f for f in fw.families if not f.implicit]
    questions = list(fw.questions())
    counts = [_n(len(families), "family", "families") if families else "", _n(len(fw.levels), "level"), _n(len(fw.roles), "role"),
              _n(len(fw.areas), "area"), _n(sum(len(a.groups) for a in fw.areas), "group"), _n(sum(1 for _ in fw.items()), "item"),
              _n(len(fw.behaviours()), "behaviour") if fw.behaviours() else "", _n(len(fw.kpis), "KPI dimension"),
              _n(len(questions), "interview question") + f" ({_n(sum(len(q.follow_ups) for _, q in questions), 'follow-up')})"]
    return [c for c in counts if c]


def _n(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else many or one + 's'}"


def _untranslated(args: argparse.Namespace) -> int:
    """`career check --lang en`: every text without that language (shown in the other language on that edition),
    then every translation into it whose source changed since (review/staleness.py). A to-do list: exit 0."""
    found = survey(Path(args.path), args.lang)
    notes = found.untranslated
    old = staleness.stale(Path(args.path), found.translations)
    for d in notes:
        print(str(d).replace(": warning: ", ": untranslated: ", 1))
    for s in old.stale:
        print(str(s.diagnostic()).replace(": warning: ", ": stale: ", 1))
    if old.note:
        print(f"career check: {old.note}", file=sys.stderr)
    total = found.total
    done = total - len(notes)
    falls = "falls" if len(notes) == 1 else "fall"
    stale = f"{_n(len(old.stale), f'{args.lang!r} translation')} {'is' if len(old.stale) == 1 else 'are'} stale"
    print(f"{args.path}: {done} of {total} texts have '{args.lang}'"
          + (f"; {len(notes)} {falls} back to another language" if notes else "") + (f"; {stale}" if old.stale else ""))
    return 0


def _kit_warnings(fw: Framework, framework_dir: Path) -> list[Diagnostic]:
    """A role level whose interview kit has fewer than 3 questions (only when there are questions at all)."""
    if not fw.interviews:
        return []
    interviews = Facts.of(fw).interviews
    out = []
    for role in fw.roles:
        for level, _ in fw.role_levels(role):
            n = interviews.kit_size(role, level)
            if n < 3:
                src = fw.sources.get(Ref.role_level(role.id, level.id))
                path = str(framework_dir / src.path) if src else str(framework_dir)
                out.append(Diagnostic(path, src.line if src else 0, 1, f"the interview kit of {role.id} at {level.id} has "
                                      f"{_n(n, 'question')}; add questions (interview/) probing what it expects "
                                      "so it has at least 3", "warning"))
    return out


def _cmd_urls(args: argparse.Namespace) -> int:
    fw, problems = check(args.path)
    if fw is None:
        return _report(problems)
    sites, broken = _editions(args.path, args.audience)
    doc = dict(sites[0].url_doc)
    for site in sites[1:]:  # one list for every edition: /en/... joins the Korean URLs
        doc["pages"] = dict(sorted({**doc["pages"], **site.url_doc["pages"]}.items()))
        doc["redirects"] = dict(sorted({**doc["redirects"], **site.url_doc["redirects"]}.items()))
    if not args.update:
        sys.stdout.write(documents.dumps(doc))
        return 0
    if broken and not args.force:
        print("the current framework breaks URLs of the last release; fix them or pass --force:", file=sys.stderr)
        return _report(broken)
    print(f"wrote {write_published(doc, Path(args.path), published_name(args.audience))}")
    return 0


def _role_level(fw: Framework, args: argparse.Namespace) -> tuple[RoleFile, Level]:
    """The role and level a candidate document is for, from the public framework `fw`."""
    if not args.role or not args.level:
        raise ExportError(f"--format {args.format} needs --role and --level")
    roles = {r.id: r for r in fw.roles}
    if args.role not in roles:
        if _internal_only(args, lambda full: full.has_role(args.role)):
            raise ExportError(f"role '{args.role}' is internal: candidate documents hold only what the public site shows")
        raise ExportError(f"unknown role '{args.role}'{suggest(args.role, roles)} (public roles: {', '.join(roles) or 'none'})")
    role = roles[args.role]
    own = qualified(fw.role_family(role).id, args.level)  # a level of the role's family, written as its author wrote it
    level_id = own if args.level not in role.levels and own in role.levels else args.level
    if level_id not in role.levels:
        if _internal_only(args, lambda full: full.has_role(role.id) and bool({level_id, own} & full.role(role.id).levels.keys())):
            raise ExportError(f"level '{args.level}' of role '{role.id}' is internal: candidate documents hold only what the "
                              "public site shows")
        raise ExportError(f"role '{role.id}' has no level '{args.level}'{suggest(args.level, role.levels)}"
                          f" (public levels: {', '.join(role.levels)})")
    return role, fw.level(level_id)


def _internal_only(args: argparse.Namespace, found: Callable[[Framework], bool]) -> bool:
    """Whether what the public framework lacks exists in the internal one (to say why it is not exported)."""
    full, _ = check(args.path)
    return full is not None and found(full)


def _export_mkdocs(args: argparse.Namespace) -> int:
    from mkdocs.exceptions import MkDocsException  # noqa: PLC0415 - MkDocs is loaded only for this command

    from .adapters.static_export import export_mkdocs  # noqa: PLC0415

    if not args.out:
        print("career export: --format mkdocs needs --out DIR (a new folder, or one an earlier export wrote)", file=sys.stderr)
        return 2
    try:
        count = export_mkdocs(Path(args.config), Path(args.out), force=args.force)
    except (MkDocsException, BuildError) as exc:
        print(f"career export: {exc}", file=sys.stderr)
        return 1
    print(f"wrote a plain MkDocs project with {count} generated pages to {args.out}", file=sys.stderr)
    return 0


#: Documents for candidates: built from the public framework, whatever the options.
CANDIDATE_FORMATS = ("jobposting", "ats")


def _export_audience(args: argparse.Namespace) -> Audience:
    if args.format in CANDIDATE_FORMATS:
        if args.audience == "internal":
            raise ExportError(f"--format {args.format} is a document for candidates: it always holds only what the public "
                              "site shows; leave out --audience")
        return "public"
    return args.audience or "public"


def _export_xlsx(args: argparse.Namespace) -> int:
    """`--format xlsx`: the competencies as a workbook in the layout `career import` reads (exports/ladder_sheet.py)."""
    from .exports.xlsx import xlsx_bytes  # noqa: PLC0415 - openpyxl is loaded only for this format

    if not args.out:
        print("career export: --format xlsx needs --out FILE.xlsx (a workbook is not written to the terminal)", file=sys.stderr)
        return 2
    audience: Audience = args.audience or "public"
    fw, problems = check(args.path, audience)
    if fw is None:
        return _report(problems)
    out = write_file(Path(args.out), xlsx_bytes(fw, audience, args.lang), Protected.around(Path(args.path)), force=args.force)
    print(f"wrote {display_path(out)} ({audience})", file=sys.stderr)
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    if args.format == "mkdocs":
        return _export_mkdocs(args)
    if args.format == "xlsx":
        return _export_xlsx(args)
    lang = args.lang
    try:
        audience = _export_audience(args)
        if args.format == "schema":
            text = documents.framework_schema()
        else:
            fw, problems = check(args.path, audience)
            if fw is None:
                return _report(problems)
            text = _export_text(args, fw, audience, lang)
    except ExportError as exc:
        print(f"career export: {exc}", file=sys.stderr)
        return 1
    if args.out:
        out = write_file(Path(args.out), text.encode("utf-8"), Protected.around(Path(args.path)), force=args.force)
        print(f"wrote {display_path(out)} ({audience})" if args.format != "schema" else f"wrote {display_path(out)}",
              file=sys.stderr)
    else:
        sys.stdout.buffer.write(text.encode("utf-8"))
    return 0


def _export_text(args: argparse.Namespace, fw: Framework, audience: Audience, lang: Language) -> str:
    edition = Edition(lang, EDITIONS, audience)
    if args.format == "json":
        return documents.framework_json(fw, audience)
    if args.format == "csv":
        return documents.matrix_csv(fw, audience, lang)
    role, level = _role_level(fw, args)
    if args.format == "jobposting":
        opts = PostingOptions(args.date_posted, args.valid_through, args.location, args.remote,
                              args.employment_type, args.site_url, edition, args.draft)
        return job_posting_json(fw, role, level, opts)
    if args.site_url and not args.site_url.startswith("https://"):
        raise ExportError(f"--site-url must start with https:// (got '{args.site_url[:60]}')")
    return (ats_text if args.plain else ats_html)(fw, role, level, args.site_url, edition)


def _cmd_diff(args: argparse.Namespace) -> int:
    try:
        result = revisions.diff(args.base, args.head, Path(args.path), git_only=args.git)
    except revisions.AmbiguousArgument as exc:  # a usage error, as argparse's: exit 2
        print(f"career diff: {exc}", file=sys.stderr)
        return 2
    except revisions.RevisionError as exc:
        print(f"career diff: {exc}", file=sys.stderr)
        return 1
    if args.format == "json":
        sys.stdout.write(report.as_json(result, {side: s.as_dict() for side, s in result.sides.items()}))
    else:
        sys.stdout.write(report.markdown(result))
    return 0


def _cmd_schema(args: argparse.Namespace) -> int:
    for path in write_schemas(Path(args.out), force=args.force):
        print(f"wrote {path}")
    return 0


def _cmd_import(args: argparse.Namespace) -> int:
    from .adopt import importing  # noqa: PLC0415 - only this command reads spreadsheets
    from .adopt.sheets import SheetError  # noqa: PLC0415

    options = importing.ImportOptions(Path(args.file), Path(args.dir), args.area, args.lang, args.sheet, args.force, args.dry_run)
    try:
        result = importing.run(options, _checked)
    except SheetError as exc:
        print(f"career import: {exc}", file=sys.stderr)
        return 1
    except importing.ImportFailed as exc:
        print("career import: the framework with what the sheet holds does not pass `career check`; nothing was written:",
              file=sys.stderr)
        return _report(exc.diagnostics) or 1
    notes, text = importing.report(result, args.dry_run)
    for line in notes:
        print(line, file=sys.stderr)
    print(text, end="")
    return 0


def _cmd_init(args: argparse.Namespace) -> int:
    from .adopt import engine, scaffold  # noqa: PLC0415 - only this command reads the templates

    source = engine.given(args.engine) if args.engine else engine.installed()
    created = scaffold.init(Path(args.dir), args.lang, source)
    print(scaffold.summary(created, ", ".join(_counts(created.fw))), end="")
    return 0


IMPORT_LAYOUT = """\
Bring competencies in from a spreadsheet: one row per competency, one column per level, cells as statements.

The header row names the columns: area (영역), group (그룹, 역량), id (아이디), kind (유형), description (설명); every
other header names a level, by its id or title, or as 'Title (id)'. Below it:
  a row with no statement describes its group (or its area): the id and description are the group's;
  a row with one statement is an item: the cell is its title, its column the level it is expected from;
  a row with two or more statements holds the behaviours of its group, one per level;
  kind says 'item' or 'behaviours' (항목, 행동 기준) where the count would mislead.
  internal (사내용) says 'yes' (예, true, x) where what the row adds is internal; --audience internal exports write it.
A blank area or group cell repeats the one above. Cells are named file:row:col (CSV) or file:Sheet!C4 (XLSX).
`career export --format xlsx --out FILE.xlsx` writes the same layout.
"""


def _cmd_serve(args: argparse.Namespace) -> int:
    from .adapters import serve  # noqa: PLC0415 - MkDocs is imported only by the command that serves

    host, _, port = args.dev_addr.rpartition(":")
    if not host or not port.isdigit():
        print(f"career serve: --dev-addr {args.dev_addr!r} is not HOST:PORT", file=sys.stderr)
        return 2
    return serve.serve(Path(args.config), host, int(port))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="career", description="Career framework as code.")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    p = sub.add_parser("check", help="validate the framework YAML and report every problem")
    p.add_argument("path", nargs="?", default=DEFAULT_FRAMEWORK, help="framework folder (default: framework)")
    p.add_argument("--lang", choices=["ko", "en"], help="instead: list every text without this language, and every "
                                                       "translation into it whose source changed since (stale)")
    p.set_defaults(func=_cmd_check)
    p = sub.add_parser("urls", help="print the site's stable URLs and anchors, or record them as released")
    p.add_argument("path", nargs="?", default=DEFAULT_FRAMEWORK, help="framework folder (default: framework)")
    p.add_argument("--update", action="store_true", help=f"write them to framework/{PUBLISHED} (on release)")
    p.add_argument("--force", action="store_true", help="with --update: record even if released URLs would break")
    p.add_argument("--audience", choices=AUDIENCES, default="internal",
                   help="the build whose URLs to list: internal (published-urls.json) or public (published-urls.public.json)")
    p.set_defaults(func=_cmd_urls)
    p = sub.add_parser("export", help="export the framework (json, csv, xlsx) or one JD (jobposting, ats)")
    p.add_argument("--format", required=True, choices=["json", "schema", "csv", "jobposting", "ats", "mkdocs", "xlsx"])
    p.add_argument("--config", default="mkdocs.yml", help="mkdocs: the project's mkdocs.yml (default: mkdocs.yml)")
    p.add_argument("--path", default=DEFAULT_FRAMEWORK, help="framework folder (default: framework)")
    p.add_argument("--role", help="role id (jobposting, ats)")
    p.add_argument("--level", help="level id (jobposting, ats)")
    p.add_argument("--lang", choices=["ko", "en"], default="ko", help="language of the texts (default: ko)")
    p.add_argument("--audience", choices=AUDIENCES, help="json, csv, xlsx: public (default: what candidates may see) or internal "
                                                         "(everything, interview material included; the output says so)")
    p.add_argument("--out", help="write to this file (mkdocs: this folder) instead of standard output; never inside "
                                 "the framework folder")
    p.add_argument("--force", action="store_true", help="replace an existing --out file, or a folder no export wrote")
    p.add_argument("--site-url", help="published site address, for links (https) in jobposting and ats")
    p.add_argument("--plain", action="store_true", help="ats: plain text instead of HTML")
    p.add_argument("--date-posted", help="jobposting: YYYY-MM-DD (required by Google)")
    p.add_argument("--valid-through", help="jobposting: YYYY-MM-DD")
    p.add_argument("--location", help='jobposting: "locality, country code", e.g. "서울, KR"')
    p.add_argument("--remote", metavar="COUNTRY", help="jobposting: a remote job open to applicants in COUNTRY")
    p.add_argument("--employment-type", help="jobposting: FULL_TIME, PART_TIME, CONTRACTOR, ...")
    p.add_argument("--draft", action="store_true", help="jobposting: without the date and place Google requires, to complete "
                                                       "later (what the internal site offers for download)")
    p.set_defaults(func=_cmd_export)
    p = sub.add_parser("serve", help="serve the site with live reload, rebuilding what each edit changes (make serve)")
    p.add_argument("--config", default="mkdocs.yml", help="the project's mkdocs.yml (default: mkdocs.yml)")
    p.add_argument("--dev-addr", default="127.0.0.1:8000", metavar="HOST:PORT", help="where to serve (default: 127.0.0.1:8000)")
    p.set_defaults(func=_cmd_serve)
    p = sub.add_parser("diff", help="what a change means: compare framework/ at two git revisions or folders")
    p.add_argument("base", help="git revision (e.g. origin/main), or a framework folder written as ./NAME, ../NAME "
                                "or an absolute path (a plain name that is also a folder is refused as ambiguous)")
    p.add_argument("head", nargs="?", help="the same as BASE (default: the working tree)")
    p.add_argument("--git", action="store_true",
                   help="BASE and HEAD are git revisions only; folders are never looked at (use this in CI)")
    p.add_argument("--path", default=DEFAULT_FRAMEWORK, help="framework folder in the repository (default: framework)")
    p.add_argument("--format", choices=["markdown", "json"], default="markdown")
    p.set_defaults(func=_cmd_diff)
    p = sub.add_parser("schema", help="write JSON Schema files for the framework YAML")
    p.add_argument("--out", default=f"{DEFAULT_FRAMEWORK}/schema", help="output folder (default: framework/schema)")
    p.add_argument("--force", action="store_true", help="replace files of the same names that are not schemas this command wrote")
    p.set_defaults(func=_cmd_schema)
    p = sub.add_parser("init", help="write a new framework repository (site, data, Makefile, CI) into a new or empty folder")
    p.add_argument("dir", metavar="DIR", help="the new repository's folder: new or empty, outside any git repository")
    p.add_argument("--lang", choices=["ko", "en"], default="ko", help="the language of the site and of every file (default: ko)")
    p.add_argument("--engine", metavar="SOURCE", help="where `make` installs the engine from, e.g. "
                   "git+https://github.com/<org>/career-framework@v1.2.0 (default: where this engine was installed from)")
    p.set_defaults(func=_cmd_init)
    p = sub.add_parser("import", help="bring competencies in from a spreadsheet (CSV or XLSX): one row per competency, one "
                                      "column per level", description=IMPORT_LAYOUT, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("file", metavar="FILE", help="the spreadsheet: .csv (UTF-8, or CP949 from Korean Excel) or .xlsx")
    p.add_argument("dir", metavar="DIR", nargs="?", default=DEFAULT_FRAMEWORK,
                   help="the framework folder to add the areas to (default: framework), or a new folder for a new framework")
    p.add_argument("--area", metavar="NAME", help="the area of rows without one (an area's id or title, or a new area's title)")
    p.add_argument("--lang", choices=["ko", "en"], help="the language of the sheet's texts (default: ko when the sheet has "
                                                       "Hangul, else en)")
    p.add_argument("--sheet", metavar="NAME", help="XLSX: the sheet to read (default: the first)")
    p.add_argument("--force", action="store_true", help="replace an area file that an earlier import did not write")
    p.add_argument("--dry-run", action="store_true", help="check and report, write nothing")
    p.set_defaults(func=_cmd_import)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the `career` console script."""
    args = build_parser().parse_args(argv)
    try:
        code: int = args.func(args)
        return code
    except KeyboardInterrupt:
        print("career: interrupted", file=sys.stderr)
        return 130
    except OutputRefused as exc:
        print(f"career {args.command}: {exc}", file=sys.stderr)
        return 2
    except BuildError as exc:
        print(f"career: {exc}", file=sys.stderr)
        return 1
    except Exception as exc:  # noqa: BLE001 - the promise is: a message, never a traceback
        print(f"career: internal error: {type(exc).__name__}: {exc} (please report this)", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
