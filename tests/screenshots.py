"""`make screenshots`: the README's pictures of the site, taken in Chromium from a fresh build.

Builds the Korean edition into a temporary folder, serves it on localhost and saves the top of the home,
a JD, a role matrix, a level checklist (a few boxes ticked) and an interview kit, at 1280 and 390 px wide,
into docs/screenshots/ (kept out of the site by `exclude_docs`).
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import browser
from conftest import ROOT, build_site

OUT = ROOT / "docs" / "screenshots"
PAGES = {
    "home": "/",
    "jd": "/roles/python-backend/senior/",
    "matrix": "/roles/python-backend/matrix/",
    "checklist": "/roles/python-backend/mid/checklist/",
    "kit": "/roles/python-backend/senior/interview/",
}
WIDTHS = {"desktop": (1280, 800), "phone": (390, 844)}
TICKED = ("gil", "garbage-collection", "pytest", "docker", "rest-api-design")


def main() -> None:
    path = browser.chromium_path()
    if path is None:
        sys.exit("no Chromium or Chrome found: set CHROME_PATH, or apt-get install chromium")
    from playwright.sync_api import sync_playwright

    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="career-shots-") as tmp:
        for url in browser.serve(Path(tmp)):
            result = build_site(ROOT, Path(tmp), site_url=url + "/")
            if result.returncode != 0:
                sys.exit(result.stderr)
            with sync_playwright() as p:
                b = p.chromium.launch(executable_path=path, args=browser.CHROMIUM_ARGS)
                for device, (width, height) in WIDTHS.items():
                    context = b.new_context(base_url=url, viewport={"width": width, "height": height},
                                            device_scale_factor=1)
                    page = context.new_page()
                    for name, address in PAGES.items():
                        page.goto(address)
                        if name == "checklist":
                            for item in TICKED:
                                box = page.locator(f"#cf-{item}")
                                if box.count():
                                    box.check()
                            page.evaluate("window.scrollTo(0, 0)")
                        page.wait_for_timeout(400)  # let the header's title transition finish
                        target = OUT / f"{name}-{device}.png"
                        page.screenshot(path=str(target))
                        print(f"wrote {target.relative_to(ROOT)}", file=sys.stderr)
                    context.close()
                b.close()


if __name__ == "__main__":
    main()
