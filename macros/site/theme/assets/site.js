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

/* A copy button beside a read-only field ([data-cf-copy-button] after [data-cf-copy]) copies the field's value. */
(() => {
  "use strict";
  document.addEventListener("click", async (event) => {
    const button = event.target instanceof Element ? event.target.closest("[data-cf-copy-button]") : null;
    if (!button) return;
    const field = button.parentElement && button.parentElement.querySelector("[data-cf-copy]");
    if (!field) return;
    field.select();
    let copied = false;
    try {
      await navigator.clipboard.writeText(field.value);
      copied = true;
    } catch (_) {
      copied = document.execCommand && document.execCommand("copy");
    }
    if (!copied) return;
    const label = button.textContent;
    button.textContent = button.getAttribute("data-cf-copied") || label;
    setTimeout(() => { button.textContent = label; }, 1500);
  });
})();

/* Material reads a sitemap.xml beside each <link rel="alternate"> of a page, expecting each to name an edition's home
   (to keep the reader's place when they switch language). Ours name this same page in each edition (hreflang, as search
   engines want), so each read asked for <page>/sitemap.xml: a 404, logged as an error, on every page but the homes. Our
   language selector already links the same page in the other edition (theme/partials/alternate.html), so those reads
   are answered here as failed, without a request, as the 404 was; the edition's own sitemap, which instant navigation
   reads, is read as before. */
(() => {
  "use strict";
  let own;
  try {
    const base = JSON.parse(document.getElementById("__config").textContent).base;
    own = new URL("sitemap.xml", new URL(base.replace(/\/?$/, "/"), location.href)).href;
  } catch (e) {
    return; // not Material's page layout: nothing to do
  }
  const open = XMLHttpRequest.prototype.open;
  const send = XMLHttpRequest.prototype.send;
  const skipped = new WeakSet();
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    let target = null;
    try { target = new URL(url, location.href); } catch (e) { /* open() reports it */ }
    if (target && target.origin === location.origin && target.pathname.endsWith("/sitemap.xml") && target.href !== own) {
      skipped.add(this);
    } else {
      skipped.delete(this);
    }
    return open.call(this, method, url, ...rest);
  };
  XMLHttpRequest.prototype.send = function (...args) {
    if (!skipped.has(this)) return send.apply(this, args);
    setTimeout(() => this.dispatchEvent(new ProgressEvent("error")));
    return undefined;
  };
})();
