/* The interview kit as the interview's sheet (/roles/<role>/<level>/interview/, root [data-cf-kit]): candidate,
   interviewer, date and position; per question a pick, a rating and notes; the overall recommendation and its reason.

   What an interviewer types is about a candidate, so it lives in this page's memory only: never in localStorage,
   sessionStorage, cookies or the address, and never sent anywhere (the page's fields belong to no form). Leaving the
   page with entries not yet downloaded asks first (beforeunload, and under Material's instant navigation links and
   the back button). The sheet leaves the browser only by the reader's own hand: "download" writes a JSON file, "print"
   prints it or saves it as PDF, and a downloaded file can be opened again here.

   Hooks (stable, for automation): [data-cf-kit] (data-cf-kit-role, data-cf-kit-level); [data-cf-kit-field] =
   candidate | interviewer | date | position | reason (inputs) and recommendation (the fieldset of radios valued
   strong-no | no | yes | strong-yes); [data-cf-kit-question="<question id>"] with [data-cf-kit-pick],
   [data-cf-kit-rating="1".."4"] and [data-cf-kit-notes]; [data-cf-kit-picked-only]; [data-cf-kit-action] = suggest |
   download | load | print | clear. A value set from a script must be followed by an `input` event. */
(() => {
  "use strict";
  const FORMAT = "career-framework-interview-sheet";
  const RECOMMENDATIONS = ["strong-no", "no", "yes", "strong-yes"];
  const TEXTS = ["candidate", "interviewer", "date", "position", "reason"];
  const MAX_FILE = 1000000;
  const MAX_TEXT = 20000;
  let sheet = null; // the kit on the page: { root, path, saved, leaving }
  const live = () => Boolean(sheet && document.contains(sheet.root));

  const $$ = (sel, el = document) => Array.from(el.querySelectorAll(sel));
  const field = (name) => document.querySelector(`[data-cf-kit-field="${name}"]`);
  const questions = () => $$("[data-cf-kit-question]");
  const pickOf = (q) => q.querySelector("[data-cf-kit-pick]");
  const headingOf = (q) => document.getElementById(q.getAttribute("aria-labelledby"));

  function t(key, values = {}) {
    let messages = {};
    try { messages = JSON.parse(sheet.root.getAttribute("data-cf-kit-messages") || "{}"); } catch (_) { /* none */ }
    return (messages[key] || key).replace(/\{(\w+)\}/g, (m, k) => (k in values ? String(values[k]) : m));
  }

  function say(text) {
    const status = sheet.root.querySelector("[data-cf-kit-status]");
    if (status) status.textContent = text;
  }

  function mirror(el) { // the print copy of a text field
    const copy = el.nextElementSibling;
    if (copy && copy.hasAttribute("data-cf-kit-mirror")) copy.textContent = el.value;
  }

  function questionTitle(q) {
    const h = headingOf(q);
    if (!h) return "";
    return Array.from(h.childNodes).filter((n) => !(n.classList && n.classList.contains("headerlink")))
      .map((n) => n.textContent).join("").trim();
  }

  function ratingOf(q) {
    const on = q.querySelector("[data-cf-kit-rating]:checked");
    return on ? Number(on.value) : null;
  }

  /* The sheet as it stands: what a download writes and what `dirty` compares. */
  function collect() {
    const rec = document.querySelector('[data-cf-kit-field="recommendation"] input:checked');
    const out = { format: FORMAT, version: 1, framework: sheet.root.dataset.framework || "",
      framework_version: sheet.root.dataset.frameworkVersion || "", role: sheet.root.dataset.cfKitRole,
      level: sheet.root.dataset.cfKitLevel };
    for (const name of TEXTS) out[name] = field(name) ? field(name).value : "";
    out.recommendation = rec ? rec.value : null;
    out.picked_only = Boolean(document.querySelector("[data-cf-kit-picked-only]:checked"));
    out.questions = questions().map((q) => ({ id: q.dataset.cfKitQuestion, question: questionTitle(q),
      picked: pickOf(q).checked, rating: ratingOf(q), notes: q.querySelector("[data-cf-kit-notes]").value }));
    return out;
  }

  function hasEntries(doc) {
    const position = field("position");
    return ["candidate", "interviewer", "date", "reason"].some((k) => doc[k].trim() !== "")
      || (position && doc.position !== position.defaultValue) || doc.recommendation !== null
      || doc.questions.some((q) => q.picked || q.rating !== null || q.notes.trim() !== "");
  }

  function dirty() {
    if (!live() || sheet.leaving) return false;
    const doc = collect();
    return hasEntries(doc) && JSON.stringify(doc) !== sheet.saved;
  }

  function markSaved() { sheet.saved = JSON.stringify(collect()); }

  /* "Picked only": unpicked questions, and areas left without one, are hidden on screen and in print. */
  function filter() {
    const only = Boolean(document.querySelector("[data-cf-kit-picked-only]:checked"));
    const shown = new Set();
    let picked = 0;
    for (const q of questions()) {
      const on = pickOf(q).checked;
      picked += on ? 1 : 0;
      const off = only && !on;
      for (const el of [q, headingOf(q)]) if (el) { el.classList.toggle("cf-kit-off", off); el.classList.toggle("cf-kit-picked", on); }
      if (!off) shown.add(q.dataset.cfKitArea);
    }
    for (const h of $$("[data-cf-kit-area-heading]")) h.classList.toggle("cf-kit-off", !shown.has(h.dataset.cfKitAreaHeading));
    const count = sheet.root.querySelector("[data-cf-kit-count]");
    if (count) count.textContent = only && !picked ? t("none_picked") : t("count", { picked, total: questions().length });
  }

  function suggest(n) {
    for (const q of questions()) {
      const rank = Number(q.querySelector("[data-cf-kit-suggest]").dataset.cfKitSuggest);
      pickOf(q).checked = rank < n;
    }
    filter();
    say(t("suggested", { n }));
  }

  function fill(doc) { // a sheet read from a file, or an empty one
    for (const name of TEXTS) {
      const el = field(name);
      if (el) { el.value = name in doc ? doc[name] : el.defaultValue; mirror(el); }
    }
    for (const r of $$('[data-cf-kit-field="recommendation"] input')) r.checked = r.value === doc.recommendation;
    const only = document.querySelector("[data-cf-kit-picked-only]");
    if (only) only.checked = Boolean(doc.picked_only);
    const byId = new Map((doc.questions || []).map((q) => [q.id, q]));
    for (const q of questions()) {
      const entry = byId.get(q.dataset.cfKitQuestion) || {};
      pickOf(q).checked = Boolean(entry.picked);
      for (const r of $$("[data-cf-kit-rating]", q)) r.checked = Number(r.value) === entry.rating;
      const notes = q.querySelector("[data-cf-kit-notes]");
      notes.value = entry.notes || "";
      mirror(notes);
    }
    filter();
  }

  function download() {
    const doc = collect();
    doc.saved = new Date().toISOString();
    const day = /^\d{4}-\d{2}-\d{2}$/.test(doc.date) ? doc.date : doc.saved.slice(0, 10);
    const name = `interview-${doc.role}-${doc.level}-${day}.json`;
    const url = URL.createObjectURL(new Blob([JSON.stringify(doc, null, 2) + "\n"], { type: "application/json" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = name;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
    markSaved();
    say(t("downloaded", { file: name }));
  }

  /* A file is read in full before anything changes: the wrong kind of file, another kit's sheet or a bad value
     changes nothing and says why. */
  function problem(doc) {
    const text = (v) => typeof v === "string" && v.length <= MAX_TEXT;
    if (!doc || typeof doc !== "object" || doc.format !== FORMAT || doc.version !== 1) return t("reason_format");
    if (doc.role !== sheet.root.dataset.cfKitRole || doc.level !== sheet.root.dataset.cfKitLevel) {
      return t("reason_kit", { role: String(doc.role), level: String(doc.level) });
    }
    for (const name of TEXTS) if (name in doc && !text(doc[name])) return t("reason_value", { field: name });
    if (doc.recommendation != null && !RECOMMENDATIONS.includes(doc.recommendation)) return t("reason_value", { field: "recommendation" });
    if (!Array.isArray(doc.questions)) return t("reason_value", { field: "questions" });
    for (const q of doc.questions) {
      const ok = q && typeof q === "object" && typeof q.id === "string" && (q.rating == null || [1, 2, 3, 4].includes(q.rating))
        && (q.notes == null || text(q.notes)) && (q.picked == null || typeof q.picked === "boolean");
      if (!ok) return t("reason_value", { field: `questions: ${q && typeof q.id === "string" ? q.id : "?"}` });
    }
    return null;
  }

  async function load(input) {
    const file = input.files && input.files[0];
    input.value = "";
    if (!file) return;
    const bad = (reason) => say(t("bad_file", { file: file.name, reason }));
    if (file.size > MAX_FILE) { bad(t("reason_size")); return; }
    let doc;
    try { doc = JSON.parse(await file.text()); } catch (_) { bad(t("reason_json")); return; }
    const why = problem(doc);
    if (why) { bad(why); return; }
    if (hasEntries(collect()) && !window.confirm(t("overwrite"))) return;
    fill(doc);
    markSaved();
    const known = new Set(questions().map((q) => q.dataset.cfKitQuestion));
    const missing = doc.questions.map((q) => q.id).filter((id) => !known.has(id));
    say(t("loaded", { file: file.name }) + (missing.length ? " " + t("not_in_kit", { n: missing.length, ids: missing.join(", ") }) : ""));
  }

  function clear() {
    if (hasEntries(collect()) && !window.confirm(t("clear"))) return;
    fill({ questions: [] });
    markSaved();
    say(t("cleared"));
  }

  function act(button) {
    const action = button.dataset.cfKitAction;
    if (action === "suggest") suggest(Number(button.dataset.cfKitN));
    else if (action === "download") download();
    else if (action === "print") window.print();
    else if (action === "clear") clear();
  }

  function init() {
    const root = document.querySelector("[data-cf-kit]");
    if (!root || root.hasAttribute("data-cf-kit-ready")) return;
    root.setAttribute("data-cf-kit-ready", "");
    sheet = { root, path: location.pathname, saved: "", leaving: false };
    document.documentElement.classList.add("cf-kit-live"); // print shows the copies of the fields, not the fields
    window.addEventListener("beforeunload", beforeUnload);
    for (const el of $$("[data-cf-kit-js]")) el.hidden = false;
    for (const name of TEXTS) if (field(name)) mirror(field(name));
    filter();
    markSaved();
  }

  /* One set of listeners for the document (pages come and go under instant navigation), acting only while a kit is
     on the page. */
  document.addEventListener("input", (ev) => {
    const el = ev.target;
    if (live() && (el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement)) mirror(el);
  });
  document.addEventListener("change", (ev) => {
    const el = ev.target;
    if (!live() || !(el instanceof HTMLInputElement)) return;
    if (el.matches("[data-cf-kit-pick], [data-cf-kit-picked-only]")) filter();
    if (el.matches('[data-cf-kit-action="load"]')) load(el);
  });
  document.addEventListener("click", (ev) => {
    const button = ev.target instanceof Element ? ev.target.closest("button[data-cf-kit-action]") : null;
    if (button && live()) act(button);
  });

  function reset() {
    if (!sheet || document.contains(sheet.root)) return;
    sheet = null;
    document.documentElement.classList.remove("cf-kit-live");
    window.removeEventListener("beforeunload", beforeUnload); // other pages keep the browser's back-forward cache
  }

  /* Asking before the sheet is lost: a reload, closing the tab, typing an address or going back to another document
     (beforeunload); a link that Material's instant navigation would follow (the click is caught before it reaches
     Material); the back and forward buttons between pages of one document, which instant navigation makes (the
     Navigation API's cancelable traversal, where the browser has it: Material handles `popstate` before any other
     script could). */
  function beforeUnload(ev) {
    if (!dirty()) return;
    ev.preventDefault();
    ev.returnValue = "";
  }
  document.addEventListener("click", (ev) => {
    if (ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey || !dirty()) return;
    const a = ev.target instanceof Element ? ev.target.closest("a[href]") : null;
    if (!a || a.target || a.hasAttribute("download")) return;
    const url = new URL(a.href, location.href);
    if (url.origin !== location.origin) return; // a full navigation: beforeunload asks
    if (url.pathname === location.pathname && url.search === location.search) return; // a place on this page
    if (window.confirm(t("leave"))) sheet.leaving = true;
    else { ev.preventDefault(); ev.stopPropagation(); }
  }, true);
  if (window.navigation) { // the back and forward buttons, where the browser lets a page stay (Navigation API)
    window.navigation.addEventListener("navigate", (ev) => {
      if (ev.navigationType !== "traverse" || !ev.cancelable || !dirty()) return;
      if (new URL(ev.destination.url).pathname === sheet.path) return; // a place on this page
      if (window.confirm(t("leave"))) sheet.leaving = true;
      else ev.preventDefault();
    });
  }

  function start() { reset(); init(); }
  if (window.document$) window.document$.subscribe(start);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
