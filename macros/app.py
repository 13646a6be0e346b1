"""The application core: one build of the site from a framework folder, with no MkDocs types.

`build(options)` loads the framework, reads its git history, renders every generated page in HTML,
checks every link they make and the released URL list, and returns the pages, files (redirects, URL
list, API), navigation and footer. The MkDocs plugin and `career export --format mkdocs` are thin
adapters over it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .core import escape
from .core.audience import Audience
from .core.diagnostics import BuildError, Diagnostic, FrameworkError
from .core.framework import Framework, Ref
from .core.loading import check
from .core.text import Language
from .exports import documents
from .exports.structured_data import occupation
from .review import revisions
from .review.changelog import changelog_view
from .review.contract import check_contract, published_name
from .review.provenance import Provenance, Repository, last_changed
from .site import nav, urls
from .site.labels import Labels, load_labels
from .site.pages import PageBuilder, SitePage
from .site.redirects import redirect_html
from .site.render import Link, Renderer
from .site.routes import Kind, Route, redirects
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
    history: bool = True  # read git history for the changelog and "last changed"
    docs_pages: frozenset[str] = frozenset()  # hand-written page sources, which generated pages may link to

    @property
    def internal(self) -> bool:
        return self.audience == "internal"

    @property
    def root_url(self) -> str | None:
        """The site's root address (the main edition's), from this edition's `site_url`."""
        if self.site_url and self.prefix and self.site_url.rstrip("/").endswith(self.prefix):
            return self.site_url.rstrip("/")[: -len(self.prefix)] + "/"
        return self.site_url

    @property
    def prefix(self) -> str:
        """Where this edition is served below the site's root: '' for the main language, '/en' for English."""
        return "" if self.language == self.editions[0] else f"/{self.language}"


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
    """The framework as `audience` sees it, and its warnings; or BuildError with every problem."""
    fw, problems = check(framework_dir, audience)
    if fw is None:
        raise BuildError("framework/ has problems (run `career check`):\n" + FrameworkError(problems).report())
    return fw, [d for d in problems if d.severity == "warning"]


def build(options: BuildOptions, fw: Framework | None = None) -> SiteBuild:
    """Build the generated part of the site (see the module docstring). `fw`, when given, must have been
    loaded for the options' audience."""
    warnings: list[Diagnostic] = []
    if fw is None:
        fw, warnings = load(options.framework_dir, options.audience)
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
    labels = load_labels(options.language)
    renderer = Renderer(options.language, labels)
    extra = {}
    if options.root_url:
        base = options.root_url

        def jsonld(route: Route) -> dict[str, Any]:
            role = fw.role(route.ids[0])
            return {"jsonld": str(escape.json_script(occupation(fw, role, fw.level(route.ids[1]), base, options.language,
                                                                  facts.expectations)))}
        extra[Kind.JD] = jsonld
    builder = PageBuilder(facts, renderer, extra)
    pages = builder.all()
    if options.internal:
        view = changelog_view(fw, history, version, options.language)
        pages.append(builder.page(Route(Kind.CHANGELOG), labels.changelog, "changelog.html.j2", view))
    _check_links(pages, options)
    moved = redirects(fw, [p.route for p in pages])
    doc = url_list(fw, pages, moved, options.prefix)
    files = [(urls.url(old).strip("/") + "/index.html", redirect_html(renderer.env, urls.href(old, new), options.language))
             for old, new in moved.items()]
    files.append((urls.URL_LIST, documents.dumps(doc, compact=True)))
    files += api_files(fw, options.root_url, facts, options.language, options.audience)
    note = labels.footer_version.format(version=fw.meta.version) + (f" · {version}" if version else "")
    footer = str(escape.html(f"{options.copyright} · {note}" if options.copyright else note))
    site = SiteBuild(options, fw, facts, renderer, pages, files, moved, nav.generated(facts, labels, options.user_nav),
                     footer, doc, warnings)
    broken = check_contract(doc, options.framework_dir, published_name(options.audience), options.prefix)
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
    anchors = {p.src: set(p.anchors) | set(p.body.anchors) for p in pages}
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


def api_files(fw: Framework, base_url: str | None, facts: Facts, lang: Language, audience: Audience) -> list[tuple[str, str]]:
    """The exports published with the site under /api/ (per edition: texts in its language; `fw` as `audience` sees it)."""
    out = [(urls.API_FRAMEWORK, documents.framework_json(fw, audience, compact=True)),
           (urls.API_SCHEMA, documents.framework_schema(compact=True)),
           (urls.API_MATRIX, documents.matrix_csv(fw, audience, lang)), (urls.API_CHECKLIST_INDEX, documents.checklist_index(fw, lang))]
    for role in fw.roles:
        for level, _ in fw.role_levels(role):
            out.append((urls.api_jd(role.id, level.id),
                        documents.jd_json(fw, role, level, base_url, lang, ex=facts.expectations, compact=True)))
    return out
