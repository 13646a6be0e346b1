"""An edition of the site: one language of one audience's build, and where it is served. The one value the
build, the exports and the adapters read for "which language, below which path, for whom, with which labels";
and the one place that says which hand-written page an edition shows (`docs/<lang>/<page>` over `docs/<page>`)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from ..core.audience import Audience
from ..core.text import LANGUAGES, Language
from .labels import Labels, load_labels

#: The language of hand-written pages in `docs/`; pages of another language live in `docs/<lang>/`.
DOCS_LANGUAGE: Language = "ko"


@dataclass(frozen=True)
class Edition:
    """`language` of the site whose languages are `languages` (the main one, served at `/`, first), built for
    `audience`; `directory_urls` as MkDocs' `use_directory_urls`."""

    language: Language = "ko"
    languages: tuple[Language, ...] = ("ko",)
    audience: Audience = "internal"
    directory_urls: bool = True

    @property
    def main(self) -> bool:
        return self.language == self.languages[0]

    @property
    def prefix(self) -> str:
        """Where this edition is served below the site's root: '' for the main language, '/en' for English."""
        return "" if self.main else f"/{self.language}"

    @property
    def internal(self) -> bool:
        return self.audience == "internal"

    @cached_property
    def labels(self) -> Labels:
        return load_labels(self.language)

    def absolute(self, base_url: str | None, path: str) -> str:
        """A site-absolute `path` of this edition (`/roles/...`) below the site's root address `base_url` (the main
        edition's), or site-absolute when the address is unknown."""
        return (base_url or "").rstrip("/") + self.prefix + path

    def root_of(self, site_url: str | None) -> str | None:
        """The site's root address from this edition's own address (which ends in the edition's prefix)."""
        if site_url and self.prefix and site_url.rstrip("/").endswith(self.prefix):
            return site_url.rstrip("/")[: -len(self.prefix)] + "/"
        return site_url

    # hand-written pages ---------------------------------------------------------------------------------------
    def docs_pages(self, docs: Path) -> dict[str, Path]:
        """The hand-written pages this edition shows: page path -> the file it comes from. `docs/<page>` holds the
        pages in DOCS_LANGUAGE; another language's `docs/<lang>/<page>` replaces it in that language's edition;
        other languages' folders are never pages of this edition."""
        if not docs.is_dir():
            return {}
        out: dict[str, Path] = {}
        for found in sorted(p for p in docs.rglob("*") if p.is_file()):
            rel = found.relative_to(docs).as_posix()
            top = rel.split("/", 1)[0]
            if top in LANGUAGES and top != DOCS_LANGUAGE:
                continue
            own = docs / self.language / rel if self.language != DOCS_LANGUAGE else found
            out[rel] = own if own.is_file() else found
        if self.language != DOCS_LANGUAGE:  # pages only the edition has
            for found in sorted(p for p in (docs / self.language).rglob("*") if p.is_file()):
                out.setdefault(found.relative_to(docs / self.language).as_posix(), found)
        return out
