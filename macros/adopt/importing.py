"""`career import FILE [DIR]`: competencies from a spreadsheet (CSV or XLSX, in the layout of
exports/ladder_sheet.py) written as YAML into a framework folder, checked before anything is written.

- DIR a framework folder (it has framework.yml): each area of the sheet becomes `competencies/NN-<id>.yml`, numbered
  after the framework's areas; `levels.yml` is written only when the framework has no ladder yet (no levels.yml and no
  family with its own), from the sheet's level columns. An area of the sheet that names an area of the framework (by
  id, or by title) replaces that area's file: only a file an earlier `career import` wrote, unless `--force`.
- DIR new or empty: a new framework: framework.yml, levels.yml from the level columns, competencies/ and schema/.

Before an area file is replaced, what it holds is compared with what the sheet makes of it (`_Losses`): every
area, group, item and behaviour that would lose what the layout does not carry (the other language, a description
the sheet lacks, aliases, examples, links, ...) or leave the file is a warning at its line in the file. One that is
marked internal (`internal: true`, on it, on what holds it, or on its description) and would be public after the
import, or would leave the file while the sheet has no `internal` column (a public export), is an `ImportRefused`
(exit 1, even with --force): the sheet must mark it in its `internal` column.

Every file is first written into a copy (or a new folder) and checked as `career check` does; only a result that
passes is written, each file through a temporary file renamed into place (core/outputs.py), a new framework as a
whole folder moved into place. A refusal (a file that is not ours, a folder that is not a framework) is an
`OutputRefused` (exit 2); a result that does not pass is an `ImportFailed` with the check's messages (exit 1).
"""
from __future__ import annotations

import os
import re
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import yaml

from ..core.diagnostics import Diagnostic
from ..core.files import Files, Parsed, display_path
from ..core.framework import Framework
from ..core.loading import read_files
from ..core.model import AreaFile, Behaviour, Group, Item, Ladder
from ..core.outputs import MARKER, OutputRefused, Protected, atomic_write, check_folder, owned_files, write_folder
from ..core.schema import write_schemas
from ..core.text import Language, Text, check_line
from ..core.yamlio import YamlError, read_yaml
from ..exports.ladder_sheet import COLUMN_OF, KIND_OF, MARK_OF, REMARK_NAMES, ascii_id, fold
from .ladder_import import AreaDraft, GroupDraft, KnownArea, KnownLevel, Note, Placed, Target, place
from .sheets import Sheet, SheetError, read_sheet

Checker = Callable[[Path], tuple[Framework | None, list[Diagnostic]]]
#: The words that mark a file `career import` wrote (in its first lines): such a file may be replaced by the next import.
MARK = "by `career import`"
_HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")
#: Words of the layout (column names, kinds, internal marks), folded: not texts, so not read for the language.
_LAYOUT_WORDS = frozenset(COLUMN_OF) | frozenset(KIND_OF) | frozenset(MARK_OF) | REMARK_NAMES


@dataclass(frozen=True)
class ImportOptions:
    file: Path
    target: Path
    area: str | None = None
    lang: Language | None = None
    sheet: str | None = None
    force: bool = False
    dry_run: bool = False


@dataclass(frozen=True)
class Written:
    """One file of the result: its path in the framework, whether it is new or replaces one, and what it holds."""

    rel: str
    status: str  # "new" or "replaced"
    holds: str
    hand_written: bool = False  # replaced a file no import wrote (--force)


@dataclass(frozen=True)
class Imported:
    target: Path
    new_framework: bool
    sheet: Sheet
    placed: Placed
    lang: Language
    lang_reason: str
    files: tuple[Written, ...]
    families: tuple[str, ...] = ()  # the framework's families that list their areas
    losses: tuple[Diagnostic, ...] = ()  # what the replaced files held that the result does not (warnings)

    @property
    def notes(self) -> tuple[Note, ...]:
        return self.placed.notes


class ImportRefused(SheetError):
    """The sheet would make something marked internal public, or remove it without knowing of internal marks (it has
    no `internal` column); nothing was written."""

    def __init__(self, errors: list[Diagnostic], warnings: list[Diagnostic]) -> None:
        self.errors, self.warnings = errors, warnings
        lines = ["the sheet would make what is marked internal public, or remove it; nothing was written (--force does "
                 "not change this):", *map(str, errors)]
        if warnings:
            lines += ["the import would also drop (warnings):", *map(str, warnings)]
        super().__init__("\n".join(lines))


class ImportFailed(Exception):
    """The YAML the sheet makes does not pass `career check`; nothing was written."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        super().__init__(f"{len(diagnostics)} problems")


def run(options: ImportOptions, checker: Checker) -> Imported:
    """Read the sheet, place it, check the result and write it (see the module docstring)."""
    target = _target_path(options.target)
    existing = _existing(target)
    protected = Protected.around(Path.cwd() / "framework")
    if not existing:
        check_folder(target, protected, flag="into")  # a new framework's folder: refused now, before any reading
    sheet = read_sheet(options.file, options.sheet)
    files = read_files(target)[0] if existing else None
    lang, reason = _language(options.lang, sheet)
    placed = place(sheet, _known(files, lang), options.area)
    plan = _Plan(target, files, lang, sheet, placed, options.force)
    losses = _losses(files, placed, lang)
    if existing:
        plan.refuse_others()
    if options.dry_run or existing:
        with tempfile.TemporaryDirectory(prefix="career-import-") as tmp:
            stage = Path(tmp) / (target.name or "framework")
            if existing:
                shutil.copytree(target, stage, symlinks=True)
            plan.fill(stage, checker)
        if existing and not options.dry_run:
            plan.write_into(target)
    else:
        write_folder(target, lambda folder: plan.fill(folder, checker), protected, flag="into", what="career import")
        (target / MARKER).unlink(missing_ok=True)  # a framework folder, never an export a later export may replace
    listing = tuple(p.rel for p in files.families if p.model.areas is not None) if files else ()
    return Imported(target, not existing, sheet, placed, lang, reason, plan.written(), listing, losses)


def _target_path(target: Path) -> Path:
    target = Path(os.path.normpath(Path.cwd() / target))
    if target.is_symlink():
        raise OutputRefused(f"{display_path(target)} is a symbolic link; give the framework folder's own path")
    return target


def _existing(target: Path) -> bool:
    """Whether `target` is a framework folder (else it is new or empty: a new framework); refused otherwise."""
    shown = display_path(target)
    if not target.exists():
        return False
    if not target.is_dir():
        raise OutputRefused(f"{shown} is a file; give a framework folder, or a new folder for a new framework")
    if (target / "framework.yml").is_file():
        return True
    if any(target.iterdir()):
        raise OutputRefused(f"{shown} is not a framework folder (no framework.yml) and not empty; give a framework folder, "
                            "or a new folder for a new framework")
    return False


def _language(given: Language | None, sheet: Sheet) -> tuple[Language, str]:
    """The language of the sheet's texts, and why: Korean when it has Hangul outside the layout's own words (a file in
    another language than the framework's locale says so with `language:`)."""
    if given is not None:
        return given, "--lang"
    if any(_HANGUL.search(cell) and fold(cell) not in _LAYOUT_WORDS for row in sheet.rows for cell in row):
        return "ko", "the sheet has Hangul; --lang to choose"
    return "en", "the sheet has no Hangul; --lang to choose"


def _known(files: Files | None, lang: Language) -> Target:
    """The levels, areas and ids of the framework a sheet goes into (nothing for a new framework)."""
    if files is None:
        return Target((), (), {})
    ladders: list[tuple[str, Ladder]] = []
    if files.levels is not None:
        ladders.append(("levels.yml", files.levels.model))
    ladders += [(f"family '{p.model.id}'", p.model.ladder) for p in files.families if p.model.ladder is not None]
    levels = [KnownLevel(step.level.id, frozenset(fold(t) for t in (step.level.title.ko, step.level.title.en) if t), name, 0)
              for name, ladder in ladders for step in ladder.steps()]
    areas = [KnownArea(p.model.id, frozenset(fold(t) for t in (p.model.title.ko, p.model.title.en) if t), p.model.title.get(lang))
             for p in files.areas]
    ids = {p.model.id: frozenset(e.id for e in p.entities() if e.kind in ("group", "item", "behaviour"))
           | ({p.model.id} if p.model.items or p.model.behaviours else set()) for p in files.areas}
    return Target(tuple(replace(lv, rank=i) for i, lv in enumerate(levels)), tuple(areas), ids)


# what the replaced files would lose ------------------------------------------------------------
#: Fields the import writes itself (number, language), derives from the sheet (level), or compares one by one (the
#: contents, the internal mark): never reported as lost when the sheet's entity has none.
_COMPARED = frozenset({"number", "language", "level", "items", "behaviours", "groups", "internal"})
_LANGUAGE_NAME: dict[Language, str] = {"ko": "Korean", "en": "English"}
_Entity = AreaFile | Group | Item | Behaviour


@dataclass(frozen=True)
class _New:
    """An area, group, item or behaviour as the sheet makes it: the fields it writes, whether it is internal (marked,
    or inside what is), and the cell that names it."""

    fields: frozenset[str]
    hidden: bool
    at: str


@dataclass(frozen=True)
class _Old:
    """What the comparison knows of the entity holding the next one in the file."""

    name: str = ""
    hidden: bool = False  # marked internal, or inside what is
    gone: bool = False  # not in the sheet (reported)
    leaked: bool = False  # internal in the file, public after the import (reported)


def _losses(files: Files | None, placed: Placed, lang: Language) -> tuple[Diagnostic, ...]:
    """What the files the sheet replaces hold and the result would not (warnings, at their place in the file);
    ImportRefused when something internal would become public."""
    existing = {p.model.id: p for p in files.areas} if files else {}
    replaced = [existing[d.replaces] for d, _ in placed.areas if d.replaces in existing]
    if not replaced:
        return ()
    compare = _Losses(_drafted(placed), lang, placed.internal_column)
    for p in replaced:
        compare.area(p)
    if compare.errors:
        raise ImportRefused(compare.errors, compare.warnings)
    return tuple(compare.warnings)


def _drafted(placed: Placed) -> dict[tuple[str, str], _New]:
    """Every area, group, item and behaviour the sheet makes, by kind and id (a behaviour: `group/level`)."""
    out: dict[tuple[str, str], _New] = {}
    for area, _ in placed.areas:
        out["area", area.id] = _New(_fields(area.description), area.internal, area.at)
        if area.own is not None:
            _drafted_group(out, area.own, area.internal)
        for g in area.groups.values():
            out["group", g.id] = _New(_fields(g.description), area.internal or g.internal, g.at)
            _drafted_group(out, g, area.internal or g.internal)
    return out


def _fields(description: str | None) -> frozenset[str]:
    return frozenset({"id", "title", *(("description",) if description else ())})


def _drafted_group(out: dict[tuple[str, str], _New], g: GroupDraft, hidden: bool) -> None:
    for it in g.items:
        out["item", it.id] = _New(_fields(it.description), hidden or it.internal, it.at)
    for level, (_, at) in g.behaviours.items():
        out["behaviour", f"{g.id}/{level}"] = _New(frozenset({"level", "text"}), hidden or level in g.hidden, at)


class _Losses:
    """Compares the area files an import replaces with what the sheet makes of them: `errors` for what is internal
    and would be public, `warnings` for what would be lost, each at its place in the file."""

    def __init__(self, drafted: dict[tuple[str, str], _New], lang: Language, column: bool) -> None:
        self.drafted, self.column = drafted, column
        self.other: Language = "en" if lang == "ko" else "ko"
        self.errors: list[Diagnostic] = []
        self.warnings: list[Diagnostic] = []
        self.file: Parsed[AreaFile] | None = None

    def area(self, p: Parsed[AreaFile]) -> None:
        self.file, a = p, p.model
        state = self._entity("area", a.id, f"area '{a.id}'", a, (), _Old())
        self._contents(a.id, a.items, a.behaviours, (), state)
        for gi, g in enumerate(a.groups):
            loc: tuple[str | int, ...] = ("groups", gi)
            self._contents(g.id, g.items, g.behaviours, loc, self._entity("group", g.id, f"group '{g.id}'", g, loc, state))

    def _contents(self, group: str, items: tuple[Item, ...], behaviours: tuple[Behaviour, ...], loc: tuple[str | int, ...],
                  holder: _Old) -> None:
        for i, it in enumerate(items):
            self._entity("item", it.id, f"item '{it.id}'", it, (*loc, "items", i), holder)
        for i, b in enumerate(behaviours):
            name = f"behaviour '{b.id}'" if b.id else f"the behaviour of '{group}' at level '{b.level}'"
            self._entity("behaviour", f"{group}/{b.level}", name, b, (*loc, "behaviours", i), holder)

    def _entity(self, kind: str, key: str, name: str, model: _Entity, loc: tuple[str | int, ...], holder: _Old) -> _Old:
        hidden = holder.hidden or model.internal
        new = self.drafted.get((kind, key))
        if new is None:
            if not holder.gone:
                self._gone(name, model, loc, hidden)
            return _Old(name, hidden, gone=True)
        leaked = hidden and not new.hidden
        if leaked and (model.internal or not holder.leaked):
            why = "is internal (`internal: true`)" if model.internal else f"is internal (inside {holder.name}, which is)"
            self._say((*loc, "internal") if model.internal else loc, f"{name} {why}, but the sheet does not mark it "
                      f"({new.at}): it would be public; {self._mark_hint()}", error=True)
        elif not new.hidden:
            self._texts(name, model, loc, new)
        lost = self._lost(model, new)
        if lost:
            self._say(loc, f"{name}: the sheet does not carry its {', '.join(lost)}, which the import drops (add back by "
                           "hand what should stay)")
        return _Old(name, hidden, leaked=leaked)

    def _gone(self, name: str, model: _Entity, loc: tuple[str | int, ...], hidden: bool) -> None:
        """An entity the sheet leaves out (what it holds goes with it): refused when it is internal and the sheet knows
        nothing of internal marks."""
        if hidden and not self.column:
            self._say((*loc, "internal") if model.internal else loc, f"{name} is internal and not in the sheet, which has "
                      "no `internal` column (an export for the public leaves internal content out): the import would "
                      "remove it; import a sheet exported with `career export --format xlsx --audience internal`, or, if "
                      "it is meant to go, add an `internal` column (사내용) to the sheet", error=True)
        else:
            self._say(loc, f"{name} is not in the sheet: the import removes it (with what it holds)")

    def _texts(self, name: str, model: _Entity, loc: tuple[str | int, ...], new: _New) -> None:
        """An internal text (`internal: true` on a description) the sheet writes where it would be public."""
        for field_name in type(model).model_fields:
            value = getattr(model, field_name)
            if isinstance(value, Text) and value.internal and field_name in new.fields:
                self._say((*loc, field_name, "internal"), f"{name}: its {field_name} is internal (`internal: true` on "
                          f"the text), but in the sheet ({new.at}) it would be public; the layout cannot mark one text "
                          f"internal: mark the row internal, or empty the {field_name} cell (the import then drops "
                          f"the {field_name}; add it back by hand)", error=True)

    def _lost(self, model: _Entity, new: _New) -> list[str]:
        """The fields of `model` the sheet does not carry: absent from it, or their other language."""
        lost: list[str] = []
        for field_name, info in type(model).model_fields.items():
            value = getattr(model, field_name)
            if field_name in _COMPARED or value is None or value == info.default:
                continue
            if field_name not in new.fields:
                lost.append(field_name + (" (internal)" if isinstance(value, Text) and value.internal else ""))
            elif isinstance(value, Text) and getattr(value, self.other) is not None:
                lost.append(f"{_LANGUAGE_NAME[self.other]} {field_name}")
        return lost

    def _mark_hint(self) -> str:
        if self.column:
            return "write yes (예) in the row's `internal` cell"
        return ("add an `internal` column (사내용) to the sheet with yes (예) in its row, or import a sheet exported with "
                "`career export --format xlsx --audience internal`")

    def _say(self, loc: tuple[str | int, ...], message: str, *, error: bool = False) -> None:
        assert self.file is not None
        d = self.file.marks.diagnostic(loc, message, key=loc[-1:] == ("internal",))
        (self.errors if error else self.warnings).append(d if error else d.warning())


class _Plan:
    """The files the import writes: their paths and YAML text."""

    def __init__(self, target: Path, files: Files | None, lang: Language, sheet: Sheet, placed: Placed, force: bool) -> None:
        self.target, self.files, self.lang, self.sheet, self.placed, self.force = target, files, lang, sheet, placed, force
        self.locale: Language = files.framework.model.locale if files and files.framework else lang
        self.texts: dict[str, str] = {}
        self.status: dict[str, Written] = {}
        self._plan()

    def _plan(self) -> None:
        existing = {p.model.id: p for p in self.files.areas} if self.files else {}
        numbers = [p.model.number for p in existing.values() if p.model.number is not None]
        numbered = bool(numbers) or not existing
        following = max(numbers, default=0)
        if self.files is None:
            self._add("framework.yml", self._framework_yml(), "new", "the framework's name and language: edit them")
        if self.placed.new_ladder:
            levels = ", ".join(lc.id for lc in self.placed.levels)
            self._add("levels.yml", self._levels_yml(), "new", f"the ladder, {len(self.placed.levels)} levels: {levels}")
        for draft, data in self.placed.areas:
            old = existing.get(draft.replaces or "")
            if old is not None:
                rel, number, status = old.rel, old.model.number, "replaced" if _ours(self.target / old.rel) else "replaced!"
            else:
                following += 1 if numbered else 0
                number = following if numbered else None
                rel, status = f"competencies/{number:02d}-{draft.id}.yml" if number else f"competencies/{draft.id}.yml", "new"
            self._add(rel, self._area_yml(data, number), status, _holds(draft))

    def _add(self, rel: str, text: str, status: str, holds: str) -> None:
        self.texts[rel] = text
        self.status[rel] = Written(rel, status.rstrip("!"), holds, status.endswith("!"))

    def written(self) -> tuple[Written, ...]:
        return tuple(self.status.values())

    # YAML -------------------------------------------------------------------------------------
    def _head(self, kind: str, extra: str = "") -> str:
        schema = self._schema_line(kind)
        source = Path(self.sheet.file).name + (f" (sheet '{self.sheet.name}')" if self.sheet.name is not None else "")
        lines = [schema] if schema else []
        lines.append(f"# Imported from {source} {MARK}; edit it here from now on (a later import replaces it while "
                     "these lines stay).")
        if extra:
            lines.append(extra)
        return "\n".join(lines) + "\n"

    def _schema_line(self, kind: str) -> str | None:
        """The first line editors read the file's JSON Schema from: our schema folder's, or what the framework's
        other files of the kind say."""
        up = "../" if kind == "area" else ""
        if self.files is None or (self.target / "schema" / f"{kind}.schema.json").is_file():
            return f"# yaml-language-server: $schema={up}schema/{kind}.schema.json"
        folder = self.target / "competencies" if kind == "area" else self.target
        for p in sorted(folder.glob("*.yml")):
            first = p.read_text(encoding="utf-8", errors="replace").split("\n", 1)[0]
            if first.startswith("# yaml-language-server: $schema=") and first.endswith(f"{kind}.schema.json"):
                return first
        return None

    def _language_field(self) -> dict[str, Any]:
        return {"language": self.lang} if self.lang != self.locale else {}

    def _framework_yml(self) -> str:
        name = self.sheet.file.rsplit("/", 1)[-1].rsplit(".", 1)[0]
        try:
            name = check_line(" ".join(name.split()))
        except ValueError:
            name = "Career framework"
        data = {"id": ascii_id(self.target.name) or "career-framework", "name": name, "organisation": {"name": name},
                "locale": self.lang}
        return self._head("framework", "# Name the framework and its organisation here.") + dump_yaml(data)

    def _levels_yml(self) -> str:
        data = {**self._language_field(), "levels": [{"id": lc.id, "title": lc.title} for lc in self.placed.levels]}
        return self._head("levels", "# The ladder, lowest level first, from the sheet's level columns.") + dump_yaml(data)

    def _area_yml(self, data: dict[str, Any], number: int | None) -> str:
        ident, rest = data["id"], {k: v for k, v in data.items() if k != "id"}
        full = {"id": ident, **({"number": number} if number is not None else {}), **self._language_field(), **rest}
        return self._head("area") + dump_yaml(full)

    # checking and writing ---------------------------------------------------------------------
    def refuse_others(self) -> None:
        """Refuse, before anything is written, to replace a file that an earlier import did not write (without --force)."""
        for folder in {Path(rel).parent for rel in self.texts}:
            names = [Path(rel).name for rel in self.texts if Path(rel).parent == folder]
            owned_files(self.target / folder, names, _ours, force=self.force, flag="into")

    def fill(self, folder: Path, checker: Checker) -> None:
        """Write every file into `folder` (a copy of the framework, or the new one) and check it; ImportFailed when the
        result does not pass."""
        for rel, text in self.texts.items():
            path = folder / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        if self.files is None:
            write_schemas(folder / "schema")
        fw, problems = checker(folder)
        errors = [_moved(d, folder, self.target) for d in problems if d.severity == "error"]
        if fw is None or errors:
            raise ImportFailed(errors)

    def write_into(self, target: Path) -> None:
        for rel, text in self.texts.items():
            path = target / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(path, text.encode("utf-8"))


def _ours(path: Path) -> bool:
    try:
        with path.open(encoding="utf-8", errors="replace") as f:
            head = [f.readline() for _ in range(3)]
    except OSError:
        return False
    return any(MARK in line for line in head)


def _moved(d: Diagnostic, stage: Path, target: Path) -> Diagnostic:
    """A diagnostic of the staged copy as one of the target."""
    for prefix in (str(stage), display_path(stage)):
        if d.path.startswith(prefix + "/"):
            return replace(d, path=display_path(target) + d.path[len(prefix):])
    return d


def _holds(draft: AreaDraft) -> str:
    groups = list(draft.groups.values())
    items = sum(len(g.items) for g in groups) + (len(draft.own.items) if draft.own else 0)
    behaviours = sum(len(g.behaviours) for g in groups) + (len(draft.own.behaviours) if draft.own else 0)
    parts = [f"{len(groups)} group{'s' if len(groups) != 1 else ''}" if groups else "",
             f"{items} item{'s' if items != 1 else ''}" if items else "",
             f"{behaviours} behaviour{'s' if behaviours != 1 else ''}" if behaviours else ""]
    return f"area '{draft.id}': " + ", ".join(p for p in parts if p)


# YAML writing ---------------------------------------------------------------------------------
class _Dumper(yaml.SafeDumper):
    """Block style with lists indented under their key (as the framework's files are written)."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _str(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|" if value == value.strip() else '"')
    if _READS_AS_OTHER.fullmatch(value):
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


#: Plain scalars our strict reader (core/yamlio.py, YAML 1.2) reads as something other than text: numbers, null, booleans.
_READS_AS_OTHER = re.compile(r"[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|~|null|Null|NULL|true|True|TRUE|false|False|FALSE")
_Dumper.add_representer(str, _str)


def dump_yaml(data: dict[str, Any]) -> str:
    """`data` as block YAML that reads back (with the framework's strict reader) as exactly `data`."""
    text = yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100_000, default_flow_style=False)
    try:
        back, _ = read_yaml(text.encode("utf-8"), "<import>")
    except YamlError as exc:  # pragma: no cover - a bug of this writer, not of the sheet
        raise AssertionError(f"the YAML written for an import does not read back: {exc}") from None
    if back != data:  # pragma: no cover - the same
        raise AssertionError("the YAML written for an import reads back differently")
    return text


def report(result: Imported, dry_run: bool = False) -> tuple[list[str], str]:
    """(the notes, for standard error; the summary, for standard output)."""
    what = "a new framework" if result.new_framework else "the framework"
    lines = [f"{'would import' if dry_run else 'imported'} {result.sheet.described}, {result.placed.rows} rows, into "
             f"{display_path(result.target)}/ ({what}; texts in {'Korean' if result.lang == 'ko' else 'English'}: "
             f"{result.lang_reason}):"]
    width = max(len(w.rel) for w in result.files)
    lines += [f"  {w.rel:<{width}}  {w.status:<8}  {w.holds}" for w in result.files]
    if result.new_framework:
        lines.append(f"  {'schema/':<{width}}  {'new':<8}  the JSON Schemas editors check the files with")
    lines += _hints(result)
    lines.append("nothing was written (--dry-run)" if dry_run else f"next: career check {display_path(result.target)}")
    return [str(n) for n in result.notes] + [str(d) for d in result.losses], "\n".join(lines) + "\n"


def _hints(result: Imported) -> list[str]:
    """What to look at after the import: what the replaced files lost, families to list new areas in, the notes."""
    out = []
    if result.losses:
        hand = " (written by hand)" if any(w.hand_written for w in result.files) else ""
        out.append(f"  the replaced files{hand} lose what the sheet does not carry: {_count(len(result.losses), 'warning')} "
                   "above, each at its line in the file before the import; see git diff")
    if result.families and any(w.status == "new" and w.rel.startswith("competencies/") for w in result.files):
        out.append(f"  the families list their areas ({', '.join(result.families)}): add each new area to the `areas:` "
                   "of the families it belongs to")
    unplaced = sum(1 for n in result.notes if not n.placed)
    changed = len(result.notes) - unplaced
    told = [f"{_count(unplaced, 'warning')} (what was not imported)" if unplaced else "",
            f"{_count(changed, 'note')} (what was placed otherwise than written)" if changed else ""]
    if result.notes:
        out.append(" and ".join(t for t in told if t) + ", above")
    return out


def _count(n: int, what: str) -> str:
    return f"{n} {what}{'s' if n != 1 else ''}"
