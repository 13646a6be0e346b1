"""The `career` MkDocs plugin: a thin adapter over `app.build`.

On each build it reads the framework (no state is kept between builds), adds the generated pages,
files, navigation and footer, and leaves hand-written pages to mkdocs-macros. Options come from
mkdocs.yml; environment variables override them (CAREER_FRAMEWORK_DIR, CAREER_AUDIENCE,
CAREER_LANGUAGES). `mkdocs serve` rebuilds on YAML and template edits; a Python edit needs a restart.

Editions: the first of `languages` is the site at `/`; the plugin builds each other language into
`/<lang>/` as a second `mkdocs build` of the same config, in its own process (CAREER_EDITION=<lang>)
started with the main build into a folder of its own and moved into place at the end: each build holds
only its own pages in memory, and two cores build both at once. Hand-written pages of an edition come
from `docs/<lang>/`.
"""
from __future__ import annotations

import json
import logging
import os
import shutil
import subprocess
import sys
import tempfile
import threading
from pathlib import Path
from typing import Any, Literal

import jinja2
from mkdocs.config import config_options as c
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.utils.meta import get_data

from ..app import BuildError, BuildOptions, SiteBuild, build
from ..core import escape
from ..core.text import LANGUAGES, Language
from ..core.yamlio import YamlError, read_yaml
from ..site.assets import INTERNAL_SCRIPTS, STYLES, THEME, scripts
from ..site.edition import DOCS_LANGUAGE, Edition
from ..site.render import bytecode_cache
from ..site.search import Glossary, index_json, page_entries, terms_json, written_entry
from ..site.switcher import theme_labels
from .page import GeneratedPage

log = logging.getLogger("mkdocs.plugins.career")
EDITION_NAMES = {"ko": "한국어", "en": "English"}
EDITION_VARIABLE = "CAREER_EDITION"  # set on the process that builds another edition


class CareerConfig(Config):
    framework_dir = c.Type(str, default="framework")
    audience = c.Choice(("internal", "public"), default="internal")
    languages = c.Optional(c.ListOfItems(c.Choice(LANGUAGES)))  # default: framework.yml's `languages`
    language = c.Optional(c.Choice(LANGUAGES))  # set on the builds of the other editions
    history = c.Type(bool, default=True)
    # The public site's address, for the internal site's job-post documents and JD links (CAREER_PUBLIC_SITE_URL overrides)
    public_site_url = c.Optional(c.Type(str))


def _env(name: str, allowed: tuple[str, ...], default: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        return default
    if value not in allowed:
        raise PluginError(f"{name}={value[:40]!r} is not one of {', '.join(allowed)}")
    return value


class CareerPlugin(BasePlugin[CareerConfig]):
    """Generated pages from framework/ (see the module docstring)."""

    def __init__(self) -> None:
        self.site: SiteBuild | None = None
        self.dropped: set[str] = set()
        self.editions_running: dict[Language, tuple[subprocess.Popen[bytes], threading.Thread, Path]] = {}
        self.project = Path.cwd()  # the folder of mkdocs.yml, once a config is read
        self.keep = False  # keep each build for the next one to reuse (`mkdocs serve`, `career serve`)
        self.serving: Any = None  # `career serve`'s edition (adapters/serve.py): it builds the other editions itself
        self.prepared: SiteBuild | None = None  # a build made by `career serve` for the next MkDocs build to use
        self.given: dict[str, Any] = {}  # config values as mkdocs.yml gave them, before on_config set its own
        self._entries: dict[Any, tuple[Any, ...]] = {}  # search entries of each generated page, kept with the page

    def on_startup(self, *, command: Literal["build", "gh-deploy", "serve"], dirty: bool) -> None:
        """Under `mkdocs serve` the plugin lives across rebuilds: each build starts from the previous one (only the
        framework files that changed are read again, and unchanged pages keep their bodies; see app.build)."""
        self.keep = command == "serve"

    @property
    def audience(self) -> Literal["internal", "public"]:
        return _env("CAREER_AUDIENCE", ("internal", "public"), self.config.audience)  # type: ignore[return-value]

    @property
    def framework_dir(self) -> Path:
        """The framework folder (CAREER_FRAMEWORK_DIR overrides the config), relative to the project's folder."""
        path = Path(os.environ.get("CAREER_FRAMEWORK_DIR") or self.config.framework_dir)
        return path if path.is_absolute() else self.project / path

    @property
    def editions(self) -> tuple[Language, ...]:
        """The site's languages, the main one first: CAREER_LANGUAGES=ko,en, else the plugin's `languages` in
        mkdocs.yml, else framework.yml's (its `languages`, or its locale, with English beside Korean)."""
        raw = os.environ.get("CAREER_LANGUAGES", "").strip()
        if raw:
            values = [x.strip() for x in raw.split(",") if x.strip()]
        elif self.config.languages:
            values = list(self.config.languages)
        else:
            values = list(framework_languages(self.framework_dir))
        bad = [v for v in values if v not in LANGUAGES]
        if bad or not values:
            raise PluginError(f"languages {values!r}: each must be one of {', '.join(LANGUAGES)}")
        return tuple(dict.fromkeys(values))  # type: ignore[arg-type]

    @property
    def language(self) -> Language:
        """The language this build renders: the main edition's unless this is another edition's build."""
        return self.config.language or self.editions[0]

    @property
    def main(self) -> bool:
        return self.language == self.editions[0]

    @event_priority(100)  # before mkdocs-macros, which reads `site` in its macros
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        self.project = Path(str(config.config_file_path or "mkdocs.yml")).resolve().parent
        edition = os.environ.get(EDITION_VARIABLE, "").strip()
        if edition:  # this process builds another edition for the main build (see start_editions)
            if edition not in LANGUAGES:
                raise PluginError(f"{EDITION_VARIABLE}={edition[:20]!r} is not one of {', '.join(LANGUAGES)}")
            self.config.language = edition
            if config.site_url:
                config.site_url = f"{config.site_url.rstrip('/')}/{edition}/"
        elif self.main:
            if not config.site_url:
                log.info("no site address (set CAREER_SITE_URL to the published address): canonical links, hreflang, "
                         "the sitemap's addresses and structured data are left out of this build")
            if self.serving is None:  # `career serve` keeps the other editions' processes itself
                self.start_editions(config)
        options, self.dropped = options_for(self, config)
        use_theme(config, self.audience)
        spare_generated_pages(config)
        config.theme["language"] = self.language  # Material's interface (and its search) in the edition's language
        if str(options.framework_dir) not in [str(w) for w in config.watch]:
            config.watch.append(str(options.framework_dir))  # `mkdocs serve` rebuilds when a YAML file changes
        prepared, self.prepared = self.prepared, None
        if prepared is not None and prepared.options == options:
            self.site = prepared
        else:
            try:
                self.site = build(options, previous=self.site if self.keep else None, again=self.keep)
            except BuildError as exc:
                raise PluginError(str(exc)) from None
        self.given = {"site_description": config.site_description}
        for name, value in self.settings(self.site, config).items():
            if name.startswith("extra."):
                config.extra[name.removeprefix("extra.")] = value
            else:
                config[name] = value
        if self.audience == "public" or not config.repo_url:  # no edit links for candidates, nor without a repository
            config.repo_url = None
            config.edit_uri = ""
        return config

    def settings(self, site: SiteBuild, config: MkDocsConfig) -> dict[str, Any]:
        """The config values a build of `site` sets (`extra.<key>` for `config.extra`): every page shows some of them,
        so `career serve` builds every page again when one changes."""
        # The site's name and description come from framework.yml, in the edition's language, as escaped markup: the
        # theme writes them into attributes and elements, some without escaping them (and `|e` leaves markup as it is)
        meta = site.fw.meta
        out: dict[str, Any] = {
            "nav": site.nav, "copyright": site.footer, "site_name": escape.html(meta.name.get(self.language)),
            "site_description": escape.html(escape.fold(meta.description.get(self.language))) if meta.description is not None
            else self.given.get("site_description", config.site_description),
            "extra.career_search": True,  # theme/main.html: search with assets/search-worker.js and search/terms.json
            "extra.career_switcher": theme_labels(site.fw, site.labels)}  # theme/partials/switcher.html: "my level"
        if len(self.editions) > 1:
            main = self.editions[0]
            root = (config.site_url or "/").removesuffix(f"{self.language}/") if not self.main else (config.site_url or "/")
            out["extra.alternate"] = [
                {"name": EDITION_NAMES[lang], "lang": lang, "link": _edition_prefix(self.language, lang, main),
                 "root": root + ("" if lang == main else f"{lang}/")}
                for lang in self.editions]
        return out

    def on_nav(self, nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
        if self.serving is not None:
            self.serving.nav, self.serving.files = nav, files
        return nav

    @event_priority(-100)  # last: the environment pages are drawn with
    def on_env(self, env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
        if env.bytecode_cache is None:  # the theme's templates compiled once, not on every build (0.3 s of each)
            env.bytecode_cache = bytecode_cache("theme")
        if self.serving is not None:
            self.serving.env, self.serving.files = env, files
        return env

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        assert self.site is not None
        docs = Path(config.docs_dir).resolve()
        shown = self.site.options.edition.docs_pages(docs)  # the edition's hand-written pages
        for f in list(files):
            if not f.abs_src_path or not Path(f.abs_src_path).resolve().is_relative_to(docs):
                if self.audience != "internal" and f.src_uri in INTERNAL_SCRIPTS:
                    files.remove(f)  # the theme's script of an internal page kind
                continue  # the theme's files
            source = shown.get(f.src_uri)
            if source is None:  # another language's page (docs/<lang>/...)
                f.inclusion = InclusionLevel.EXCLUDED
            elif Path(f.abs_src_path).resolve() != source.resolve():  # this edition's own version of the page
                files.remove(f)
                files.append(File.generated(config, f.src_uri, abs_src_path=str(source)))
        for rel, source in shown.items():
            if files.get_file_from_path(rel) is None:  # a page only this edition has
                files.append(File.generated(config, rel, abs_src_path=str(source)))
        for src in self.dropped:
            found = files.get_file_from_path(src)
            if found is not None:
                found.inclusion = InclusionLevel.EXCLUDED
        for page in self.site.pages:
            if files.get_file_from_path(page.src) is not None:
                raise PluginError(f"docs/{page.src} conflicts with a page generated from framework/; remove or rename it")
            file = File.generated(config, page.src, content="")
            GeneratedPage(page, file, config)
            files.append(file)
        for path, content in self.site.files:
            if files.get_file_from_path(path) is None:
                files.append(File.generated(config, path, content=content))
        return files

    @event_priority(-50)  # after Material's search plugin wrote the index of the hand-written pages
    def on_post_build(self, config: MkDocsConfig) -> None:
        path = Path(config.site_dir) / "search" / "search_index.json"
        if path.is_file():  # Material's search plugin wrote the hand-written pages' entries: add ours, and the terms
            for rel, text in self.search_files(config, path.read_text(encoding="utf-8")):
                (Path(config.site_dir) / rel).write_text(text, encoding="utf-8")
        if self.serving is None:
            self.finish_editions(config)

    def search_files(self, config: MkDocsConfig, written: str) -> list[tuple[str, str]]:
        """search/search_index.json and search/terms.json: the entries Material's search plugin wrote (`written`: the
        hand-written pages') and those of every generated page. A page's entries are kept with it: a page the next
        build keeps (the same SitePage, see app.build) keeps them too, unless the glossary changed."""
        assert self.site is not None
        index = json.loads(written)
        terms = self.site.fw.glossary
        kept = self._entries
        glossary = kept["glossary"][1] if "glossary" in kept and kept["glossary"][0] == terms else Glossary(terms)
        entries = [written_entry(doc, glossary) for doc in index["docs"]]
        kind_words = self.site.labels.with_prefix("search_words_")
        fresh: dict[Any, tuple[Any, ...]] = {"glossary": (terms, glossary)}
        for page in self.site.pages:
            words = kind_words.get(page.kind.kind, "")
            old = kept.get(page.route)
            if old is not None and old[0] is page and old[1] is glossary and old[2] == (words, self.language, config.use_directory_urls):
                found = old[3]
            else:
                found = page_entries(page, glossary, self.language, config.use_directory_urls, words)
            fresh[page.route] = (page, glossary, (words, self.language, config.use_directory_urls), found)
            entries += found
        self._entries = fresh if self.keep or self.serving is not None else {}
        return [("search/search_index.json", index_json(index["config"], entries)), ("search/terms.json", terms_json(entries))]

    def on_build_error(self, error: Exception) -> None:
        for proc, relay, folder in self.editions_running.values():
            proc.kill()
            proc.wait()
            relay.join()
            shutil.rmtree(folder, ignore_errors=True)
        self.editions_running = {}

    def start_editions(self, config: MkDocsConfig) -> None:
        """Start building each other edition, each in its own process and into a folder of its own."""
        project = Path(str(config.config_file_path)).parent
        env = {**os.environ, "CAREER_FRAMEWORK_DIR": str(self.framework_dir),
               "CAREER_LANGUAGES": ",".join(self.editions), "CAREER_AUDIENCE": self.audience}
        for lang in self.editions[1:]:
            folder = Path(tempfile.mkdtemp(prefix=f"career-{lang}-"))
            cmd = [sys.executable, "-m", "mkdocs", "build", "--config-file", str(config.config_file_path),
                   "--site-dir", str(folder), *(["--strict"] if config.strict else [])]
            proc = subprocess.Popen(cmd, env={**env, EDITION_VARIABLE: lang}, cwd=project, stdout=subprocess.DEVNULL,
                                    stderr=subprocess.PIPE)
            relay = threading.Thread(target=_relay, args=(proc, f"({lang}) "), daemon=True)
            relay.start()
            self.editions_running[lang] = (proc, relay, folder)

    def finish_editions(self, config: MkDocsConfig) -> None:
        """Wait for the other editions (their messages went to the terminal as they came) and move each into
        `<site_dir>/<lang>/`."""
        running, self.editions_running = self.editions_running, {}
        failed = []
        for lang, (proc, relay, folder) in running.items():
            code = proc.wait()
            relay.join()
            if code != 0:  # the relay has printed why
                failed.append(EDITION_NAMES[lang])
                shutil.rmtree(folder, ignore_errors=True)
                continue
            target = Path(config.site_dir) / lang
            shutil.rmtree(target, ignore_errors=True)
            folder.chmod(0o777 & ~_UMASK)  # mkdtemp made it private; the site is served to others
            shutil.move(str(folder), str(target))
        if failed:
            raise PluginError(f"the {', '.join(failed)} edition could not be built; its messages are above")


def framework_languages(framework_dir: Path) -> tuple[Language, ...]:
    """framework.yml's languages (read on their own, before the build): `languages`, else its locale, with English
    beside Korean; Korean and English when the file cannot be read (the build then reports why)."""
    try:
        data, _ = read_yaml((framework_dir / "framework.yml").read_bytes(), "framework.yml")
    except (OSError, YamlError):
        return ("ko", "en")
    if not isinstance(data, dict):
        return ("ko", "en")
    chosen = data.get("languages")
    if isinstance(chosen, list) and chosen and all(x in LANGUAGES for x in chosen):
        return tuple(dict.fromkeys(chosen))
    locale = data.get("locale", "ko")
    return ("ko", "en") if locale not in LANGUAGES or locale == "ko" else (locale,)


def _relay(proc: subprocess.Popen[bytes], prefix: str) -> None:
    """Pass an edition build's warnings and errors on to this terminal as they come (its progress stays quiet)."""
    assert proc.stderr is not None
    for raw in proc.stderr:
        line = raw.decode("utf-8", "replace").rstrip()
        if line and not line.startswith("INFO"):
            print(prefix + line, file=sys.stderr, flush=True)


def _read_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _read_umask()  # read once, at import, before any thread of ours runs


def _edition_prefix(here: Language, there: Language, main: Language) -> str:
    """The path from this edition's root to the other edition's root (`en/`, `../`, or '')."""
    if here == there:
        return ""
    if here == main:
        return f"{there}/"
    return "../" if there == main else f"../{there}/"


def options_for(plugin: CareerPlugin, config: MkDocsConfig) -> tuple[BuildOptions, set[str]]:
    """The build options for a MkDocs config, and the hand-written pages this audience leaves out."""
    project = Path(config.config_file_path or ".").resolve().parent
    plugin.project = project
    edition = Edition(plugin.language, plugin.editions, plugin.audience, config.use_directory_urls)
    shown = edition.docs_pages(Path(config.docs_dir))
    own = {src for src in shown if src.endswith(".md")}
    dropped = {src for src in own if plugin.audience == "public" and _internal_page(shown[src])}
    options = BuildOptions(
        framework_dir=plugin.framework_dir, project_dir=project,
        site_url=config.site_url, repo_url=config.repo_url if plugin.audience == "internal" else None,
        edit_uri=config.edit_uri, copyright=config.copyright, user_nav=_nav_for(config.nav, dropped, edition.language, DOCS_LANGUAGE),
        audience=plugin.audience, language=edition.language, editions=edition.languages, directory_urls=edition.directory_urls,
        history=plugin.config.history, docs_pages=frozenset(own - dropped), public_url=_public_url(plugin, config))
    return options, dropped


def spare_generated_pages(config: MkDocsConfig) -> None:
    """Material's search plugin reads every page as the theme draws it (`on_page_context`): it adds the page to its
    index and strips `data-search-*="…"` values from its HTML. A generated page is not in its index (its front matter
    leaves it out: site/search.py indexes it from its view) and carries no such value (the templates write bare
    `data-search-exclude`), so the plugin's handler is skipped for generated pages: a few milliseconds a page, in every
    build and in `career serve`."""
    handlers = config.plugins.events["page_context"]
    for i, handler in enumerate(handlers):
        owner = type(getattr(handler, "__self__", None))
        if owner.__module__.startswith("material.plugins.search") and not isinstance(handler, _ForWrittenPages):
            handlers[i] = _ForWrittenPages(handler)


class _ForWrittenPages:
    """A `page_context` handler run for hand-written pages only (see spare_generated_pages)."""

    def __init__(self, handler: Any) -> None:
        self.handler = handler

    def __call__(self, context: Any, *, page: Any, config: MkDocsConfig, nav: Navigation) -> Any:
        return context if isinstance(page, GeneratedPage) else self.handler(context, page=page, config=config, nav=nav)


def use_theme(config: MkDocsConfig, audience: str) -> None:
    """The engine's theme in any project: its folder after the project's own `custom_dir` (whose templates win) and
    before Material's, and its styles and the audience's scripts before the project's own (site/assets.py)."""
    dirs = config.theme.dirs
    if str(THEME) not in dirs:
        custom = config.theme.custom_dir
        dirs.insert(1 if custom and dirs and dirs[0] == custom else 0, str(THEME))
    config.extra_css[:0] = [s for s in STYLES if s not in config.extra_css]
    listed = {str(s) for s in config.extra_javascript}
    config.extra_javascript[:0] = [s for s in scripts(audience) if s not in listed]


def _public_url(plugin: CareerPlugin, config: MkDocsConfig) -> str | None:
    """The public site's root address: CAREER_PUBLIC_SITE_URL, else the plugin's `public_site_url`; the public build's is
    its own `site_url`. Only an https address counts (anything else would put a wrong link into a job post)."""
    if plugin.audience == "public":
        found = Edition(plugin.language, plugin.editions).root_of(config.site_url)
    else:
        found = os.environ.get("CAREER_PUBLIC_SITE_URL", "").strip() or plugin.config.public_site_url
    if found and not found.startswith("https://"):
        log.warning(f"the public site address {found[:60]!r} is not an https address; job-post documents leave it out")
        return None
    return f"{found.rstrip('/')}/" if found else None


def _internal_page(path: Path) -> bool:
    """A hand-written page marked `audience: internal` in its front matter."""
    try:
        _, meta = get_data(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError):
        return False
    return meta.get("audience") == "internal"


def _nav_for(nav: Any, dropped: set[str], lang: Language, main: Language) -> Any:
    """The user's nav without dropped pages; in another edition, page titles come from the pages themselves."""
    if nav is None:
        return None
    if isinstance(nav, list):
        return [x for x in (_nav_for(e, dropped, lang, main) for e in nav) if x not in (None, [], {})]
    if isinstance(nav, dict):
        out = {}
        for k, v in nav.items():
            kept = _nav_for(v, dropped, lang, main)
            if kept in (None, [], {}):
                continue
            if lang != main and isinstance(kept, str):
                return kept  # `- Title: page.md` -> `- page.md`: the English page's own title
            out[k] = kept
        return out or None
    return None if nav in dropped else nav
