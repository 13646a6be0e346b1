"""Reads a framework folder into a `Framework`, collecting every problem before giving up."""
from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from . import messages
from .audience import Audience, for_audience
from .diagnostics import Diagnostic, FrameworkError
from .files import FOLDERS, IGNORED_FOLDERS, NAME_HINT, SINGLE_FILES, Parsed, display_path, name_match
from .framework import SHARED_LADDER, Family, Framework, LadderInfo, Ref, Source
from .model import FamilyFile, FrameworkFile
from .references import check_references
from .text import LANGUAGES, LIMITS, Language
from .texts import texts
from .yamlio import YamlError, read_yaml


def _read(path: Path, root: Path, kind: str, model: type[BaseModel], problems: list[Diagnostic],
          language: Any = None) -> Parsed | None:
    """Read and validate one file; plain strings take the file's `language:`, else `language`."""
    shown = display_path(path)
    try:
        size = path.stat().st_size
        if size > LIMITS.file_bytes:
            problems.append(Diagnostic(shown, 1, 1, f"file is {size:,} bytes; the limit is {LIMITS.file_bytes:,}: split it"))
            return None
        data, marks = read_yaml(path.read_bytes(), shown)
    except YamlError as exc:
        problems.append(exc.diagnostic)
        return None
    except OSError as exc:
        problems.append(Diagnostic(shown, 0, 0, f"cannot read file: {exc.strerror}"))
        return None
    if not isinstance(data, dict):
        found = type(data).__name__ if data is not None else "nothing"
        problems.append(Diagnostic(shown, 1, 1, f"expected a mapping of keys at the top of the file, found {found}"))
        return None
    own = data.get("language")
    lang = own if own in LANGUAGES else language if language in LANGUAGES else "ko"
    try:
        obj = model.model_validate(data, context={"language": lang})
    except ValidationError as exc:
        problems.extend(messages.diagnostics(exc, marks, model))
        return None
    return Parsed(kind, path.relative_to(root).as_posix(), shown, obj, marks)


def _discover(root: Path, problems: list[Diagnostic]) -> dict[str, list[Path]]:
    found: dict[str, list[Path]] = {}
    for name, (_, required) in SINGLE_FILES.items():
        p = root / name
        if p.is_file() and not p.is_symlink():
            found[name] = [p]
        elif required and not p.exists() and not p.is_symlink():  # a folder or a link of that name is reported below
            problems.append(Diagnostic(display_path(p), 0, 0, f"missing file: {name} is required"))
    for folder, (_, required, _) in FOLDERS.items():
        if (root / folder).exists() and not (root / folder).is_dir():
            problems.append(Diagnostic(display_path(root / folder), 0, 0, f"{folder} is a file; it must be a folder of "
                                                                          f"{NAME_HINT[folder]} files"))
        files = sorted(p for p in (root / folder).glob("*.y*ml") if not p.is_symlink() and p.is_file())
        found[folder] = files
        if not files and required:
            problems.append(Diagnostic(display_path(root / folder), 0, 0, f"no files in {folder}/: at least one is required"))
        for p in files:
            if name_match(folder, p) is None:
                problems.append(Diagnostic(display_path(p), 0, 0, f"file name '{p.name[:60]}' must be {NAME_HINT[folder]} "
                                                                    "(lowercase letters, digits and hyphens, then .yml)"))
    known = {p for paths in found.values() for p in paths}
    for p in sorted(root.rglob("*")):
        rel = p.relative_to(root)
        if rel.parts[0] in IGNORED_FOLDERS:
            continue
        if p.is_dir() and not p.is_symlink():
            if p.suffix in (".yml", ".yaml") and len(rel.parts) <= 2:
                problems.append(Diagnostic(display_path(p), 0, 0, f"'{p.name[:60]}' is a folder named like a data file; "
                                                                  "framework files are files: remove or rename it"))
            continue
        if p.is_symlink():
            problems.append(Diagnostic(display_path(p), 0, 0, "symbolic links are not read; put the file itself here"))
        elif not p.is_file():
            problems.append(Diagnostic(display_path(p), 0, 0, "not a regular file (a device, socket or pipe); remove it"))
        elif p.suffix in (".yml", ".yaml") and p not in known:
            expected = ", ".join([*SINGLE_FILES, *(f"{f}/{NAME_HINT[f]}" for f in FOLDERS)])
            problems.append(Diagnostic(display_path(p), 0, 0, f"unknown framework file; expected one of {expected}"))
    return found


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Python's cycle collector off while a framework is read. Reading makes hundreds of thousands of
    small dicts, tuples and models and no cycles; each collection would walk all of them again
    (a quarter of the reading time at 50x the seed). Whatever is left is collected afterwards."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def check(root: str | Path, audience: Audience = "internal") -> tuple[Framework | None, list[Diagnostic]]:
    """Load and validate a framework folder: the framework (or None) and every problem found.
    Warnings do not keep the framework from loading. The public audience's framework leaves out
    everything marked internal (and the interview questions)."""
    root = Path(root)
    if not root.is_dir():
        return None, [Diagnostic(display_path(root), 0, 0, "framework folder not found")]
    with _collector_paused():
        parsed, failed, problems = read_files(root)
        problems.extend(check_references(parsed, failed))
        problems.extend(required_internal_texts(parsed))
        errors = [d for d in problems if d.severity == "error"]
        if errors:
            return None, sorted(set(problems))
        shown = for_audience(parsed, audience)
        if not shown.get("levels.yml") and not shown.get("families"):
            where = (parsed.get("levels.yml") or parsed["framework.yml"])[0].display
            return None, sorted({*problems, Diagnostic(where, 1, 1, f"the {audience} build would have no levels: every level "
                                                                       "(or every family) is marked internal; leave at least one public")})
        return _assemble(shown), sorted(set(problems))


def read_files(root: Path) -> tuple[dict[str, list[Parsed]], set[str], list[Diagnostic]]:
    """Every file of a framework folder, read and validated on its own: (parsed files by kind, kinds that
    failed to parse, problems)."""
    problems: list[Diagnostic] = []
    found = _discover(root, problems)
    parsed: dict[str, list[Parsed]] = {}
    failed: set[str] = set()

    def read(kind: str, path: Path, model: type[BaseModel], language: Any) -> Parsed | None:
        result = _read(path, root, kind, model, problems, language)
        if result is None:
            failed.add(kind)
        else:
            parsed.setdefault(kind, []).append(result)
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
    return parsed, failed, problems


def required_internal_texts(parsed: dict[str, list[Parsed]]) -> list[Diagnostic]:
    """A required text cannot be internal (the public build would have nothing to show): mark its entity."""
    return [p.marks.diagnostic(loc, f"'{loc[-1]}' is required, so its text cannot be internal; "
                                    "mark the whole entity `internal: true` instead")
            for ps in parsed.values() for p in ps
            for loc, text, required in texts(p.model) if required and text.internal]


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


def _assemble(parsed: dict[str, list[Parsed]]) -> Framework:
    def one(name: str) -> Parsed | None:
        return parsed[name][0] if parsed.get(name) else None

    sources: dict[Ref, Source] = {}

    def note(ref: Ref, p: Parsed, loc: tuple[str | int, ...], *, key: bool = False) -> None:
        sources[ref] = Source(p.rel, p.marks.at(loc, key=key)[0])

    meta = one("framework.yml")
    assert meta is not None
    note(Ref("framework", meta.model.id), meta, ())
    ladders: list[LadderInfo] = []
    shared: LadderInfo | None = None
    if (levels := one("levels.yml")) is not None:
        shared = LadderInfo(SHARED_LADDER, levels.model.levels, levels.model.tracks)
        ladders.append(shared)
        _note_ladder(note, levels, (), levels.model)
    families: list[Family] = []
    for p in parsed.get("families", []):
        f = p.model
        ladder = shared
        if f.ladder is not None:
            ladder = LadderInfo(f.id, f.ladder.levels, f.ladder.tracks)
            ladders.append(ladder)
            _note_ladder(note, p, ("ladder",), f.ladder)
        assert ladder is not None
        families.append(Family(f, ladder, f.language or meta.model.locale))
        note(Ref("family", f.id), p, ())
    if not families:
        assert shared is not None
        implicit = FamilyFile.model_construct(id=meta.model.id, title=meta.model.name, description=None, language=None,
                                              ladder=None, areas=None, aliases=(), internal=False)
        families.append(Family(implicit, shared, meta.model.locale, implicit=True))
    kpis = one("kpis.yml")
    for i, k in enumerate(kpis.model.dimensions if kpis else ()):
        note(Ref("kpi", k.id), kpis, ("dimensions", i))  # type: ignore[arg-type]
    roadmap = one("roadmap.yml")
    for i, ph in enumerate(roadmap.model.phases if roadmap else ()):
        note(Ref("phase", ph.id), roadmap, ("phases", i))  # type: ignore[arg-type]
    glossary = one("glossary.yml")
    scales = one("scales.yml")
    for i, sc in enumerate(scales.model.scales if scales else ()):
        note(Ref("scale", sc.id), scales, ("scales", i))  # type: ignore[arg-type]
    areas = sorted(parsed.get("competencies", []), key=lambda p: p.model.number)
    area_languages: dict[str, Language] = {}
    for p in areas:
        a = p.model
        area_languages[a.id] = a.language or meta.model.locale
        note(Ref("area", a.id), p, ())
        for gi, g in enumerate(a.groups):
            note(Ref("group", g.id), p, ("groups", gi))
            for ii, it in enumerate(g.items):
                note(Ref("item", it.id), p, ("groups", gi, "items", ii))
            for bi, b in enumerate(g.behaviours):
                note(Ref("behaviour", f"{g.id}--{b.level}"), p, ("groups", gi, "behaviours", bi))
    interviews = sorted(parsed.get("interview", []), key=lambda p: p.rel)
    for p in interviews:
        for qi, q in enumerate(p.model.questions):
            note(Ref("question", q.id), p, ("questions", qi))
            for fi, f in enumerate(q.follow_ups):
                note(Ref("question", f.id), p, ("questions", qi, "follow_ups", fi))
    roles = parsed.get("roles", [])
    role_family: dict[str, str] = {}
    for p in roles:
        r = p.model
        role_family[r.id] = r.family or families[0].id
        note(Ref("role", r.id), p, ())
        for lid in r.levels:
            note(Ref.role_level(r.id, lid), p, ("levels", lid), key=True)
    return Framework(
        meta=meta.model,
        ladders=tuple(ladders),
        families=tuple(families),
        kpis=kpis.model.dimensions if kpis else (),
        roadmap=roadmap.model if roadmap else None,
        scales=scales.model.scales if scales else (),
        areas=tuple(p.model for p in areas),
        roles=tuple(p.model for p in roles),
        interviews=tuple(p.model for p in interviews),
        glossary=glossary.model.terms if glossary else (),
        sources=sources,
        role_family_ids=role_family,
        area_languages=area_languages,
    )


def _note_ladder(note: Any, p: Parsed, at: tuple[str | int, ...], ladder: Any) -> None:
    for i, lv in enumerate(ladder.levels):
        note(Ref("level", lv.id), p, (*at, "levels", i))
    for ti, t in enumerate(ladder.tracks):
        note(Ref("track", t.id), p, (*at, "tracks", ti))
        for i, lv in enumerate(t.levels):
            note(Ref("level", lv.id), p, (*at, "tracks", ti, "levels", i))
