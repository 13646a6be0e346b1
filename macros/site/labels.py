"""UI labels of generated pages, one YAML file per language (`labels/<lang>.yml`), read strictly."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from ..core.text import Language
from ..core.yamlio import read_yaml

FOLDER = Path(__file__).resolve().parent / "labels"


class Labels:
    """Label key -> text, read as `L.key` or `L["key"]` in templates. A missing key is an error naming it.
    (Not a dict: a label may be called `items` or `keys` without meeting a method of that name.)"""

    def __init__(self, lang: Language, texts: dict[str, str]):
        self._lang, self._texts = lang, texts

    def __getattr__(self, key: str) -> str:
        if key.startswith("_"):
            raise AttributeError(key)
        try:
            return self._texts[key]
        except KeyError:
            raise AttributeError(f"no UI label '{key}' in labels/{self._lang}.yml") from None

    def __getitem__(self, key: str) -> str:
        return self.__getattr__(key)

    @property
    def lang(self) -> Language:
        return self._lang

    def with_prefix(self, prefix: str) -> dict[str, str]:
        """The labels whose keys start with `prefix`, without it (e.g. the checklist script's `js_`)."""
        return {k[len(prefix):]: v for k, v in self._texts.items() if k.startswith(prefix)}

    def keys(self) -> set[str]:
        return set(self._texts)


def load_labels(lang: Language) -> Labels:
    """The labels of one language."""
    data, _ = read_yaml((FOLDER / f"{lang}.yml").read_bytes(), f"labels/{lang}.yml")
    return Labels(lang, {str(k): str(v) for k, v in _flat(data).items()})


def _flat(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in data.items():
        if isinstance(v, dict):
            out.update(_flat(v, f"{prefix}{k}_"))
        else:
            out[f"{prefix}{k}"] = v
    return out
