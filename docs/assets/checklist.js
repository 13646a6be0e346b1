/* Checklists: ticks, notes and links kept in this browser's localStorage by item id; filters;
   export/import as JSON or as Markdown in the roadmap's format. Imports are validated in full before
   anything is stored; every change is read-modify-write, so several open tabs never overwrite each other. */
(() => {
  "use strict";
  const KEY = "career-framework-checklist"; // also the "format" of exported JSON
  const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:--[a-z0-9]+(?:-[a-z0-9]+)*)?$/;
  const LIMITS = { note: 5000, url: 2000, title: 600 };
  const $ = (sel, el = document) => el.querySelector(sel);
  const $$ = (sel, el = document) => [...el.querySelectorAll(sel)];
  const norm = (s) => String(s || "").replace(/\s+/g, " ").trim();
  const pct = (done, total) => (total ? Math.round((done * 100) / total) : 0);
  const own = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
  let M = {}; // UI texts, from the page's data-cf-messages
  const t = (key, vars = {}) => (M[key] || key).replace(/\{(\w+)\}/g, (_, v) => (own(vars, v) ? vars[v] : ""));

  const empty = () => ({ version: 1, items: Object.create(null) });
  const isUrl = (u) => /^(https?:\/\/[^\s]+|[^\s:]*)$/i.test(u) && !/^\/\//.test(u);

  // One stored or imported entry: only known fields, of the right types; returns an error text or null.
  function clean(id, e) {
    if (!ID.test(id)) return ["?", "id"];
    if (e === null || typeof e !== "object" || Array.isArray(e)) return [id, "not an object"];
    const out = {};
    for (const [k, v] of Object.entries(e)) {
      if (k === "done") { if (typeof v !== "boolean") return [id, "done"]; out.done = v; }
      else if (k === "note" || k === "title" || k === "updated") {
        if (typeof v !== "string" || v.length > (LIMITS[k] || 64)) return [id, k];
        if (v) out[k] = v;
      } else if (k === "url") {
        if (typeof v !== "string" || v.length > LIMITS.url || (v && !isUrl(v))) return [id, "url"];
        if (v) out.url = v;
      }
    }
    return out;
  }

  function validItems(items) {
    if (items === null || typeof items !== "object" || Array.isArray(items)) throw new Error(t("notJson"));
    const out = Object.create(null);
    for (const [id, e] of Object.entries(items)) {
      const c = clean(id, e);
      if (Array.isArray(c)) throw new Error(t("badEntry", { id: c[0].slice(0, 60), why: c[1] }));
      out[id] = c;
    }
    return out;
  }

  function load() {
    try {
      const s = JSON.parse(localStorage.getItem(KEY));
      if (s && typeof s === "object") return { version: 1, items: validItems(s.items) };
    } catch (e) { /* unreadable or invalid: start empty, the stored text stays untouched */ }
    return empty();
  }

  function init() {
    const root = $("[data-cf-checklist]");
    if (!root || root.dataset.cfReady) return;
    root.dataset.cfReady = "1";
    const lis = $$(".cf-item[data-item]");
    const byId = new Map(lis.map((li) => [li.dataset.item, li]));
    const counted = lis.filter((li) => li.dataset.scope !== "next");
    M = JSON.parse(root.dataset.cfMessages);
    let state = load();
    let filter = "all";
    const say = (msg) => { $("[data-cf-status]", root).textContent = msg; };

    function save(next) {
      try {
        localStorage.setItem(KEY, JSON.stringify(next));
        state = next;
        return true;
      } catch (e) {
        say(t("quota"));
        return false;
      }
    }

    // Renamed items keep their old ids as aliases: carry saved state over to the new id.
    const moved = load();
    let migrated = false;
    for (const li of lis) for (const old of (li.dataset.aliases || "").split(" ")) {
      if (old && moved.items[old] && !moved.items[li.dataset.item]) {
        moved.items[li.dataset.item] = moved.items[old];
        delete moved.items[old];
        migrated = true;
      }
    }
    if (migrated) save(moved);

    const entry = (id) => state.items[id] || {};
    function update(id, patch) {
      const next = load(); // read-modify-write: another tab may have saved meanwhile
      const e = { ...(next.items[id] || {}), ...patch, title: byId.get(id).dataset.title.slice(0, LIMITS.title),
        updated: new Date().toISOString() };
      if (!e.done && !e.note && !e.url) delete next.items[id];
      else next.items[id] = e;
      const ok = save(next);
      render();
      return ok;
    }

    function render() {
      let done = 0;
      const areas = {}, ahead = {};
      for (const li of lis) {
        const e = entry(li.dataset.item);
        $(".cf-check", li).checked = !!e.done;
        li.classList.toggle("cf-done", !!e.done);
        for (const f of $$("[data-field]", li)) {
          if (document.activeElement !== f) f.value = e[f.dataset.field] || "";
        }
        if (li.dataset.scope === "next") {
          const n = (ahead[li.dataset.area] ||= { done: 0, total: 0 });
          n.total++;
          n.done += !!e.done;
          continue;
        }
        const a = (areas[li.dataset.area] ||= { done: 0, total: 0 });
        a.total++;
        a.done += !!e.done;
        done += !!e.done;
      }
      $("[data-cf-done]", root).textContent = done;
      $("[data-cf-total]", root).textContent = counted.length;
      $("[data-cf-percent]", root).textContent = pct(done, counted.length);
      for (const row of $$("[data-cf-area-progress]", root)) {
        const a = areas[row.dataset.cfAreaProgress] || { done: 0, total: 0 };
        const bar = $("progress", row);
        bar.max = a.total || 1;
        bar.value = a.done;
        $("[data-cf-area-count]", row).textContent = `${a.done} / ${a.total} (${pct(a.done, a.total)}%)`;
        const next = $("[data-cf-area-next]", row);
        if (next) {
          const n = ahead[row.dataset.cfAreaProgress] || { done: 0, total: 0 };
          next.value = n.done;
          $("[data-cf-area-next-count]", row).textContent = `${n.done} / ${n.total}`;
        }
      }
      applyFilter();
      renderOrphans();
      document.dispatchEvent(new CustomEvent("cf-checklist", { detail: { areas } }));
    }

    const upto = $("[data-cf-upto]", root);
    const ladder = upto ? JSON.parse(upto.dataset.cfLevels) : {};
    // a level applies at another when both lie on one path (shared levels, or the same track) and it is not higher
    const applies = (a, b) => ladder[a] && ladder[b] && ladder[a][0] <= ladder[b][0] && (ladder[a][1] === null || ladder[a][1] === ladder[b][1]);

    function visible(li) {
      const scope = li.dataset.scope, isDone = !!entry(li.dataset.item).done;
      if (upto && upto.value && !applies(li.dataset.level, upto.value)) return false;
      if (filter === "gap") return scope === "next" || !isDone;
      if (scope === "next") return false;
      if (filter === "open") return !isDone;
      if (filter === "level") return scope === "new" || li.dataset.kind === "behaviour";
      return true;
    }

    function applyFilter() {
      for (const li of lis) li.hidden = !visible(li);
      for (const h of $$("[data-cf-group],[data-cf-area]")) {
        let el = h.nextElementSibling, any = false;
        while (el && !el.matches("[data-cf-area]") && !(h.dataset.cfGroup && el.matches("[data-cf-group]"))) {
          if ($$(".cf-item", el).concat(el.matches(".cf-item") ? [el] : []).some((li) => !li.hidden)) any = true;
          el = el.nextElementSibling;
        }
        h.hidden = !any;
      }
      for (const b of $$("[data-cf-filter]", root)) b.setAttribute("aria-checked", String(b.dataset.cfFilter === filter));
    }

    function renderOrphans() {
      const box = $("[data-cf-orphans]");
      if (!box) return;
      const gone = Object.keys(state.items).filter((id) => !byId.has(id));
      $("[data-cf-orphans-empty]", box).hidden = gone.length > 0;
      $("[data-cf-orphans-list]", box).replaceChildren(...gone.map((id) => {
        const e = state.items[id];
        const li = document.createElement("li");
        li.dataset.orphan = id;
        li.textContent = [`${e.done ? "[x]" : "[ ]"} ${e.title || id} (${id})`, e.note, e.url].filter(Boolean).join(" — ");
        return li;
      }));
    }

    function download(name, type, text) {
      const a = document.createElement("a");
      a.href = URL.createObjectURL(new Blob([text], { type }));
      a.download = name;
      document.body.append(a);
      a.click();
      a.remove();
    }

    // "## area", "### group", "- [x] item - [[note](url)]" or "- [x] item - note", then the progress block.
    function toMarkdown() {
      const titles = {};
      for (const h of $$("[data-cf-area],[data-cf-group]")) {
        const k = h.dataset.cfArea ? `a:${h.dataset.cfArea}` : `g:${h.dataset.cfGroup}`;
        titles[k] ||= h.dataset.cfTitle;
      }
      const sorted = [...counted].sort((x, y) => (x.dataset.kind === y.dataset.kind ? x.dataset.order - y.dataset.order : x.dataset.kind ? 1 : -1));
      const out = [];
      let area = null, group = null, done = 0;
      sorted.forEach((li, i) => {
        if (li.dataset.area !== area) { area = li.dataset.area; group = null; out.push(`## ${titles[`a:${area}`]}`, ""); }
        if (li.dataset.group !== group && !li.dataset.kind) { group = li.dataset.group; out.push(`### ${titles[`g:${group}`]}`, ""); }
        const e = entry(li.dataset.item);
        if (e.done) done++;
        let line = `- [${e.done ? "x" : " "}] ${li.dataset.title}`;
        const note = norm(e.note);
        if (e.url) line += ` - [[${(note || t("linkText")).replace(/([\[\]])/g, "\\$1")}](${e.url.replace(/\)/g, "%29").replace(/ /g, "%20")})]`;
        else if (note) line += ` - ${note}`;
        out.push(line);
        const after = sorted[i + 1];
        if (!after || after.dataset.group !== li.dataset.group || after.dataset.area !== area) out.push("");
      });
      out.push(t("progress", { done, total: counted.length, pct: pct(done, counted.length) }), "");
      return out.join("\n");
    }

    let index = null; // every item of the framework (title -> id), fetched for Markdown imports
    async function frameworkTitles() {
      if (index) return index;
      index = new Map(lis.map((li) => [norm(li.dataset.title), li.dataset.item]));
      try {
        const doc = await (await fetch(root.dataset.cfIndex)).json();
        for (const [id, title] of Object.entries(doc.items || {})) if (ID.test(id) && typeof title === "string") index.set(norm(title), id);
      } catch (e) { /* offline or missing: match this page's items only */ }
      return index;
    }

    async function parse(text) {
      if (/^\s*\{/.test(text)) {
        let doc;
        try { doc = JSON.parse(text); } catch (e) { throw new Error(t("notJson")); }
        if (!doc || doc.format !== KEY) throw new Error(t("notJson"));
        const other = typeof doc.framework === "string" && doc.framework !== root.dataset.framework;
        return { items: validItems(doc.items), unmatched: [], note: other ? t("otherFramework", { id: doc.framework.slice(0, 60) }) : "" };
      }
      const titles = await frameworkTitles();
      const items = Object.create(null), unmatched = [];
      for (const line of text.split(/\r?\n/)) {
        const m = line.match(/^\s*[-*] \[([ xX])\] (.+?)\s*$/);
        if (!m) continue;
        let rest = m[2], id = titles.get(norm(rest)), tail = "";
        if (!id) {
          for (let i = rest.indexOf(" - "); i > 0 && !id; i = rest.indexOf(" - ", i + 1)) {
            if ((id = titles.get(norm(rest.slice(0, i))))) tail = rest.slice(i + 3);
          }
        }
        if (!id) { unmatched.push(norm(rest).slice(0, 80)); continue; }
        const e = { done: m[1] !== " " };
        const link = tail.match(/^\[\[(.*)\]\(([^)\s]*)\)\]$/);
        if (link) {
          try { e.url = decodeURI(link[2]); } catch (err) { e.url = link[2]; }
          const note = link[1].replace(/\\([\[\]])/g, "$1");
          if (note && note !== t("linkText")) e.note = note;
        } else if (tail) e.note = tail;
        const c = clean(id, e);
        if (Array.isArray(c)) throw new Error(t("badEntry", { id, why: c[1] }));
        items[id] = c;
      }
      if (!Object.keys(items).length && !unmatched.length) throw new Error(t("nothing"));
      return { items, unmatched, note: "" };
    }

    async function importText(text) {
      let result;
      try { result = await parse(text); } catch (err) { say(t("failed", { error: err.message })); return; }
      const next = load();
      const val = (x, k) => (k === "done" ? !!x[k] : x[k] || "");
      const changes = Object.entries(result.items).filter(([id, e]) => (e.done || e.note || e.url) || next.items[id]);
      const overwrite = changes.filter(([id, e]) => next.items[id] && ["done", "note", "url"].some((k) => val(next.items[id], k) !== val(e, k)));
      if (overwrite.length && !window.confirm(t("confirmImport", { n: overwrite.length }))) { say(t("cancelled")); return; }
      for (const [id, e] of changes) {
        const merged = { ...(next.items[id] || {}), ...e, title: byId.get(id)?.dataset.title || e.title || next.items[id]?.title || id };
        if (!merged.done && !merged.note && !merged.url) delete next.items[id];
        else next.items[id] = merged;
      }
      if (!save(next)) return;
      render();
      const offPage = changes.filter(([id]) => !byId.has(id)).length;
      let msg = t("imported", { n: changes.length, note: result.note });
      if (offPage) msg += " " + t("offPage", { n: offPage });
      if (result.unmatched.length) msg += " " + t("unmatched", { n: result.unmatched.length, list: result.unmatched.join(", ") });
      say(msg);
    }

    root.addEventListener("click", (ev) => {
      const btn = ev.target.closest("[data-cf-action],[data-cf-filter]");
      if (!btn) return;
      if (btn.dataset.cfFilter) { filter = btn.dataset.cfFilter; applyFilter(); return; }
      const action = btn.dataset.cfAction;
      if (action === "export-json") {
        const doc = { format: KEY, version: 1, framework: root.dataset.framework,
          frameworkVersion: root.dataset.frameworkVersion, exportedAt: new Date().toISOString(), items: state.items };
        download(`checklist-${root.dataset.scope}.json`, "application/json", JSON.stringify(doc, null, 2));
        say(t("exported", { n: Object.keys(state.items).length }));
      } else if (action === "export-md") {
        download(`checklist-${root.dataset.scope}.md`, "text/markdown", toMarkdown());
        say(t("exportedMd"));
      } else if (action === "clear" && window.confirm(t("confirmClear"))) {
        if (save(empty())) { render(); say(t("cleared")); }
      }
    });
    if (upto) upto.addEventListener("change", applyFilter);
    for (const link of $$("[data-cf-filter-link]")) {
      link.addEventListener("click", () => { filter = link.dataset.cfFilterLink; applyFilter(); root.scrollIntoView({ block: "start" }); });
    }
    $("input[data-cf-action=import]", root).addEventListener("change", async (ev) => {
      const file = ev.target.files[0];
      if (file) await importText(await file.text());
      ev.target.value = "";
    });
    const article = root.closest("article") || document.body;
    article.addEventListener("change", (ev) => {
      const li = ev.target.closest(".cf-item");
      if (li && ev.target.matches(".cf-check")) update(li.dataset.item, { done: ev.target.checked });
    });
    article.addEventListener("input", (ev) => { // notes and links are saved as they are typed
      const li = ev.target.closest(".cf-item");
      const field = ev.target.dataset.field;
      if (!li || !field) return;
      const value = ev.target.value.slice(0, LIMITS[field]);
      if (field === "url" && value && !isUrl(value.trim())) return;
      const ok = update(li.dataset.item, { [field]: field === "url" ? value.trim() : value });
      const mark = $("[data-cf-saved]", li);
      if (mark) mark.textContent = ok ? t("saved") : "";
    });
    window.addEventListener("storage", (ev) => {
      if (ev.key !== KEY || !document.contains(root)) return;
      state = load();
      render();
      say(t("otherTab"));
    });
    render();
  }

  // Material's instant navigation swaps pages without reloading: document$ emits on each page.
  if (window.document$) window.document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
})();
