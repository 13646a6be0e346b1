/* Checklists: ticks, notes and links kept in this browser's localStorage by item id;
   export/import as JSON or as Markdown in the roadmap's format. */
(() => {
  "use strict";
  const KEY = "career-framework-checklist"; // also the "format" of exported JSON
  const $ = (sel, el = document) => el.querySelector(sel);
  const $$ = (sel, el = document) => [...el.querySelectorAll(sel)];
  const norm = (s) => String(s || "").replace(/\s+/g, " ").trim();
  const pct = (done, total) => (total ? Math.round((done * 100) / total) : 0);
  let M = {}; // UI texts, from the page's data-cf-messages
  const t = (key, vars = {}) => (M[key] || key).replace(/\{(\w+)\}/g, (_, v) => vars[v]);
  function el(tag, content, attrs = {}) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
    node.append(content);
    return node;
  }

  function load() {
    try {
      const s = JSON.parse(localStorage.getItem(KEY));
      if (s?.items) return s;
    } catch (e) { /* unreadable: start empty */ }
    return { version: 1, items: {} };
  }
  const save = (state) => localStorage.setItem(KEY, JSON.stringify(state));

  function init() {
    const root = $("[data-cf-checklist]");
    if (!root || root.dataset.cfReady) return;
    root.dataset.cfReady = "1";
    const lis = $$(".cf-item[data-item]");
    const byId = new Map(lis.map((li) => [li.dataset.item, li]));
    M = JSON.parse(root.dataset.cfMessages);
    let state = load();

    // Renamed items keep their old ids as aliases: carry saved state over to the new id.
    for (const li of lis) for (const old of (li.dataset.aliases || "").split(" ")) {
      if (old && state.items[old] && !state.items[li.dataset.item]) {
        state.items[li.dataset.item] = state.items[old];
        delete state.items[old];
        save(state);
      }
    }

    const entry = (id) => state.items[id] || {};
    function update(id, patch) {
      const e = { ...entry(id), ...patch, title: byId.get(id).dataset.title, updated: new Date().toISOString() };
      if (!e.done && !e.note && !e.url) delete state.items[id];
      else state.items[id] = e;
      save(state);
      render();
    }

    function render() {
      let done = 0;
      const areas = {};
      for (const li of lis) {
        const e = entry(li.dataset.item);
        $(".cf-check", li).checked = !!e.done;
        li.classList.toggle("cf-done", !!e.done);
        for (const f of $$("[data-field]", li)) {
          if (document.activeElement !== f) f.value = e[f.dataset.field] || "";
        }
        const a = (areas[li.dataset.area] ||= { done: 0, total: 0 });
        a.total++;
        a.done += !!e.done;
        done += !!e.done;
      }
      $("[data-cf-done]", root).textContent = done;
      $("[data-cf-total]", root).textContent = lis.length;
      $("[data-cf-percent]", root).textContent = pct(done, lis.length);
      for (const row of $$("[data-cf-area-progress]", root)) {
        const a = areas[row.dataset.cfAreaProgress] || { done: 0, total: 0 };
        const bar = $("progress", row);
        bar.max = a.total || 1;
        bar.value = a.done;
        $("[data-cf-area-count]", row).textContent = `${a.done} / ${a.total} (${pct(a.done, a.total)}%)`;
      }
      renderGap();
      renderOrphans();
    }

    function renderGap() {
      let open = 0;
      for (const li of $$("[data-gap-item]")) {
        const isDone = !!entry(li.dataset.gapItem).done;
        li.classList.toggle("cf-done", isDone);
        if (li.closest("[data-cf-open]")) { li.hidden = isDone; open += !isDone; }
        else $("[data-cf-gap-state]", li).textContent = isDone ? t("done") : "";
      }
      const count = $("[data-cf-open-count]");
      if (count) count.textContent = open;
    }

    function renderOrphans() {
      const box = $("[data-cf-orphans]");
      if (!box) return;
      const gone = Object.keys(state.items).filter((id) => !byId.has(id));
      $("[data-cf-orphans-empty]", box).hidden = gone.length > 0;
      $("[data-cf-orphans-list]", box).replaceChildren(...gone.map((id) => {
        const e = state.items[id];
        const text = [`${e.done ? "[x]" : "[ ]"} ${e.title || id} (${id})`, e.note, e.url].filter(Boolean).join(" — ");
        return el("li", text, { "data-orphan": id });
      }));
    }

    const say = (msg) => { $("[data-cf-status]", root).textContent = msg; };

    function download(name, type, text) {
      const a = el("a", "", { href: URL.createObjectURL(new Blob([text], { type })), download: name });
      document.body.append(a);
      a.click();
      a.remove();
    }

    // "## area", "### group", "- [x] item - [[title](url)]", then the progress block.
    function toMarkdown() {
      const titles = {};
      for (const h of $$("[data-cf-area],[data-cf-group]")) {
        const k = h.dataset.cfArea ? `a:${h.dataset.cfArea}` : `g:${h.dataset.cfGroup}`;
        titles[k] ||= h.dataset.cfTitle;
      }
      const sorted = [...lis].sort((x, y) => x.dataset.order - y.dataset.order);
      const out = [];
      let area = null, group = null, done = 0;
      sorted.forEach((li, i) => {
        if (li.dataset.area !== area) { area = li.dataset.area; group = null; out.push(`## ${titles[`a:${area}`]}`, ""); }
        if (li.dataset.group !== group) { group = li.dataset.group; out.push(`### ${titles[`g:${group}`]}`, ""); }
        const e = entry(li.dataset.item);
        if (e.done) done++;
        let line = `- [${e.done ? "x" : " "}] ${li.dataset.title}`;
        if (e.url) {
          const text = norm((e.note || "").split("\n")[0]) || t("linkText");
          line += ` - [[${text.replace(/([\[\]])/g, "\\$1")}](${e.url.replace(/\)/g, "%29").replace(/ /g, "%20")})]`;
        }
        out.push(line);
        if (sorted[i + 1]?.dataset.group !== group) out.push("");
      });
      out.push(t("progress", { done, total: lis.length, pct: pct(done, lis.length) }), "");
      return out.join("\n");
    }

    function parse(text) {
      if (/^\s*\{/.test(text)) {
        const doc = JSON.parse(text);
        if (doc.format !== KEY || typeof doc.items !== "object") throw new Error(t("notJson"));
        const other = doc.framework && doc.framework !== root.dataset.framework;
        return { items: doc.items, unmatched: [], note: other ? t("otherFramework", { id: doc.framework }) : "" };
      }
      const ids = new Map(lis.map((li) => [norm(li.dataset.title), li.dataset.item]));
      const items = {}, unmatched = [];
      for (const line of text.split(/\r?\n/)) {
        const m = line.match(/^\s*[-*] \[([ xX])\] (.+?)(?: - \[\[(.*)\]\(([^)\s]*)\)\])?\s*$/);
        if (!m) continue;
        const id = ids.get(norm(m[2]));
        if (!id) { unmatched.push(norm(m[2])); continue; }
        const e = { done: m[1] !== " " };
        if (m[4]) {
          e.url = decodeURI(m[4]);
          const text = m[3].replace(/\\([\[\]])/g, "$1");
          if (text && text !== t("linkText")) e.note = text;
        }
        items[id] = e;
      }
      if (!Object.keys(items).length && !unmatched.length) throw new Error(t("nothing"));
      return { items, unmatched, note: "" };
    }

    function importText(text) {
      let result;
      try { result = parse(text); } catch (err) { say(t("failed", { error: err.message })); return; }
      const val = (x, k) => (k === "done" ? !!x[k] : x[k] || "");
      const changed = Object.entries(result.items).filter(([id, e]) => {
        const old = state.items[id];
        return old && ["done", "note", "url"].some((k) => k in e && val(old, k) !== val(e, k));
      });
      if (changed.length && !window.confirm(t("confirmImport", { n: changed.length }))) {
        say(t("cancelled"));
        return;
      }
      for (const [id, e] of Object.entries(result.items)) {
        state.items[id] = { ...state.items[id], ...e, title: byId.get(id)?.dataset.title || e.title || id };
      }
      save(state);
      render();
      const offPage = Object.keys(result.items).filter((id) => !byId.has(id)).length;
      let msg = t("imported", { n: Object.keys(result.items).length, note: result.note });
      if (offPage) msg += " " + t("offPage", { n: offPage });
      if (result.unmatched.length) msg += " " + t("unmatched", { n: result.unmatched.length, list: result.unmatched.join(", ") });
      say(msg);
    }

    root.addEventListener("click", (ev) => {
      const action = ev.target.closest("[data-cf-action]")?.dataset.cfAction;
      if (action === "export-json") {
        const doc = { format: KEY, version: 1, framework: root.dataset.framework,
          frameworkVersion: root.dataset.frameworkVersion, exportedAt: new Date().toISOString(), items: state.items };
        download(`checklist-${root.dataset.scope}.json`, "application/json", JSON.stringify(doc, null, 2));
        say(t("exported", { n: Object.keys(state.items).length }));
      }
      if (action === "export-md") {
        download(`checklist-${root.dataset.scope}.md`, "text/markdown", toMarkdown());
        say(t("exportedMd"));
      }
      if (action === "clear" && window.confirm(t("confirmClear"))) {
        state = { version: 1, items: {} };
        save(state);
        render();
        say(t("cleared"));
      }
    });
    $("input[data-cf-action=import]", root).addEventListener("change", async (ev) => {
      const file = ev.target.files[0];
      if (file) importText(await file.text());
      ev.target.value = "";
    });
    (root.closest("article") || document.body).addEventListener("change", (ev) => {
      const li = ev.target.closest(".cf-item");
      if (!li) return;
      if (ev.target.matches(".cf-check")) update(li.dataset.item, { done: ev.target.checked });
      else if (ev.target.dataset.field) update(li.dataset.item, { [ev.target.dataset.field]: ev.target.value.trim() });
    });
    render();
  }

  // Material's instant navigation swaps pages without reloading: document$ emits on each page.
  if (window.document$) window.document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
})();
