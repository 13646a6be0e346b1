"""The application core: one build of the site from a framework folder, with no MkDocs types.

`build(options)` loads the framework, reads its git history, renders every generated page in HTML,
checks every link they make and the released URL list, and returns the pages, files (redirects, URL
list, API), navigation and footer. The MkDocs plugin and `career export --format mkdocs` are thin
adapters over it.
"""
from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from .core import escape
from .core.audience import Audience
from .core.diagnostics import BuildError, Diagnostic, FrameworkError
from .core.files import AREAS, Parsed
from .core.framework import Framework, Ref
from .core.loading import ReadCache, check_audiences
from .core.text import Language
from .exports import documents, records
from .exports.jobposting import PostingOptions, ats_html, ats_text, job_posting_json
from .exports.structured_data import occupation
from .review import revisions
from .review.contract import check_contract, published_name
from .review.provenance import Provenance, Repository, last_changed
from .review.revisions import CommitChanges
from .site import nav, switcher, urls
from .site.edition import Edition
from .site.labels import Labels
from .site.pagekinds import Context, Kind, Route, id_clashes, redirects
from .site.pages import Drawn, PageBuilder, SitePage
from .site.redirects import redirect_html
from .site.render import Link, Renderer, template_sources
from .site.urllist import url_list
from .views.common import Facts

__all__ = ["Audience", "BuildError", "BuildOptions", "ContractError", "Ref", "SiteBuild", "build", "load"]



class ContractError(BuildError):
    """The build would break URLs of the last release; `site` is the build that would break them."""

    def __init__(self, diagnostics: list[Diagnostic], site: SiteBuild) -> None:
        self.diagnostics, self.site = diagnostics, site
        super().__init__("framework/ breaks links of the last release (run `career check`):\n" + FrameworkError(diagnostics).report())


@dataclass(frozen=True)
class BuildOptions:
    """What one build is: which framework, which edition (language, the site's languages, audience, URL style),
    where the site is published and what its hand-written pages are."""

    framework_dir: Path
    project_dir: Path
    site_url: str | None = None
    repo_url: str | None = None
    edit_uri: str | None = None
    copyright: str | None = None
    user_nav: list[Any] | None = None
    audience: Audience = "internal"
    language: Language = "ko"
    editions: tuple[Language, ...] = ("ko",)  # the site's languages, the main one (served at /) first
    directory_urls: bool = True  # MkDocs' use_directory_urls
    history: bool = True  # read git history for the changelog and "last changed"
    docs_pages: frozenset[str] = frozenset()  # hand-written page sources, which generated pages may link to
    public_url: str | None = None  # the public site's root address (https), for job posts' links

    @cached_property
    def edition(self) -> Edition:
        return Edition(self.language, self.editions, self.audience, self.directory_urls)

    @property
    def internal(self) -> bool:
        return self.audience == "internal"

    @property
    def root_url(self) -> str | None:
        """The site's root address (the main edition's), from this edition's `site_url`."""
        return self.edition.root_of(self.site_url)


@dataclass(frozen=True)
class SiteBuild:
    """Everything a build adds to a site: pages, static files, navigation, footer; and what the next build of the
    same site may reuse (`cache`, `drawn`: see `build`)."""

    options: BuildOptions
    fw: Framework
    facts: Facts
    renderer: Renderer
    pages: list[SitePage]
    redirects: dict[str, str]
    nav: list[Any]
    footer: str  # HTML, escaped
    url_doc: dict[str, Any]  # the document of urls.json
    warnings: list[Diagnostic] = field(default_factory=list)
    public: Framework | None = None  # the framework as candidates see it (the internal site's job-post documents)
    cache: ReadCache = field(default_factory=ReadCache, repr=False)
    drawn: Drawn | None = field(default=None, repr=False)
    reused: int = 0  # page bodies kept from the previous build
    made: dict[Any, Any] = field(default_factory=dict, repr=False)  # pages' structured data, with what it was made from
    read: Mapping[str, Parsed[Any]] = field(default_factory=dict, repr=False)  # the files it was built from (ReadCache.keyed)

    @property
    def labels(self) -> Labels:
        return self.renderer.labels

    @cached_property
    def files(self) -> list[tuple[str, str]]:
        """(path, content) of the files published beside the pages: redirects, the URL list, the API files (made when
        first read: `career serve` shows the pages of an edit before it writes these)."""
        options, edition, renderer = self.options, self.options.edition, self.renderer
        files = [(urls.file_of(old, edition.directory_urls),
                  redirect_html(renderer.env, urls.href(old, new, directory=edition.directory_urls), edition.language))
                 for old, new in self.redirects.items()]
        files.append((urls.URL_LIST, documents.dumps(self.url_doc, compact=True)))
        files += api_files(self.fw, options.root_url, self.facts, edition)
        files.append((urls.API_LEVELS, switcher.levels_json(self.fw, {p.src for p in self.pages}, edition)))
        if options.internal and self.public is not None:
            files += hiring_files(self.public, options.public_url, edition)
        return files


def load(framework_dir: Path, audience: Audience = "internal") -> tuple[Framework, list[Diagnostic]]:
    """The framework as `audience` sees it, and its warnings; or BuildError with every problem (ids that would
    give a page another page's address included)."""
    found, warnings = load_audiences(framework_dir, (audience,))
    return found[audience], warnings


def load_audiences(framework_dir: Path, audiences: tuple[Audience, ...],
                   cache: ReadCache | None = None) -> tuple[dict[Audience, Framework], list[Diagnostic]]:
    """The framework as each audience sees it (one reading of the folder), and its warnings; or BuildError."""
    found, problems = check_audiences(framework_dir, audiences, cache)
    first = found[audiences[0]]
    if first is not None:
        problems = [*problems, *id_clashes(first, framework_dir)]
    if any(f is None for f in found.values()) or any(d.severity == "error" for d in problems):
        raise BuildError("framework/ has problems (run `career check`):\n" + FrameworkError(problems).report())
    return {a: f for a, f in found.items() if f is not None}, [d for d in problems if d.severity == "warning"]


def build(options: BuildOptions, fw: Framework | None = None, public: Framework | None = None,
          previous: SiteBuild | None = None, *, again: bool = False) -> SiteBuild:
    """Build the generated part of the site (see the module docstring). `fw`, when given, must have been
    loaded for the options' audience; `public`, the framework as candidates see it (the internal site offers the
    documents for job posts, which hold only that), is read when not given.

    `previous`: the last build of the same site (`career serve` builds again after each edit). Only the files whose
    bytes changed are read again (`ReadCache`), and a page whose view, title and shared inputs are unchanged keeps
    its body (`PageBuilder`); the result is the same as a build without it. `SiteBuild.reused` counts the kept bodies.
    `again`: the site will be built again after an edit (`career serve`; always so with `previous`): the pages keep
    what the next build reuses of their bodies."""
    cache = previous.cache if previous is not None and previous.options.framework_dir == options.framework_dir else ReadCache()
    fw, public, warnings, areas_only = _frameworks(options, fw, public, cache, previous)
    edition = options.edition
    history = None
    version = None
    if options.history:
        history = revisions.history(options.framework_dir, cache_dir=options.project_dir / ".cache" / "changelog")
        version = revisions.describe(options.framework_dir)
    facts = _facts(options, fw, history)
    labels = edition.labels
    sources = template_sources()
    same = previous is not None and previous.renderer.sources == sources and previous.renderer.lang == edition.language
    renderer = Renderer(edition.language, labels, previous.renderer.env if same and previous else None,
                        directory=edition.directory_urls, sources=sources, keep_blocks=again or previous is not None)
    context = Context(facts, labels, history, version, options.docs_pages, len(options.editions), _job_links(options, public))
    made: dict[Any, Any] = {}
    extra = _structured_data(options, facts, previous.made if previous is not None else None, made)
    builder = PageBuilder(context, renderer, extra, previous.drawn if previous is not None else None, areas_only)
    pages = builder.all()
    _check_links(pages, options, builder.kept)
    moved = redirects(fw, [p.route for p in pages])
    doc = url_list(fw, pages, moved, edition)
    menu = nav.generated(pages, labels, options.user_nav, (src for src in options.docs_pages if src.endswith(".md")))
    site = SiteBuild(options, fw, facts, renderer, pages, moved, menu, _footer(options, fw, labels, version), doc, warnings, public, cache,
                     builder.drawn(pages), builder.reused, made, cache.keyed)
    broken = check_contract(doc, options.framework_dir, published_name(options.audience), edition.prefix)
    if broken:
        raise ContractError(broken, site)
    return site


def _frameworks(options: BuildOptions, fw: Framework | None, public: Framework | None, cache: ReadCache,
                previous: SiteBuild | None) -> tuple[Framework, Framework, list[Diagnostic], bool]:
    """The framework as the build's audience sees it and as candidates see it (each read unless given), the warnings,
    and whether only competency area files changed since `previous` (PageBuilder then keeps the other views)."""
    if fw is None:
        found, warnings = load_audiences(options.framework_dir, (options.audience, "public"), cache)
        areas_only = (previous is not None and previous.options == options and cache is previous.cache
                      and _only_areas_differ(previous.read, cache.keyed))
        return found[options.audience], found["public"], warnings, areas_only
    if public is None:
        public = fw if not options.internal else load(options.framework_dir, "public")[0]
    return fw, public, [], False


def _only_areas_differ(before: Mapping[str, Parsed[Any]], now: Mapping[str, Parsed[Any]]) -> bool:
    """Whether every file but the competency areas is the same (the same Parsed, as the model reads it: with its ids
    as keys, core/scopes.py) in two readings: an edit that happened between them changed areas only."""
    return bool(before) and all(before.get(path) is p for path, p in now.items() if p.kind != AREAS) \
        and all(path in now for path, p in before.items() if p.kind != AREAS)


def _facts(options: BuildOptions, fw: Framework, history: list[CommitChanges] | None) -> Facts:
    """The framework's facts as the build shows them: with where each entity is written, on the internal site."""
    if not options.internal:
        return Facts.of(fw, internal=False)
    repo = Repository.from_config(options.repo_url, options.edit_uri, _framework_path(options))
    return Facts.of(fw, Provenance(fw, repo, last_changed(history)).info, internal=True)


def _structured_data(options: BuildOptions, facts: Facts, kept: dict[Any, Any] | None = None,
                     made: dict[Any, Any] | None = None) -> dict[Kind, Callable[[Route], dict[str, Any]]]:
    """What JD pages add to their template's context: schema.org JSON-LD, with absolute URLs (only with an address).
    `kept`: what the previous build of the site made, by page, with what it was made from (reused when that is equal);
    `made`: where this build's go."""
    base, edition, fw = options.root_url, options.edition, facts.fw
    if not base:
        return {}
    kept = {} if kept is None else kept
    made = {} if made is None else made

    def jsonld(route: Route) -> dict[str, Any]:
        role, level = fw.role(route.ids[0]), fw.level(route.ids[1])
        key = (fw.meta.name, role, level, base, edition, facts.expectations.items_upto(role, level.id))  # what occupation reads
        old = kept.get(route)
        value = old[1] if old is not None and old[0] == key else \
            {"jsonld": str(escape.json_script(occupation(fw, role, level, base, edition, facts.expectations)))}
        made[route] = (key, value)
        return value
    return {Kind.JD: jsonld}


def _job_links(options: BuildOptions, public: Framework) -> dict[str, str]:
    """`role/level` of each JD candidates see -> its address on the public site (internal builds: the JD pages offer it)."""
    if not options.internal:
        return {}
    edition = options.edition
    return {f"{r.id}/{lv.id}": edition.absolute(options.public_url, urls.url(Route(Kind.JD, (r.id, lv.id)).src, edition.directory_urls))
            for r in public.roles for lv, _ in public.role_levels(r)}


def _footer(options: BuildOptions, fw: Framework, labels: Labels, version: str | None) -> str:
    """The footer's line (HTML, escaped): the copyright, the data version and `git describe`."""
    parts = [labels.footer_version.format(version=fw.meta.version)] if fw.meta.version else []
    note = " · ".join([*parts, *([version] if version else [])])
    return str(escape.html(" · ".join(x for x in (options.copyright, note) if x)))


def _framework_path(options: BuildOptions) -> str:
    try:
        return options.framework_dir.resolve().relative_to(options.project_dir.resolve()).as_posix()
    except ValueError:
        return "framework"


def _check_links(pages: list[SitePage], options: BuildOptions, before: dict[Route, SitePage] | None = None) -> None:
    """Every link a generated page makes must reach a page (and an id on it). `before`: the previous build's pages,
    whose bodies this build kept (PageBuilder); when the same pages exist and every page drawn again declares the ids
    it declared, the links of the kept bodies still resolve and only those of the pages drawn again are checked."""
    anchors = {p.src: p.body.ids for p in pages}
    drawn = [p for p in pages if before is None or before.get(p.route) is None or before[p.route].body is not p.body]
    same = (before is not None and len(before) == len(pages) and all(p.route in before for p in pages)
            and all(before[p.route].body.ids == p.body.ids for p in drawn if p.route in before))
    bad: list[str] = []
    for page in drawn if same else pages:
        for link in page.body.links:
            if not _resolves(link, anchors, options):
                target = link.to_src + (f"#{link.anchor}" if link.anchor else "")
                bad.append(f"{page.src} links to {target}, which does not exist")
    if bad:
        raise BuildError("generated pages link to missing pages or anchors (a bug; please report it):\n" + "\n".join(bad[:20]))


def _resolves(link: Link, anchors: dict[str, frozenset[str]], options: BuildOptions) -> bool:
    if link.to_src in anchors:
        return link.anchor is None or link.anchor in anchors[link.to_src]
    return link.to_src in options.docs_pages or link.to_src.startswith("api/") or link.to_src == urls.URL_LIST


def hiring_files(public: Framework, site_url: str | None, edition: Edition) -> list[tuple[str, str]]:
    """What a JD page of the internal site offers a recruiter: the documents `career export` writes for a job post
    (ATS HTML and text, a JobPosting draft), made by the same functions from the framework as candidates see it,
    linking to the public site at `site_url` (none when unknown)."""
    out = []
    candidates = Edition(edition.language, edition.languages, "public", edition.directory_urls)
    for role in public.roles:
        for level, _ in public.role_levels(role):
            folder = urls.api_hiring(role.id, level.id)
            out += [(folder + "ats.html", ats_html(public, role, level, site_url, candidates)),
                    (folder + "ats.txt", ats_text(public, role, level, site_url, candidates)),
                    (folder + "jobposting.json", job_posting_json(public, role, level, PostingOptions(
                        base_url=site_url, edition=candidates, draft=True)))]
    return out


def api_files(fw: Framework, base_url: str | None, facts: Facts, edition: Edition) -> list[tuple[str, str]]:
    """The exports published with the site under /api/ (per edition: texts in its language; `fw` as its audience
    sees it)."""
    lang, audience = edition.language, edition.audience
    out = [(urls.API_FRAMEWORK, documents.framework_json(fw, audience, compact=True)),
           (urls.API_SCHEMA, documents.framework_schema(compact=True)),
           (urls.API_MATRIX, documents.matrix_csv(fw, audience, lang)), (urls.API_CHECKLIST_INDEX, documents.checklist_index(fw, lang))]
    for role in fw.roles:
        for level, _ in fw.role_levels(role):
            out.append((urls.api_jd(role.id, level.id),
                        documents.jd_json(fw, role, level, base_url, edition, ex=facts.expectations, compact=True)))
    if edition.internal:  # what the record pages read (records are for the team)
        out += records.api_files(fw, facts.expectations, edition)
    return out
