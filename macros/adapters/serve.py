"""`career serve` (what `make serve` runs): the site with live reload, each edit shown by building again only what
it changed, and the served site always what `mkdocs build` of the same files writes (the sitemap's dates aside).

Each edition is one `EditionSite`: the main edition in this process, each other edition (`/en/`) in a worker
process of its own that lives as long as the server (`python -m macros.adapters.serve --worker <lang>`), so two
cores build both editions at once and neither starts afresh. An edition keeps what its last build made: the MkDocs
objects (config, files, navigation, theme environment, one Page per page) and the `SiteBuild` of the application
core, which keeps the parsed files and the page bodies.

After an edit (`Watcher`), each edition makes a plan (`update`):

- framework/, the page templates or the labels changed: `app.build(options, previous=...)` reads only the changed
  files again and draws only the pages whose view changed (app.py, site/pages.py). When the same pages exist with
  the same navigation, the same titles in it and the same site-wide values (site name, footer, editions), only the
  pages whose body changed are drawn again through the theme, by MkDocs' own steps for a page (`_draw`), with every
  hand-written page (their macros read the framework) and the search index; otherwise, and after anything else
  (docs/, mkdocs.yml, the theme), the whole edition is built again by `mkdocs build`, into a new folder.
- Python code changed: the running code stays; the server says to restart it.

Plans are made without touching the served folders. When every edition's plan is ready, they are written (the
server holds requests meanwhile) and the browsers reload; when one fails, none is written: the error is shown and
the last good site stays served, until an edit fixes it. A full build is what `mkdocs build` does; an update is
checked against it by tests/test_serve.py, byte for byte, over a random sequence of edits.
"""
from __future__ import annotations

import argparse
import contextlib
import gc
import json
import logging
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import jinja2
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.commands.build import get_context
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page

from ..app import BuildError, SiteBuild, build
from ..core import escape
from ..core.files import FOLDERS, name_match
from ..site.labels import FOLDER as LABELS
from ..site.render import TEMPLATES
from .live import LiveServer, Watcher
from .page import GeneratedPage
from .plugin import EDITION_NAMES, EDITION_VARIABLE, CareerPlugin

log = logging.getLogger("mkdocs.career.serve")
PACKAGE = Path(__file__).resolve().parent.parent  # macros/
#: Full collections of Python's cycle collector, which walk every object of a large site, run only between builds:
#: after a build the objects it made are frozen (left out of collections) and collected together now and then. While
#: an edit's pages are built and written, the collector waits (it would take about a third of the time at 50×); it
#: runs after they are out, while the search index and the other files are written.
COLLECT_EVERY = 25


class Captured:
    """What one MkDocs build of an edition made, as the plugin saw it (adapters/plugin.py: `serving`)."""

    def __init__(self) -> None:
        self.nav: Navigation | None = None
        self.files: Files | None = None
        self.env: jinja2.Environment | None = None


@dataclass
class Plan:
    """What an edition does once every edition's plan is ready: serve a whole new folder (`folder`), or draw the
    pages whose body changed (`draw`, MkDocs' Page objects, already read) into its folder; `site`, the build it holds.
    `about`: the ids the edited files are named for (`competencies/04-infra.yml`: `infra`): the pages about them are
    drawn first, since the one who edited a file is likely looking at its page."""

    site: SiteBuild | None
    folder: Path | None = None
    config: MkDocsConfig | None = None
    captured: Captured | None = None
    draw: list[Page] = field(default_factory=list)
    about: frozenset[str] = frozenset()

    @property
    def full(self) -> bool:
        return self.folder is not None

    @property
    def changed(self) -> bool:
        return self.full or bool(self.draw)

    def summary(self) -> str:
        if self.full:
            return "built everything"
        n = len(self.draw)
        return f"{n} page{'s' if n != 1 else ''} drawn again" if n else "nothing changed"


class EditionSite:
    """One edition of the site, built in this process into a folder of its own (see the module docstring)."""

    def __init__(self, config_file: Path, out: Path, serve_url: str, name: str) -> None:
        self.config_file, self.out, self.serve_url, self.name = config_file, out, serve_url, name
        self.root: Path | None = None  # the folder served
        self.config: MkDocsConfig | None = None
        self.captured = Captured()
        self.site: SiteBuild | None = None  # what the served files were built from
        self.count = 0
        self.stale = False  # a plan that changed MkDocs' pages was dropped: the next plan builds everything
        self.behind = False  # the pages are written, the search index and the other files not yet (`finish`)
        self.on_disk: dict[str, str] = {}  # the files beside the pages as written: path in the folder -> content
        self.old_folders: list[Path] = []  # folders served before: removed a build later (a request may still read one)

    @property
    def plugin(self) -> CareerPlugin:
        assert self.config is not None
        return career_plugin(self.config)

    # plans ------------------------------------------------------------------------------------------------------
    def full(self, prepared: SiteBuild | None = None) -> Plan:
        """Build the whole edition with `mkdocs build` into a new folder (`prepared`: its SiteBuild, already made)."""
        self.count += 1
        folder = self.out / f"{self.name}-{self.count}"
        config = load_config(str(self.config_file), site_dir=str(folder))
        config.site_url = self.serve_url  # as `mkdocs serve` does (another edition's process adds its /<lang>/)
        plugin = career_plugin(config)
        captured = Captured()
        plugin.serving, plugin.keep, plugin.prepared = captured, True, prepared
        plugin.site = self.site
        try:
            mkdocs_build(config)
        except BaseException:
            plugin.site, plugin.prepared = self.site, None
            shutil.rmtree(folder, ignore_errors=True)
            raise
        return Plan(plugin.site, folder=folder, config=config, captured=captured)

    def update(self, changed: Iterable[Path]) -> Plan:
        """The plan for an edit of `changed` (see the module docstring). Raises when the edition cannot be built."""
        changed = set(changed)
        if self.config is None or self.site is None or self.stale:
            return self.full()
        if any(not _rebuilds_pages(p, self.site) for p in changed):
            return self.full()
        if not any(_read_by_build(p, self.site) for p in changed):
            return Plan(self.site)
        plugin = self.plugin
        options = self.site.options
        if plugin.editions != options.editions:
            log.warning("the site's languages changed: restart `make serve` to serve the new set of editions")
            return self.full()
        gc.disable()  # until the pages are written (`commit`): see COLLECT_EVERY
        try:
            site = build(options, previous=self.site)
            same = self._same_frame(site)
        except BaseException:
            gc.enable()
            raise
        if not same:
            gc.enable()
            return self.full(prepared=site)
        try:
            plan = self._read_again(site)
        except _Rebuild:
            gc.enable()
            self.stale = True  # MkDocs' pages were read again: build them anew
            return self.full(prepared=site)
        except BaseException:
            gc.enable()
            self.stale = True
            plugin.site = self.site
            raise
        plan.about = _named_for(changed, options.framework_dir)
        return plan

    def pending(self, plan: Plan) -> tuple[Path, list[str]]:
        """The folder the plan's version is served from, and the files of it still to be written (paths in the
        folder): the pages `commit` draws, then what `finish` writes."""
        if plan.full:
            assert plan.folder is not None
            return plan.folder, []
        assert self.root is not None
        if plan.site is self.site:
            return self.root, [*SEARCH_FILES, *self.on_disk] if self.behind else []
        pages = [_in_folder(page) for page in plan.draw]
        return self.root, [*pages, *SEARCH_FILES, *self.on_disk]

    def commit(self, plan: Plan, ready: Callable[[str], None] = lambda path: None) -> None:
        """Serve the plan's version: switch to its folder, or draw its pages (those about the files edited first, then
        smallest first), each written whole (`ready` is told each page's path once it is). The cycle collector, which
        `update` held back, runs again after."""
        try:
            self._serve_plan(plan, ready)
        finally:
            gc.enable()

    def _serve_plan(self, plan: Plan, ready: Callable[[str], None]) -> None:
        for folder in self.old_folders:
            shutil.rmtree(folder, ignore_errors=True)
        self.old_folders = []
        if plan.full:
            if self.root is not None:
                self.old_folders.append(self.root)
            self.root = plan.folder
            self.config, self.captured, self.site, self.stale = plan.config, plan.captured or Captured(), plan.site, False
            self.on_disk, self.behind = dict(plan.site.files) if plan.site else {}, False
            return
        if plan.site is self.site:
            return
        config, cap = self.config, self.captured
        assert config is not None and cap.files is not None and cap.nav is not None and cap.env is not None
        self.site, self.behind = plan.site, True
        doc_files = cap.files.documentation_pages(inclusion=InclusionLevel.is_included)
        with _counting_warnings() as warnings:
            for page in sorted(plan.draw, key=lambda page: (not _about(page, plan.about), _size(page))):
                content = _draw(page, config, doc_files, cap.nav, cap.env)
                if content is not None:
                    _write(Path(page.file.abs_dest_path), content)
                ready(_in_folder(page))
        if warnings.count and config.strict:  # after the pages went out: the next edit builds everything, and says so
            self.stale = True
            log.error(f"{warnings.count} warning(s) while drawing pages, which `mkdocs build --strict` refuses")

    def finish(self) -> None:
        """Write what `commit` left: the search index and the files beside the pages (redirects, the URL list, the
        API), as they are for the pages written. A file that appears or goes is not in MkDocs' list of files: the next
        plan builds everything."""
        if not self.behind or self.config is None or self.site is None:
            return
        root = Path(self.config.site_dir)
        writes = self._search(self.config)
        files = dict(self.site.files)
        writes.update({root / rel: text.encode("utf-8") for rel, text in files.items() if self.on_disk.get(rel) != text})
        for path, content in writes.items():
            _write(path, content)
        for rel in self.on_disk.keys() - files.keys():
            (root / rel).unlink(missing_ok=True)
        if files.keys() != self.on_disk.keys():
            self.stale = True
        self.on_disk, self.behind = files, False

    def abort(self, plan: Plan | None) -> None:
        """Drop a plan another edition could not match: nothing is written."""
        gc.enable()
        if plan is None:
            return
        if plan.full and plan.folder is not None:
            shutil.rmtree(plan.folder, ignore_errors=True)
        elif plan.draw:
            self.stale = True  # its pages were read into MkDocs' objects
        if self.config is not None:
            self.plugin.site = self.site

    def close(self) -> None:
        for folder in self.old_folders:
            shutil.rmtree(folder, ignore_errors=True)

    # the same pages, navigation and site-wide values --------------------------------------------------------------
    def _same_frame(self, site: SiteBuild) -> bool:
        old = self.site
        assert old is not None and self.config is not None
        config = self.config
        wanted = self.plugin.settings(site, config)
        current = {k: config.extra.get(k.removeprefix("extra.")) if k.startswith("extra.") else config[k] for k in wanted}
        return ([p.route for p in site.pages] == [p.route for p in old.pages] and wanted == current
                and _nav_titles(site) == _nav_titles(old))

    # reading the pages that changed again ----------------------------------------------------------------------------
    def _read_again(self, site: SiteBuild) -> Plan:
        """The pages whose body changed, and every hand-written page (their macros read the framework), read again
        into MkDocs' pages as `mkdocs build` reads pages; warnings a strict build refuses are errors here."""
        old, config, cap = self.site, self.config, self.captured
        assert old is not None and config is not None and cap.files is not None
        files = cap.files
        plugin = self.plugin
        plugin.site = site
        doc_files = files.documentation_pages(inclusion=InclusionLevel.is_included)
        written = [f.page for f in doc_files if f.page is not None and not isinstance(f.page, GeneratedPage)]
        before = {p.route: p for p in old.pages}
        plan = Plan(site)
        with _counting_warnings() as warnings:
            titles = [(p.title, p.url) for p in written]
            for page in written:
                _populate(page, config, files)
            if [(p.title, p.url) for p in written] != titles:
                raise _Rebuild("a hand-written page's title changed")
            for sp in site.pages:
                if sp is before[sp.route]:
                    continue
                file = files.get_file_from_path(sp.src)
                assert file is not None and isinstance(file.page, GeneratedPage)
                page = file.page
                page.site_page, page.title = sp, str(escape.html(sp.title))
                _populate(page, config, files)
                plan.draw.append(page)
            for file in doc_files:
                if file.page is not None:
                    file.page.validate_anchor_links(files=files, log_level=config.validation.links.anchors)
        if config.strict and warnings.count:
            raise BuildError(f"Aborted with {warnings.count} warnings in strict mode!")
        _new_search_index(config)  # the hand-written pages add their entries as they are drawn
        plan.draw += written
        return plan

    def _search(self, config: MkDocsConfig) -> dict[Path, bytes]:
        """The search index files, from the search plugin's index of the hand-written pages drawn again."""
        search = _search_plugin(config)
        if search is None:
            return {}
        prev = getattr(search, "search_index_prev", None)
        written = search.search_index.generate_search_index(prev)
        root = Path(config.site_dir)
        return {root / rel: text.encode("utf-8") for rel, text in self.plugin.search_files(config, written)}


#: The search index, written after the pages (`finish`).
SEARCH_FILES = ("search/search_index.json", "search/terms.json")


def _in_folder(page: Page) -> str:
    """Where a page is written in its edition's folder."""
    return str(page.file.dest_uri)


def _named_for(changed: Iterable[Path], framework_dir: Path) -> frozenset[str]:
    """The ids the changed files of the framework's folders are named for."""
    root = framework_dir.resolve()
    ids = set()
    for path in changed:
        resolved = path.resolve() if path.exists() else path
        if _inside(resolved, root) and resolved.parent != root and resolved.parent.name in FOLDERS:
            match = name_match(resolved.parent.name, resolved)
            if match is not None:
                ids.add(match.group("id"))
    return frozenset(ids)


def _about(page: Page, ids: frozenset[str]) -> bool:
    """Whether a generated page is about one of `ids` (its route names it)."""
    return isinstance(page, GeneratedPage) and any(i in ids for i in page.site_page.route.ids)


def _size(page: Page) -> int:
    """How much there is to draw (generated pages by their body; hand-written ones last)."""
    return len(page.site_page.body.html) if isinstance(page, GeneratedPage) else 1 << 62


def _write(path: Path, content: bytes) -> None:
    """Write a file whole: a request reading the old one meanwhile reads all of the old one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.career-serve")
    tmp.write_bytes(content)
    tmp.replace(path)


class _Rebuild(Exception):
    """The edit changed more than the pages drawn again can show: build the edition again."""


def career_plugin(config: MkDocsConfig) -> CareerPlugin:
    plugin = next((p for p in config.plugins.values() if isinstance(p, CareerPlugin)), None)
    if plugin is None:
        raise BuildError("mkdocs.yml does not list the `career` plugin")
    return plugin


def _search_plugin(config: MkDocsConfig) -> Any:
    """The search plugin that indexes hand-written pages (Material's: it keeps its index in `search_index`)."""
    return next((p for p in config.plugins.values()
                 if hasattr(p, "search_index") and hasattr(p.search_index, "generate_search_index")), None)


def _new_search_index(config: MkDocsConfig) -> None:
    """An empty index in the search plugin, as its `on_config` makes at the start of a build: the hand-written pages
    drawn next add their entries to it."""
    search = _search_plugin(config)
    if search is not None:
        search.search_index = type(search.search_index)(**search.config)


def _nav_titles(site: SiteBuild) -> list[tuple[str, str]]:
    """The titles the navigation shows (generated pages in it show their own title)."""
    return [(p.src, p.title) for p in site.pages if p.kind.nav is not None]


def _rebuilds_pages(path: Path, site: SiteBuild) -> bool:
    """Whether an edit of `path` is one `update` can follow page by page (framework/, templates, labels, Python)."""
    resolved = path.resolve() if path.exists() else path
    return any(_inside(resolved, folder) for folder in (site.options.framework_dir.resolve(), TEMPLATES, LABELS)) or path.suffix == ".py"


def _read_by_build(path: Path, site: SiteBuild) -> bool:
    """Whether `path` holds other bytes than the build `site` read (a Python file never: it needs a restart)."""
    if path.suffix == ".py":
        return False
    resolved = path.resolve() if path.exists() else path
    if _inside(resolved, site.options.framework_dir.resolve()):
        known = site.cache.files.get(str(site.options.framework_dir / resolved.relative_to(site.options.framework_dir.resolve())))
        try:
            raw = path.read_bytes()
        except OSError:
            return known is not None or path.suffix in (".yml", ".yaml") or not path.suffix  # gone, or a folder
        return known is None or known[0] != raw
    return True


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.relative_to(folder)
    except ValueError:
        return False
    return True


def _populate(page: Page, config: MkDocsConfig, files: Files) -> None:
    """What `mkdocs build` does to read a page (mkdocs/commands/build.py `_populate_page`)."""
    config._current_page = page
    try:
        page = config.plugins.on_pre_page(page, config=config, files=files)
        page.read_source(config)
        assert page.markdown is not None
        page.markdown = config.plugins.on_page_markdown(page.markdown, page=page, config=config, files=files)
        page.render(config, files)
        assert page.content is not None
        page.content = config.plugins.on_page_content(page.content, page=page, config=config, files=files)
    finally:
        config._current_page = None


def _draw(page: Page, config: MkDocsConfig, doc_files: Any, nav: Navigation, env: jinja2.Environment) -> bytes | None:
    """What `mkdocs build` does to draw a page through the theme (`_build_page`), without writing it: its bytes, or
    None for a page the theme left empty."""
    config._current_page = page
    try:
        page.active = True
        context = get_context(nav, doc_files, config, page)
        template = env.get_template(page.meta.get("template", "main.html"))
        context = config.plugins.on_page_context(context, page=page, config=config, nav=nav)
        output = template.render(context)
        output = config.plugins.on_post_page(output, page=page, config=config)
        return output.encode("utf-8", errors="xmlcharrefreplace") if output.strip() else None
    finally:
        page.active = False
        config._current_page = None


class _Count(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@contextlib.contextmanager
def _counting_warnings() -> Iterator[_Count]:
    """Warnings logged meanwhile (a strict build fails on any, as `mkdocs build` does)."""
    counter = _Count()
    logger = logging.getLogger("mkdocs")
    logger.addHandler(counter)
    try:
        yield counter
    finally:
        logger.removeHandler(counter)


def _message(error: BaseException) -> str:
    text = str(error).strip()
    return text or type(error).__name__


# another edition's process ---------------------------------------------------------------------------------------
class Worker:
    """Another edition's process, as the main process sees it: it answers one JSON line per request."""

    def __init__(self, lang: str, config_file: Path, out: Path, serve_url: str, env: dict[str, str]) -> None:
        self.lang = lang
        cmd = [sys.executable, "-m", "macros.adapters.serve", "--worker", lang, "--config-file", str(config_file),
               "--out", str(out), "--url", serve_url]
        self.proc = subprocess.Popen(cmd, env={**env, EDITION_VARIABLE: lang}, cwd=config_file.parent, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        self.relay = threading.Thread(target=_relay, args=(self.proc.stderr, f"({lang}) "), daemon=True)
        self.relay.start()

    def send(self, **message: Any) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write((json.dumps(message) + "\n").encode())
        self.proc.stdin.flush()

    def receive(self) -> dict[str, Any]:
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline()
        if not line:
            return {"ok": False, "error": f"the {EDITION_NAMES.get(self.lang, self.lang)} edition's process stopped"}
        answer: dict[str, Any] = json.loads(line)
        return answer

    def stop(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.send(cmd="stop")
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def _relay(stream: IO[bytes] | None, prefix: str) -> None:
    """Pass another edition's messages on to this terminal (its progress stays quiet)."""
    assert stream is not None
    for raw in stream:
        line = raw.decode("utf-8", "replace").rstrip()
        if line and not line.startswith("INFO"):
            print(prefix + line, file=sys.stderr, flush=True)


def worker_main(lang: str, config_file: Path, out: Path, serve_url: str) -> int:
    """Build one edition as the main process asks, answering one JSON line per request on stdout: full, update,
    pending (its folder and the files still to write), commit (a line per page written, then the answer), finish,
    abort, stop."""
    answer = os.fdopen(os.dup(sys.stdout.fileno()), "w", encoding="utf-8")
    sys.stdout = sys.stderr  # nothing but answers on the answer channel
    _logging(verbose=False)
    site = EditionSite(config_file, out, serve_url, lang)
    plan: Plan | None = None
    builds = 0

    def reply(**fields: Any) -> None:
        answer.write(json.dumps(fields) + "\n")
        answer.flush()

    for line in sys.stdin:
        cmd = json.loads(line).get("cmd")
        if cmd == "stop":
            break
        try:
            if cmd in ("full", "update"):
                cpu, plan = time.process_time(), None
                plan = site.full() if cmd == "full" else site.update({Path(p) for p in json.loads(line).get("paths", [])})
                reply(ok=True, summary=plan.summary(), changed=plan.changed, cpu=time.process_time() - cpu)
            elif cmd == "pending" and plan is not None:
                folder, pending = site.pending(plan)
                reply(ok=True, root=str(folder), pending=pending)
            elif cmd == "commit" and plan is not None:
                full, done = plan.full, plan
                plan = None
                site.commit(done, lambda path: reply(ready=path))
                builds = _collect(builds, full)
                reply(ok=True)
            elif cmd == "finish":
                site.finish()
                builds = _collect(builds, False)
                reply(ok=True)
            elif cmd == "abort":
                site.abort(plan)
                plan = None
                reply(ok=True)
        except Exception as exc:  # noqa: BLE001 - every failure is reported to the main process
            plan = None
            reply(ok=False, error=_message(exc))
    site.close()
    return 0


def _collect(builds: int, full: bool) -> int:
    """Cycle collection between builds (see COLLECT_EVERY): after a full build and every so many updates."""
    builds += 1
    if full or builds % COLLECT_EVERY == 0:
        gc.unfreeze()
        gc.collect()
        gc.freeze()
    return builds


def _logging(verbose: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
    root = logging.getLogger("mkdocs")
    root.handlers[:] = [handler]
    root.setLevel(logging.DEBUG if verbose else logging.INFO)
    root.propagate = False


# the server ------------------------------------------------------------------------------------------------------
class Serve:
    """Every edition of the site, served (see the module docstring)."""

    def __init__(self, config_file: Path, host: str = "127.0.0.1", port: int = 8000, out: Path | None = None) -> None:
        self.config_file = config_file.resolve()
        self.server = LiveServer(host, port)
        self.url = self.server.url
        self.out = out or Path(tempfile.mkdtemp(prefix="career-serve-"))
        self.own_out = out is None
        self.main = EditionSite(self.config_file, self.out, self.url, "main")
        self.workers: list[Worker] = []
        self.builds = 0
        self.stopping = False
        self.thread: threading.Thread | None = None
        self.last_error: str | None = None  # why the last edit could not be built (None when it was)
        self.handled = 0  # batches of changes handled
        self.working = False
        self.watch: Watcher | None = None  # watches the files from before the first build: no edit is missed
        self.behind = False  # an edition still has to write its search index or API files (`_finish`)

    def start(self) -> None:
        """Build every edition (each other edition in its worker, meanwhile), then serve them (in a thread)."""
        started = time.monotonic()
        config = load_config(str(self.config_file))
        plugin = career_plugin(config)
        plugin.project = self.config_file.parent
        self.watch = Watcher([plugin.framework_dir, Path(config.docs_dir), PACKAGE], [self.config_file])
        self.watch.start()  # an edit made during the first build is handled after it
        env = {**os.environ, "CAREER_FRAMEWORK_DIR": str(plugin.framework_dir), "CAREER_LANGUAGES": ",".join(plugin.editions),
               "CAREER_AUDIENCE": plugin.audience, "NO_MKDOCS_2_WARNING": "1"}
        self.workers = [Worker(lang, self.config_file, self.out, self.url, env) for lang in plugin.editions[1:]]
        for w in self.workers:
            w.send(cmd="full")
        try:
            plan = self.main.full()
        finally:
            answers = [w.receive() for w in self.workers]
        bad = [a["error"] for a in answers if not a.get("ok")]
        if bad:
            self.main.abort(plan)
            raise BuildError("\n".join(bad))
        self._commit(plan)
        self.builds = _collect(0, True)
        self.server.status = lambda: {"handled": self.handled, "idle": not self.working and not self.pending() and not self.behind,
                                      "error": self.last_error, "roots": {k: str(v) for k, v in self.server.roots.items()}}
        self.server_thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.server_thread.start()
        log.info(f"Built {len(self.workers) + 1} edition(s) in {time.monotonic() - started:.2f} s; serving on {self.url}")

    def _commit(self, plan: Plan) -> None:
        """Serve every edition's new version: the browsers are told to reload at once, and a request for a page still
        to be drawn waits for it (the pages are drawn smallest first, each edition in its own process); the search
        index and the API files follow (`_finish`)."""
        roots: dict[str, Path] = {}
        pending: list[str] = []
        for w in self.workers:
            w.send(cmd="pending")
            answer = w.receive()
            roots[f"{w.lang}/"] = Path(answer.get("root", ""))
            pending += [f"{w.lang}/{path}" for path in answer.get("pending", [])]
        root, own = self.main.pending(plan)
        pending += own
        self.behind = bool(pending)
        self.server.publish({"": root, **roots}, pending)
        threads = []
        for w in self.workers:
            w.send(cmd="commit")
            threads.append(threading.Thread(target=self._drawn_by, args=(w,), daemon=True))
            threads[-1].start()
        self.main.commit(plan, self.server.ready)
        for t in threads:
            t.join()

    def _drawn_by(self, worker: Worker) -> None:
        """Pass on each page another edition's process writes, until it has written them all."""
        while True:
            answer = worker.receive()
            if "ready" not in answer:
                if not answer.get("ok"):
                    log.error(f"({worker.lang}) {answer.get('error')}")
                return
            self.server.ready(f"{worker.lang}/{answer['ready']}")

    def _finish(self) -> None:
        """Write the search index and the files beside the pages of every edition (see EditionSite.finish)."""
        if not self.behind:
            return
        for w in self.workers:
            w.send(cmd="finish")
        errors = []
        try:
            self.main.finish()
        except Exception as exc:  # noqa: BLE001 - reported; the next edit builds everything
            self.main.stale = True
            errors.append(_message(exc))
        errors += [a["error"] for a in (w.receive() for w in self.workers) if not a.get("ok")]
        if errors:
            log.error("The search index or the API files could not be written:\n" + "\n".join(errors))
        self.behind = False
        self.server.settle()

    def handle(self, changed: set[Path]) -> bool:
        """Build and publish one batch of changes; False when it failed (the last good site stays served)."""
        changed = _without_python(changed)
        if not changed:
            return True
        started, cpu = time.monotonic(), time.process_time()
        plan, answers, errors = self._plan(changed)
        if errors:
            self._drop(plan)
            self.last_error = "\n".join(errors)
            log.error("The site was not rebuilt; the last good one is still served:\n" + self.last_error)
            return False
        assert plan is not None
        self.last_error = None
        if not plan.changed and not any(a.get("changed") for a in answers):
            self._drop(None)
            return True
        cpu = time.process_time() - cpu
        self._commit(plan)
        self._report(plan, answers, time.monotonic() - started, cpu)
        return True

    def _plan(self, changed: set[Path]) -> tuple[Plan | None, list[dict[str, Any]], list[str]]:
        """Every edition's plan for the changes, made at once (each other edition in its process): this edition's
        plan, the other editions' answers, and the errors of those that failed."""
        for w in self.workers:
            w.send(cmd="update", paths=[str(p) for p in changed])
        plan: Plan | None = None
        errors: list[str] = []
        try:
            plan = self.main.update(changed)
        except Exception as exc:  # noqa: BLE001 - any failure leaves the last good site served
            errors.append(_message(exc))
        answers = [w.receive() for w in self.workers]
        errors += [a["error"] for a in answers if not a.get("ok") and a["error"] not in errors]
        return plan, answers, errors

    def _drop(self, plan: Plan | None) -> None:
        """Drop every edition's plan: nothing is written."""
        self.main.abort(plan)
        for w in self.workers:
            w.send(cmd="abort")
            w.receive()

    def _report(self, plan: Plan, answers: list[dict[str, Any]], took: float, cpu: float) -> None:
        """Say what the edit rebuilt and how long it took; collect the old build's objects after a full build."""
        others = "".join(f", {w.lang} {a.get('cpu', 0):.2f} s" for w, a in zip(self.workers, answers, strict=True))
        log.info(f"Rebuilt in {took:.2f} s: {plan.summary()} (processor time: main {cpu:.2f} s{others})")
        if plan.full:
            self.builds = _collect(self.builds, True)

    def pending(self) -> bool:
        """Whether changes wait to be handled."""
        return self.watch is not None and self.watch.pending

    def run(self) -> None:
        """Handle changes until stopped."""
        watcher = self.watch
        assert watcher is not None
        try:
            while not self.stopping:
                changed = watcher.next_batch(lambda: self.stopping)
                if changed:
                    self.working = True
                    try:
                        self.handle(changed)
                        if not watcher.pending:  # else the next edit's pages first
                            self._finish()
                            self.builds = _collect(self.builds, False)
                    finally:
                        self.working = False
                        self.handled += 1
        finally:
            watcher.stop()
            self.watch = None

    def stop(self) -> None:
        self.stopping = True
        if self.watch is not None:
            self.watch.stop()
        for w in self.workers:
            w.stop()
        self.main.close()
        self.server.shutdown()
        self.server.server_close()
        if self.own_out:
            shutil.rmtree(self.out, ignore_errors=True)


def _without_python(changed: set[Path]) -> set[Path]:
    """The changes without Python code, which the running server keeps using: it says to restart it."""
    python = sorted(p for p in changed if p.suffix == ".py")
    if python:
        log.warning(f"Python code changed ({python[0].name}{' and more' if len(python) > 1 else ''}): restart `make serve` "
                    "to use it")
    return changed - set(python)


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt


def serve(config_file: Path, host: str, port: int) -> int:
    """`career serve`: build, serve and rebuild after each edit until interrupted."""
    _logging(verbose=False)
    try:
        server = Serve(config_file, host, port)
    except OSError as exc:
        print(f"career serve: cannot listen on {host}:{port}: {exc.strerror}", file=sys.stderr)
        return 2
    try:
        server.start()
    except BaseException as exc:  # noqa: BLE001 - reported in one line, whatever it is
        if not isinstance(exc, KeyboardInterrupt):
            print(f"career serve: the site could not be built:\n{_message(exc)}", file=sys.stderr)
        server.stop()
        return 1
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        server.run()
    except KeyboardInterrupt:
        log.info("Shutting down...")
    finally:
        server.stop()
    return 0


def main(argv: list[str] | None = None) -> int:
    """The worker process of another edition (`--worker <lang>`), started by `career serve`."""
    parser = argparse.ArgumentParser(prog="python -m macros.adapters.serve")
    parser.add_argument("--worker", required=True)
    parser.add_argument("--config-file", type=Path, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--url", required=True)
    args = parser.parse_args(argv)
    return worker_main(args.worker, args.config_file, args.out, args.url)


if __name__ == "__main__":
    sys.exit(main())
