"""Static redirect pages for old URLs (renamed roles, levels, areas, families), keeping the #anchor."""
from __future__ import annotations

from jinja2 import Environment

from ..core import escape
from ..core.text import Language


def redirect_html(env: Environment, target_url: str, lang: Language) -> str:
    """A page that sends the browser to `target_url` (a relative URL we made), with the old #anchor."""
    return env.get_template("redirect.html.j2").render(target=target_url, target_json=escape.json_script(target_url),
                                                       lang=lang)
