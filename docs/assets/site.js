/* Small fixes for every page: a table wider than the page scrolls inside its own box, and a keyboard can reach it. */
(() => {
  "use strict";
  function focusableScrolls() {
    for (const box of document.querySelectorAll(".md-typeset__scrollwrap, .cf-matrix-wrap")) {
      const scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        const caption = box.querySelector("caption, th");
        box.setAttribute("aria-label", caption ? caption.textContent.trim().slice(0, 60) : "table");
      }
    }
  }
  if (window.document$) window.document$.subscribe(focusableScrolls);
  else document.addEventListener("DOMContentLoaded", focusableScrolls);
  window.addEventListener("resize", focusableScrolls);
})();
