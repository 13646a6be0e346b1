"""Reads a framework folder into a `Framework`, collecting every problem before giving up."""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from . import messages
from .audience import Audience, FilterMemo, for_audience
from .diagnostics import Diagnostic, FrameworkError
from .files import FOLDERS, IGNORED_FOLDERS, NAME_HINT, SINGLE_FILES, Files, Parsed, display_path, name_match
from .framework import SHARED_LADDER, Family, Framework, LadderInfo, Ref, Source, behaviour_anchor
from .model import AreaFile, FamilyFile, FrameworkFile, RoleFile, area_groups
from .references import check_references
from .scopes import family_order, keyed_files, scopes
from .text import LANGUAGES, LIMITS, Language
from .texts import texts
from .yamlio import YamlError, read_yaml


class ReadCache:
    """What one reading of a framework folder leaves for the next reading of it, so that only what changed is read
    again: each file's bytes and what they were read into (the same Parsed, which keeps the values derived from it:
    `Parsed.derived`), the audience filter's passes (`FilterMemo`) and the frameworks assembled (whose ladders and
    families are reused when they did not change, so that views built from them compare equal). A file is read again
    whenever its bytes differ, whatever its time stamps say. Pass the same cache to each reading of one folder
    (`career serve` does); without one, every reading starts afresh."""

    def __init__(self) -> None:
        self.files: dict[str, tuple[bytes, tuple[Any, ...], Parsed[Any] | None, tuple[Diagnostic, ...]]] = {}
        self.filters: dict[Audience, FilterMemo] = {}
        self.frameworks: dict[Audience, Framework] = {}
        self.read = self.reused = 0  # files read (parsed and validated) and reused by the last reading
        self.keyed: dict[str, Parsed[Any]] = {}  # each file of the last reading without errors, as the model reads it

    def begin(self) -> dict[str, tuple[bytes, tuple[Any, ...], Parsed[Any] | None, tuple[Diagnostic, ...]]]:
        """Start a reading: the previous reading's files (only files read in this one are kept)."""
        before, self.files = self.files, {}
        self.read = self.reused = 0
        return before

    def filter(self, audience: Audience) -> FilterMemo:
        return self.filters.setdefault(audience, FilterMemo())


def _read(path: Path, root: Path, kind: str, model: type[BaseModel], problems: list[Diagnostic],
          language: Any = None, cache: ReadCache | None = None,
          before: dict[str, tuple[bytes, tuple[Any, ...], Parsed[Any] | None, tuple[Diagnostic, ...]]] | None = None
          ) -> Parsed[Any] | None:
    """Read and validate one file; plain strings take the file's `language:`, else `language`. With `cache`, a
    file whose bytes (and kind, model and language) are those of the previous reading (`before`) is not read again."""
    shown = display_path(path)
    try:
        size = path.stat().st_size
        if size > LIMITS.file_bytes:
            problems.append(Diagnostic(shown, 1, 1, f"file is {size:,} bytes; the limit is {LIMITS.file_bytes:,}: split it"))
            return None
        raw = path.read_bytes()
    except OSError as exc:
        problems.append(Diagnostic(shown, 0, 0, f"cannot read file: {exc.strerror}"))
        return None
    if cache is None:
        return _parse(raw, path, root, kind, model, problems, language)
    how = (kind, model, language)
    old = (before or {}).get(str(path))
    if old is not None and old[1] == how and old[0] == raw:
        cache.files[str(path)] = old
        cache.reused += 1
        problems.extend(old[3])
        return old[2]
    found: list[Diagnostic] = []
    parsed = _parse(raw, path, root, kind, model, found, language)
    cache.files[str(path)] = (raw, how, parsed, tuple(found))
    cache.read += 1
    problems.extend(found)
    return parsed


def _parse(raw: bytes, path: Path, root: Path, kind: str, model: type[BaseModel], problems: list[Diagnostic],
           language: Any) -> Parsed[Any] | None:
    shown = display_path(path)
    try:
        data, marks = read_yaml(raw, shown)
    except YamlError as exc:
        problems.append(exc.diagnostic)
        return None
    if not isinstance(data, dict):
        found = type(data).__name__ if data is not None else "nothing"
        problems.append(Diagnostic(shown, 1, 1, f"expected a mapping of keys at the top of the file, found {found}"))
        return None
    own = data.get("language") if kind != "framework.yml" else data.get("locale")  # framework.yml's own strings: its locale
    lang = own if own in LANGUAGES else language if language in LANGUAGES else "ko"
    try:
        obj = model.model_validate(data, context={"language": lang})
    except ValidationError as exc:
        problems.extend(messages.diagnostics(exc, marks, model))
        return None
    return Parsed(kind, path.relative_to(root).as_posix(), shown, obj, marks)


def _discover(root: Path, problems: list[Diagnostic]) -> dict[str, list[Path]]:
    """The files of each kind in a framework folder; what does not belong there is reported."""
    found: dict[str, list[Path]] = {}
    for name, (_, required) in SINGLE_FILES.items():
        p = root / name
        if p.is_file() and not p.is_symlink():
            found[name] = [p]
        elif required and not p.exists() and not p.is_symlink():  # a folder or a link of that name is reported below
            problems.append(Diagnostic(display_path(p), 0, 0, f"missing file: {name} is required"))
    for folder in FOLDERS:
        found[folder] = _folder_files(root, folder, problems)
    known = {p for paths in found.values() for p in paths}
    for p in sorted(root.rglob("*")):
        if p.relative_to(root).parts[0] not in IGNORED_FOLDERS and p not in known:
            problems.extend(_stray(root, p))
    return found


def _folder_files(root: Path, folder: str, problems: list[Diagnostic]) -> list[Path]:
    _, required, _ = FOLDERS[folder]
    if (root / folder).exists() and not (root / folder).is_dir():
        problems.append(Diagnostic(display_path(root / folder), 0, 0, f"{folder} is a file; it must be a folder of "
                                                                      f"{NAME_HINT[folder]} files"))
    files = sorted(p for p in (root / folder).glob("*.y*ml") if not p.is_symlink() and p.is_file())
    if not files and required:
        problems.append(Diagnostic(display_path(root / folder), 0, 0, f"no files in {folder}/: at least one is required"))
    for p in files:
        if name_match(folder, p) is None:
            problems.append(Diagnostic(display_path(p), 0, 0, f"file name '{p.name[:60]}' must be {NAME_HINT[folder]} "
                                                                "(lowercase letters, digits and hyphens, then .yml)"))
    return files


def _stray(root: Path, p: Path) -> list[Diagnostic]:
    """What is wrong with a path in the framework folder that is not one of its files (nothing, for most)."""
    shown = display_path(p)
    if p.is_dir() and not p.is_symlink():
        if p.suffix in (".yml", ".yaml") and len(p.relative_to(root).parts) <= 2:
            return [Diagnostic(shown, 0, 0, f"'{p.name[:60]}' is a folder named like a data file; framework files are files: "
                                            "remove or rename it")]
        return []
    if p.is_symlink():
        return [Diagnostic(shown, 0, 0, "symbolic links are not read; put the file itself here")]
    if not p.is_file():
        return [Diagnostic(shown, 0, 0, "not a regular file (a device, socket or pipe); remove it")]
    if p.suffix in (".yml", ".yaml"):
        expected = ", ".join([*SINGLE_FILES, *(f"{f}/{NAME_HINT[f]}" for f in FOLDERS)])
        return [Diagnostic(shown, 0, 0, f"unknown framework file; expected one of {expected}")]
    return []


@contextmanager
def _collector_paused(lasting: bool = False) -> Iterator[None]:
    """Python's cycle collector off while a framework is read. Reading makes hundreds of thousands of
    small dicts, tuples and models and no cycles; each collection would walk all of them again
    (a quarter of the reading time at 50x the seed). Whatever is left is collected afterwards; with `lasting`
    (what was read lives as long as the process: a command), it is set aside instead (`gc.freeze`), so that no
    later collection walks it (the first one took 0.1 s at 50x)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if lasting:
            gc.freeze()
        if was:
            gc.enable()


def check(root: str | Path, audience: Audience = "internal", cache: ReadCache | None = None, *,
          lasting: bool = False) -> tuple[Framework | None, list[Diagnostic]]:
    """Load and validate a framework folder: the framework (or None) and every problem found.
    Warnings do not keep the framework from loading. The public audience's framework leaves out
    everything marked internal (and the interview questions). `lasting`: see _collector_paused."""
    found, problems = check_audiences(root, (audience,), cache, lasting=lasting)
    return found[audience], problems


def check_audiences(root: str | Path, audiences: tuple[Audience, ...], cache: ReadCache | None = None, *,
                    lasting: bool = False) -> tuple[dict[Audience, Framework | None], list[Diagnostic]]:
    """The framework as each audience sees it, from one reading of the folder, and every problem found. With
    `cache` (see ReadCache), only what changed since the previous reading of the folder is read again."""
    root = Path(root)
    none: dict[Audience, Framework | None] = dict.fromkeys(audiences)
    if not root.is_dir():
        return none, [Diagnostic(display_path(root), 0, 0, "framework folder not found")]
    with _collector_paused(lasting):
        files, problems = read_files(root, cache)
        problems.extend(check_references(files))
        problems.extend(required_internal_texts(files))
        if any(d.severity == "error" for d in problems):
            return none, sorted(set(problems))
        files = keyed_files(files, scopes(files))
        if cache is not None:  # a file not read again, whose keys are the same, is the same Parsed as before
            cache.keyed = {p.display: p for p in files.all()}
        out: dict[Audience, Framework | None] = {}
        for audience in audiences:
            shown = for_audience(files, audience, cache.filter(audience) if cache else None)
            if shown.levels is None and not shown.families:
                where = (files.levels or files.framework).display  # type: ignore[union-attr]
                return none, sorted({*problems, Diagnostic(where, 1, 1, f"the {audience} build would have no levels: every "
                                                                           "level (or every family) is marked internal; leave at "
                                                                           "least one public")})
            out[audience] = fw = _assemble(shown, cache.frameworks.get(audience) if cache else None)
            if cache is not None:
                cache.frameworks[audience] = fw
        return out, sorted(set(problems))


def read_files(root: Path, cache: ReadCache | None = None) -> tuple[Files, list[Diagnostic]]:
    """Every file of a framework folder, read and validated on its own, and the problems found (with `cache`, only
    the files whose bytes changed since the previous reading are read again)."""
    problems: list[Diagnostic] = []
    found = _discover(root, problems)
    files = Files()
    before = cache.begin() if cache is not None else None

    def read(kind: str, path: Path, model: type[BaseModel], language: Any) -> Parsed[Any] | None:
        result = _read(path, root, kind, model, problems, language, cache, before)
        if result is None:
            files.failed.add(kind)
        else:
            files.add(result)
        return result

    meta = next((read("framework.yml", p, FrameworkFile, None) for p in found.get("framework.yml", [])), None)
    locale: Language = meta.model.locale if meta else "ko"
    families = [read("families", p, FamilyFile, locale) for p in found["families"]]
    family_language = {f.model.id: f.model.language or locale for f in families if f}
    only_family = next(iter(family_language.values())) if len(family_language) == 1 else locale
    for name, (model, _) in SINGLE_FILES.items():
        if name != "framework.yml":
            for p in found.get(name, []):
                read(name, p, model, locale)
    for folder, (model, _, _) in FOLDERS.items():
        if folder == "families":
            continue
        for p in found[folder]:
            language: Any = locale
            if folder == "roles":
                language = _role_language(p, family_language, only_family)
            read(folder, p, model, language)
    return files, problems


def required_internal_texts(files: Files) -> list[Diagnostic]:
    """A required text cannot be internal (the public build would have nothing to show): mark its entity."""
    return [d for p in files.all() for d in p.derived("required-internal", _required_internal)]


def _required_internal(p: Parsed[Any]) -> tuple[Diagnostic, ...]:
    return tuple(p.marks.diagnostic(loc, f"'{loc[-1]}' is required, so its text cannot be internal; "
                                         "mark the whole entity `internal: true` instead")
                 for loc, text, required in texts(p.model) if required and text.internal)


def _role_language(path: Path, family_language: dict[str, Language], default: Language) -> Language:
    """A role file's default language: its family's (read cheaply from the `family:` line)."""
    try:
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("family:"):
                return family_language.get(line.split(":", 1)[1].strip().strip("'\""), default)
    except OSError:
        pass
    return default


def load_framework(root: str | Path) -> Framework:
    """Load a framework folder or raise FrameworkError listing every problem."""
    fw, problems = check(root)
    if fw is None:
        raise FrameworkError(problems)
    return fw


def _sources(files: Files) -> dict[Ref, Source]:
    """Where each entity is written: every model that defines an id, each behaviour (`<group>--<level>`) and each
    role's level (`<role>/<level>`)."""
    sources: dict[Ref, Source] = {}
    for p in files.all():
        sources.update(p.derived("sources", _file_sources))
    return sources


def _file_sources(p: Parsed[Any]) -> dict[Ref, Source]:
    """Where each entity of one file is written (see _sources)."""
    sources: dict[Ref, Source] = {}
    for e in p.entities():
        sources[Ref(e.kind, e.id)] = Source(p.rel, p.marks.at(e.loc)[0])
    if isinstance(p.model, AreaFile):
        for gloc, g in area_groups(p.model):
            if gloc == ():
                sources[Ref("group", g.id)] = Source(p.rel, p.marks.at(())[0])
            for bi, b in enumerate(g.behaviours):
                sources[Ref("behaviour", behaviour_anchor(g.id, b))] = Source(p.rel, p.marks.at((*gloc, "behaviours", bi))[0])
    if isinstance(p.model, RoleFile):
        for lid in p.model.levels:
            sources[Ref.role_level(p.model.id, lid)] = Source(p.rel, p.marks.at(("levels", lid), key=True)[0])
    return sources


class _Reuse:
    """The ladders and families of the previous framework read from the same folder, reused where nothing they hold
    changed (they compare by identity, and views built from the same ones then compare equal)."""

    def __init__(self, previous: Framework | None) -> None:
        self.ladders = {lad.id: lad for lad in previous.ladders} if previous else {}
        self.families = {f.id: f for f in previous.families} if previous else {}

    def ladder(self, ident: str, levels: Any, tracks: Any) -> LadderInfo:
        old = self.ladders.get(ident)
        return old if old is not None and old.levels is levels and old.tracks is tracks else LadderInfo(ident, levels, tracks)

    def family(self, file: FamilyFile, ladder: LadderInfo, language: Language, implicit: bool = False) -> Family:
        old = self.families.get(file.id)
        same_file = old is not None and (old.file is file or (implicit and old.implicit and old.file == file))
        if old is not None and same_file and old.ladder is ladder and old.language == language and old.implicit == implicit:
            return old
        return Family(file, ladder, language, implicit=implicit)


def _families(files: Files, locale: Language, previous: Framework | None = None) -> tuple[list[LadderInfo], list[Family]]:
    """The ladders (the shared one first) and the families climbing them; one implicit family without families/.
    Those of `previous` are reused where they did not change."""
    reuse = _Reuse(previous)
    ladders: list[LadderInfo] = []
    shared: LadderInfo | None = None
    if files.levels is not None:
        shared = reuse.ladder(SHARED_LADDER, files.levels.model.levels, files.levels.model.tracks)
        ladders.append(shared)
    families: list[Family] = []
    for p in family_order(files.families):
        f = p.model
        ladder = shared
        if f.ladder is not None:
            ladder = reuse.ladder(f.id, f.ladder.levels, f.ladder.tracks)
            ladders.append(ladder)
        assert ladder is not None  # references.py reports a family without a ladder
        families.append(reuse.family(f, ladder, f.language or locale))
    if not families:
        assert shared is not None and files.framework is not None
        meta = files.framework.model
        implicit = FamilyFile.model_construct(id=meta.id, title=meta.name, description=None, language=None,
                                              ladder=None, areas=None, aliases=(), internal=False)
        families.append(reuse.family(implicit, shared, locale, implicit=True))
    return ladders, families


def _grouped(area: AreaFile) -> AreaFile:
    """The area as every page reads it: groups only (its own items and behaviours as its first group)."""
    if not area.items and not area.behaviours:
        return area
    return area.model_copy(update={"groups": tuple(g for _, g in area_groups(area)), "items": (), "behaviours": ()})


def _assemble(files: Files, previous: Framework | None = None) -> Framework:
    """The framework the files make (`previous`: the one made from the previous reading of the folder, whose parts
    are reused where they did not change)."""
    assert files.framework is not None
    meta = files.framework.model
    ladders, families = _families(files, meta.locale, previous)
    areas = sorted(files.areas, key=lambda p: (p.model.number is None, p.model.number or 0, p.rel))
    return Framework(
        meta=meta,
        ladders=tuple(ladders),
        families=tuple(families),
        kpis=files.kpis.model.dimensions if files.kpis else (),
        roadmap=files.roadmap.model if files.roadmap else None,
        scales=files.scales.model.scales if files.scales else (),
        areas=tuple(p.derived("grouped", lambda q: _grouped(q.model)) for p in areas),
        roles=tuple(p.model for p in files.roles),
        interviews=tuple(p.model for p in sorted(files.interviews, key=lambda p: p.rel)),
        glossary=files.glossary.model.terms if files.glossary else (),
        sources={Ref("framework", meta.id): Source(files.framework.rel, 1), **_sources(files)},
        role_family_ids={p.model.id: p.model.family or families[0].id for p in files.roles},
        area_languages={p.model.id: p.model.language or meta.locale for p in areas},
    )
