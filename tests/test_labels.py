"""UI labels exist in every language, with the same placeholders."""
from __future__ import annotations

import re

from macros.core.text import LANGUAGES
from macros.site.labels import load_labels


def test_every_label_in_every_language_with_the_same_placeholders() -> None:
    ko = load_labels("ko")
    for lang in LANGUAGES:
        other = load_labels(lang)
        assert other.keys() == ko.keys(), lang
        for key in sorted(ko.keys()):
            assert set(re.findall(r"\{(\w+)\}", other[key])) == set(re.findall(r"\{(\w+)\}", ko[key])), (lang, key)
