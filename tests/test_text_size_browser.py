"""Legible text in Chromium (issue 25): on a 390 px phone no visible text of the product pages is under 12 px (Lighthouse's
floor for legible text; item descriptions were 10 px, half of a JD's text), the small grey lines keep WCAG AA contrast,
the provenance line reads "출처: <file>:<line> · …" with its label, and at desktop width no word in a table breaks in the
middle ("Junio/r" on /levels/, from Material's `word-break: break-word` on links)."""
from __future__ import annotations

from collections.abc import Iterator

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.slow]

#: The pages a reader opens on a phone: the four the issue names first, then one of every other page kind.
PHONE_PAGES = {
    "jd": "/roles/python-backend/senior/",
    "checklist": "/roles/python-backend/mid/checklist/",
    "area": "/competencies/data-storage/",
    "matrix": "/roles/python-backend/matrix/",
    "matrix-area": "/roles/python-backend/matrix/data-storage/",
    "kit": "/roles/python-backend/senior/interview/",
    "diff": "/roles/python-backend/mid-to-senior/",
    "home": "/",
    "levels": "/levels/",
    "level": "/levels/senior/",
    "competencies": "/competencies/",
    "roles": "/roles/",
    "role": "/roles/python-backend/",
    "whole-checklist": "/checklist/",
    "progression": "/progression/",
    "kpis": "/kpis/",
    "roadmap": "/roadmap/",
    "glossary": "/glossary/",
    "interview": "/interview/",
    "bank": "/interview/backend-architecture/",
    "changelog": "/changelog/",
    "linking": "/linking/",
    "benchmarks": "/benchmarks/",
    "records": "/records/",
    "record": "/records/record/",
    "packet": "/records/packet/",
    "team": "/team/",
}
FLOOR = 12.0

#: Every visible text node of the page: its computed font-size, its element and the start of its text. Visible: it has
#: a box on screen (closed <details>, display:none, `hidden` have none) and is not hidden from sight by visibility,
#: opacity or Material's visually-hidden helper (text for screen readers only).
TEXT_NODES = r"""() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent.trim(), el = node.parentElement;
    if (!text || !el || el.closest('script, style, noscript, template, .md-visually-hidden, .cf-sr')) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    if (![...range.getClientRects()].some(r => r.width > 0 && r.height > 0)) continue;
    const style = getComputedStyle(el);
    if (style.visibility !== 'visible' || parseFloat(style.opacity) === 0) continue;
    const cls = typeof el.className === 'string' && el.className ? '.' + el.className.trim().split(/\s+/).join('.') : '';
    out.push({size: parseFloat(style.fontSize), where: el.tagName.toLowerCase() + cls, text: text.slice(0, 40)});
  }
  return out;
}"""

#: The contrast of each element's text colour with the page's background (its alpha blended over it), WCAG's formula.
CONTRAST = r"""(selector) => {
  const rgba = s => { const m = s.match(/[\d.]+/g).map(Number); return [m[0], m[1], m[2], m.length > 3 ? m[3] : 1]; };
  const lum = c => { const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
                     return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]); };
  const bg = rgba(getComputedStyle(document.body).backgroundColor);
  return [...document.querySelectorAll(selector)].filter(el => el.getClientRects().length).map(el => {
    const fg = rgba(getComputedStyle(el).color);
    const mixed = [0, 1, 2].map(i => fg[i] * fg[3] + bg[i] * (1 - fg[3]));
    const [a, b] = [lum(mixed), lum(bg)].sort((x, y) => y - x);
    return (a + 0.05) / (b + 0.05);
  });
}"""

#: The words of the table cells under `selector` whose letters are not all on one line. A word: what lies between
#: spaces and the places a line may break anyway ("1–3년차" may break after the dash, "a/b" after the slash).
BROKEN_WORDS = r"""(selector) => {
  const broken = [];
  for (const cell of document.querySelectorAll(selector)) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const word = /[^\s\u2013\u2014\/-]+/g;
      for (let m; (m = word.exec(node.textContent));) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const lines = new Set([...range.getClientRects()].filter(r => r.width > 0).map(r => Math.round(r.bottom)));
        if (lines.size > 1) broken.push(`${m[0]} (in "${cell.textContent.trim().slice(0, 30)}")`);
      }
    }
  }
  return broken;
}"""


@pytest.fixture(scope="module")
def phone(chromium, base_url: str) -> Iterator[object]:
    context = chromium.new_context(base_url=base_url, viewport={"width": 390, "height": 844}, device_scale_factor=3,
                                   is_mobile=True, has_touch=True)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture(scope="module")
def desktop(chromium, base_url: str) -> Iterator[object]:
    context = chromium.new_context(base_url=base_url, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize("kind", PHONE_PAGES)
def test_no_visible_text_is_under_12_px_on_a_phone(phone, kind: str) -> None:
    phone.goto(PHONE_PAGES[kind], wait_until="load")
    nodes = phone.evaluate(TEXT_NODES)
    assert len(nodes) > 20, f"{kind}: no text found"
    small = [f"{n['size']:g}px {n['where']}: {n['text']!r}" for n in nodes if n["size"] < FLOOR]
    assert not small, f"{kind} ({PHONE_PAGES[kind]}) at 390 px: {len(small)} of {len(nodes)} visible texts under " \
                      f"{FLOOR:g} px:\n" + "\n".join(sorted(set(small))[:40])


def test_the_small_grey_lines_are_read_and_keep_aa_contrast(phone) -> None:
    """Item descriptions (JD, checklist) and the provenance line (area page): present, so the check above saw them,
    12 px or more, and 4.5:1 against the page."""
    for kind, selectors in (("jd", (".cf-desc",)), ("checklist", (".cf-desc",)), ("area", (".cf-source", ".cf-source-label"))):
        phone.goto(PHONE_PAGES[kind], wait_until="load")
        for selector in selectors:
            sizes = phone.locator(selector).evaluate_all("els => els.filter(e => e.getClientRects().length)"
                                                         ".map(e => parseFloat(getComputedStyle(e).fontSize))")
            assert len(sizes) >= 5 and min(sizes) >= FLOOR, (kind, selector, sizes[:5])
            ratios = phone.evaluate(CONTRAST, selector)
            assert min(ratios) >= 4.5, (kind, selector, min(ratios))


def test_the_provenance_line_is_a_labelled_line(phone) -> None:
    """"출처:" starts the line, on the same line as the file it names, not a bare word trailing the item."""
    phone.goto(PHONE_PAGES["area"], wait_until="load")
    line = phone.locator("p.cf-source[data-search-exclude]").first
    text = line.inner_text()
    assert text.startswith("출처: framework/competencies/") and ".yml:" in text, text
    label, path = line.locator(".cf-source-label"), line.locator("code").first
    assert label.inner_text() == "출처:"
    assert abs(label.bounding_box()["y"] - path.evaluate("c => c.getClientRects()[0].top")) < 8  # on one line


def test_no_word_breaks_in_the_middle_in_a_table_at_desktop_width(desktop) -> None:
    desktop.goto("/levels/", wait_until="load")
    assert desktop.evaluate(BROKEN_WORDS, ".md-typeset table :is(th, td)") == []
    for name in ("Junior", "Senior"):  # the level names, links in the ladder's first column: one line each
        link = desktop.locator(".md-typeset table a", has_text=name).first
        assert link.evaluate("a => a.getClientRects().length") == 1, name
    for url in ("/roles/python-backend/", "/roles/python-backend/matrix/", "/competencies/"):
        desktop.goto(url, wait_until="load")
        assert desktop.evaluate(BROKEN_WORDS, ".md-typeset table :is(th, td)") == [], url
