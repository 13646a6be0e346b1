"""The application core: one build of the site from a framework folder, with no MkDocs types.

`build(options)` loads the framework, reads its git history, renders every generated page in HTML,
checks every link they make and the released URL list, and returns the pages, files (redirects, URL
list, API), navigation and footer. The MkDocs plugin and `career export --format mkdocs` are thin
adapters over it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from .core import escape
from .core.audience import Audience
from .core.diagnostics import BuildError, Diagnostic, FrameworkError
from .core.framework import Framework, Ref
from .core.loading import check
from .core.text import Language
from .exports import documents, records
from .exports.structured_data import occupation
from .review import revisions
from .review.contract import check_contract, published_name
from .review.provenance import Provenance, Repository, last_changed
from .site import nav, urls
from .site.edition import Edition
from .site.labels import Labels
from .site.pagekinds import Context, Kind, Route, id_clashes, redirects
from .site.pages import PageBuilder, SitePage
from .site.redirects import redirect_html
from .site.render import Link, Renderer
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
    """Everything a build adds to a site: pages, static files, navigation, footer."""

    options: BuildOptions
    fw: Framework
    facts: Facts
    renderer: Renderer
    pages: list[SitePage]
    files: list[tuple[str, str]]  # (path, content): redirects, the URL list, the API files
    redirects: dict[str, str]
    nav: list[Any]
    footer: str  # HTML, escaped
    url_doc: dict[str, Any]  # the document of urls.json
    warnings: list[Diagnostic] = field(default_factory=list)

    @property
    def labels(self) -> Labels:
        return self.renderer.labels


def load(framework_dir: Path, audience: Audience = "internal") -> tuple[Framework, list[Diagnostic]]:
    """The framework as `audience` sees it, and its warnings; or BuildError with every problem (ids that would
    give a page another page's address included)."""
    fw, problems = check(framework_dir, audience)
    if fw is not None:
        problems = [*problems, *id_clashes(fw, framework_dir)]
    if fw is None or any(d.severity == "error" for d in problems):
        raise BuildError("framework/ has problems (run `career check`):\n" + FrameworkError(problems).report())
    return fw, [d for d in problems if d.severity == "warning"]


def build(options: BuildOptions, fw: Framework | None = None) -> SiteBuild:
    """Build the generated part of the site (see the module docstring). `fw`, when given, must have been
    loaded for the options' audience."""
    warnings: list[Diagnostic] = []
    if fw is None:
        fw, warnings = load(options.framework_dir, options.audience)
    edition = options.edition
    history = None
    version = None
    if options.history:
        history = revisions.history(options.framework_dir, cache_dir=options.project_dir / ".cache" / "changelog")
        version = revisions.describe(options.framework_dir)
    source = None
    if options.internal:
        repo = Repository.from_config(options.repo_url, options.edit_uri, _framework_path(options))
        source = Provenance(fw, repo, last_changed(history)).info
    facts = Facts.of(fw, source, internal=options.internal) if source else Facts.of(fw, internal=options.internal)
    labels = edition.labels
    renderer = Renderer(edition.language, labels, directory=edition.directory_urls)
    extra = {}
    if options.root_url:
        base = options.root_url

        def jsonld(route: Route) -> dict[str, Any]:
            role = fw.role(route.ids[0])
            return {"jsonld": str(escape.json_script(occupation(fw, role, fw.level(route.ids[1]), base, edition,
                                                                  facts.expectations)))}
        extra[Kind.JD] = jsonld
    pages = PageBuilder(Context(facts, labels, history, version), renderer, extra).all()
    _check_links(pages, options)
    moved = redirects(fw, [p.route for p in pages])
    doc = url_list(fw, pages, moved, edition)
    files = [(urls.file_of(old, edition.directory_urls),
              redirect_html(renderer.env, urls.href(old, new, directory=edition.directory_urls), edition.language))
             for old, new in moved.items()]
    files.append((urls.URL_LIST, documents.dumps(doc, compact=True)))
    files += api_files(fw, options.root_url, facts, edition)
    note = labels.footer_version.format(version=fw.meta.version) + (f" · {version}" if version else "")
    footer = str(escape.html(f"{options.copyright} · {note}" if options.copyright else note))
    site = SiteBuild(options, fw, facts, renderer, pages, files, moved, nav.generated(pages, labels, options.user_nav),
                     footer, doc, warnings)
    broken = check_contract(doc, options.framework_dir, published_name(options.audience), edition.prefix)
    if broken:
        raise ContractError(broken, site)
    return site


def _framework_path(options: BuildOptions) -> str:
    try:
        return options.framework_dir.resolve().relative_to(options.project_dir.resolve()).as_posix()
    except ValueError:
        return "framework"


def _check_links(pages: list[SitePage], options: BuildOptions) -> None:
    """Every link a generated page makes must reach a page (and an id on it)."""
    anchors = {p.src: set(p.anchors) for p in pages}
    bad: list[str] = []
    for page in pages:
        for link in page.body.links:
            if not _resolves(link, anchors, options):
                target = link.to_src + (f"#{link.anchor}" if link.anchor else "")
                bad.append(f"{page.src} links to {target}, which does not exist")
    if bad:
        raise BuildError("generated pages link to missing pages or anchors (a bug; please report it):\n" + "\n".join(bad[:20]))


def _resolves(link: Link, anchors: dict[str, set[str]], options: BuildOptions) -> bool:
    if link.to_src in anchors:
        return link.anchor is None or link.anchor in anchors[link.to_src]
    return link.to_src in options.docs_pages or link.to_src.startswith("api/") or link.to_src == urls.URL_LIST


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
