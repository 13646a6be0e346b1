/* Checklists: ticks, notes and links kept in this browser's localStorage by item id (through store.js, entry by
   entry: what cannot be read is set aside, shown and kept, never overwritten); filters; export/import as JSON or
   as Markdown in the roadmap's format. Imports are validated in full before anything is stored; every change is
   read-modify-write, so several open tabs never overwrite each other. Nothing stored reaches the page as markup. */
(() => {
  "use strict";
  const KEY = "career-framework-checklist"; // also the "format" of exported JSON
  const BACKUP = `${KEY}.backup`; // written by store.js
  const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:--[a-z0-9]+(?:-[a-z0-9]+)*)?$/;
  const LIMITS = { note: 5000, url: 2000, title: 600, updated: 64 };
  const WHY = { note: "whyNote", title: "whyTitle", updated: "whyUpdated" };
  const $ = (sel, el = document) => el.querySelector(sel);
  const $$ = (sel, el = document) => [...el.querySelectorAll(sel)];
  const norm = (s) => String(s || "").replace(/\s+/g, " ").trim();
  const pct = (done, total) => (total ? Math.round((done * 100) / total) : 0);
  const own = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
  let M = {}; // UI texts, from the page's data-cf-messages
  const t = (key, vars = {}) => (M[key] || key).replace(/\{(\w+)\}/g, (_, v) => (own(vars, v) ? vars[v] : ""));
  const store = window.CareerStore;

  const isUrl = (u) => /^(https?:\/\/[^\s]+|[^\s:]*)$/i.test(u) && !/^\/\//.test(u);

  /* One stored or imported entry: {value} with the known fields, of the right types, or {reason} in the reader's
     words. A stored entry with a field this version does not know is not understood (rewriting it would lose the
     field); an imported one just leaves the field out, as before. */
  function clean(id, e, stored = true) {
    if (!ID.test(id)) return { reason: t("whyId") };
    if (e === null || typeof e !== "object" || Array.isArray(e)) return { reason: t("whyEntry") };
    const value = {};
    for (const [k, v] of Object.entries(e)) {
      if (k === "done") {
        if (typeof v !== "boolean") return { reason: t("whyDone") };
        value.done = v;
      } else if (own(WHY, k)) {
        if (typeof v !== "string" || v.length > LIMITS[k]) return { reason: t(WHY[k], { max: LIMITS[k] }) };
        if (v) value[k] = v;
      } else if (k === "url") {
        if (typeof v !== "string" || v.length > LIMITS.url || (v && !isUrl(v))) return { reason: t("whyUrl", { max: LIMITS.url }) };
        if (v) value.url = v;
      } else if (stored) return { reason: t("whyField", { field: k.slice(0, 40) }) };
    }
    return { value };
  }

  function validItems(items) { // an import: every entry valid, or nothing
    if (items === null || typeof items !== "object" || Array.isArray(items)) throw new Error(t("notJson"));
    const out = Object.create(null);
    for (const [id, e] of Object.entries(items)) {
      const c = clean(id, e, false);
      if (c.reason) throw new Error(t("badEntry", { id: id.slice(0, 60), why: c.reason }));
      out[id] = c.value;
    }
    return out;
  }

  const load = () => store.read(KEY, clean);

  // Markdown: titles and notes stay literal text (backslash escapes); a note's further lines are indented under its item.
  const mdEscape = (s) => String(s).replace(/[\\`*_[\]<#|~]/g, "\\$&").replace(/&(?=#?\w+;)/g, "\\&");
  const mdLine = (s) => mdEscape(s).replace(/^(\s*)([-+=>])/, "$1\\$2").replace(/^(\s*\d+)([.)])/, "$1\\$2");
  const mdUnescape = (s) => s.replace(/\\([!-\/:-@[-`{-~])/g, "$1");
  function noteLines(note) { // trailing spaces would be a Markdown line break; blank lines around the note are dropped
    const lines = String(note || "").split(/\r\n?|\n/).map((l) => l.trimEnd());
    while (lines.length && !lines[0]) lines.shift();
    while (lines.length && !lines[lines.length - 1]) lines.pop();
    return lines;
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
    const held = (rec) => new Set(rec.setAside.map((s) => s.id)); // ids whose stored entry is set aside

    function save(next) {
      const unreadable = next.problem;
      if (!store.write(next)) {
        say(t("quota"));
        return false;
      }
      state = next;
      if (unreadable) say(t("backedUp", { key: BACKUP }));
      return true;
    }

    // Renamed items keep their old ids as aliases: carry saved state over to the new id.
    const moved = load();
    const movedHeld = held(moved);
    let migrated = false;
    for (const li of lis) for (const old of (li.dataset.aliases || "").split(" ")) {
      const id = li.dataset.item;
      if (old && moved.entries[old] && !moved.entries[id] && !movedHeld.has(id)) {
        moved.entries[id] = moved.entries[old];
        delete moved.entries[old];
        migrated = true;
      }
    }
    if (migrated) save(moved);

    const entry = (id) => state.entries[id] || {};
    function update(id, patch) {
      const next = load(); // read-modify-write: another tab may have saved meanwhile
      if (held(next).has(id)) { // its stored entry is set aside: only deleting it frees the item
        state = next;
        render();
        say(t("heldBack", { id }));
        return false;
      }
      const e = { ...(next.entries[id] || {}), ...patch, title: byId.get(id).dataset.title.slice(0, LIMITS.title),
        updated: new Date().toISOString() };
      if (!e.done && !e.note && !e.url) delete next.entries[id];
      else next.entries[id] = e;
      const ok = save(next);
      render();
      return ok;
    }

    function render() {
      let done = 0;
      const areas = {}, ahead = {}, setAside = held(state);
      for (const li of lis) {
        const e = entry(li.dataset.item);
        const check = $(".cf-check", li);
        check.checked = !!e.done;
        check.disabled = setAside.has(li.dataset.item);
        li.classList.toggle("cf-done", !!e.done);
        for (const f of $$("[data-field]", li)) {
          if (document.activeElement !== f) f.value = e[f.dataset.field] || "";
          f.disabled = check.disabled;
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
      renderSetAside();
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
      const gone = Object.keys(state.entries).filter((id) => !byId.has(id));
      $("[data-cf-orphans-empty]", box).hidden = gone.length > 0;
      $("[data-cf-orphans-list]", box).replaceChildren(...gone.map((id) => {
        const e = state.entries[id];
        const li = document.createElement("li");
        li.dataset.orphan = id;
        li.textContent = [`${e.done ? "[x]" : "[ ]"} ${e.title || id} (${id})`, e.note, e.url].filter(Boolean).join(" — ");
        return li;
      }));
    }

    const el = (tag, props) => Object.assign(document.createElement(tag), props);
    function renderSetAside() { // what the stored record holds but this version cannot read: listed as text, kept
      const box = $("[data-cf-set-aside]", root);
      box.hidden = !state.setAside.length && !state.problem;
      const unreadable = $("[data-cf-unreadable]", box);
      unreadable.hidden = !state.problem;
      unreadable.textContent = state.problem ? t("unreadable", { key: BACKUP }) : "";
      $("[data-cf-set-aside-intro]", box).hidden = !state.setAside.length;
      $("[data-cf-set-aside-list]", box).replaceChildren(...state.setAside.map((s) => {
        const li = el("li");
        li.dataset.setAside = s.id;
        const del = el("button", { type: "button", className: "md-button", textContent: t("deleteSetAside") });
        del.dataset.cfAction = "delete-set-aside";
        del.dataset.id = s.id;
        del.setAttribute("aria-label", t("deleteSetAsideOf", { id: s.id.slice(0, 60) }));
        const raw = JSON.stringify(s.raw) ?? String(s.raw);
        li.append(el("code", { textContent: s.id }), ` — ${s.reason} `,
          el("span", { className: "cf-set-aside-raw", textContent: raw.length > 80 ? `${raw.slice(0, 80)}…` : raw }), " ", del);
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

    // "## area", "### group", "- [x] item - [[note](url)]" or "- [x] item - note" (further lines of the note
    // indented under the item), then the progress block.
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
        if (li.dataset.area !== area) { area = li.dataset.area; group = null; out.push(`## ${mdEscape(titles[`a:${area}`])}`, ""); }
        if (li.dataset.group !== group && !li.dataset.kind) { group = li.dataset.group; out.push(`### ${mdEscape(titles[`g:${group}`])}`, ""); }
        const e = entry(li.dataset.item);
        if (e.done) done++;
        let line = `- [${e.done ? "x" : " "}] ${mdEscape(li.dataset.title)}`;
        const [first, ...more] = noteLines(e.note);
        if (e.url) line += ` - [[${mdEscape(first || t("linkText"))}](${e.url.replace(/\)/g, "%29").replace(/ /g, "%20")})]`;
        else if (first) line += ` - ${mdEscape(first)}`;
        out.push(line, ...more.map((l) => (l ? `  ${mdLine(l)}` : "")));
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
      const found = new Map(), unmatched = [];
      let last = null, blank = 0; // the entry whose note indented lines continue, and the blank lines met since
      for (const line of text.split(/\r?\n/)) {
        const m = line.match(/^\s*[-*] \[([ xX])\] (.+?)\s*$/);
        if (!m) {
          if (!line.trim()) blank++;
          else if (last && /^( {2}|\t)/.test(line)) {
            const more = mdUnescape(line.replace(/^( {2}|\t)/, "").trimEnd());
            last.note = last.note ? last.note + "\n".repeat(blank + 1) + more : more;
            blank = 0;
          } else last = null;
          continue;
        }
        blank = 0;
        const rest = m[2], title = (s) => titles.get(norm(mdUnescape(s)));
        let id = title(rest), tail = "";
        if (!id) {
          for (let i = rest.indexOf(" - "); i > 0 && !id; i = rest.indexOf(" - ", i + 1)) {
            if ((id = title(rest.slice(0, i)))) tail = rest.slice(i + 3);
          }
        }
        if (!id) { unmatched.push(norm(rest).slice(0, 80)); last = null; continue; }
        const e = { done: m[1] !== " " };
        const link = tail.match(/^\[\[(.*)\]\(([^)\s]*)\)\]$/);
        if (link) {
          try { e.url = decodeURI(link[2]); } catch (err) { e.url = link[2]; }
          const note = mdUnescape(link[1]);
          if (note && note !== t("linkText")) e.note = note;
        } else if (tail) e.note = mdUnescape(tail);
        found.set(id, e);
        last = e;
      }
      const items = Object.create(null);
      for (const [id, e] of found) {
        const c = clean(id, e, false);
        if (c.reason) throw new Error(t("badEntry", { id, why: c.reason }));
        items[id] = c.value;
      }
      if (!found.size && !unmatched.length) throw new Error(t("nothing"));
      return { items, unmatched, note: "" };
    }

    async function importText(text) {
      let result;
      try { result = await parse(text); } catch (err) { say(t("failed", { error: err.message })); return; }
      const next = load();
      const setAside = held(next);
      const val = (x, k) => (k === "done" ? !!x[k] : x[k] || "");
      const wanted = Object.entries(result.items).filter(([id, e]) => (e.done || e.note || e.url) || next.entries[id] || setAside.has(id));
      const skipped = wanted.filter(([id]) => setAside.has(id)).map(([id]) => id); // set aside: only deleting frees them
      const changes = wanted.filter(([id]) => !setAside.has(id));
      const overwrite = changes.filter(([id, e]) => next.entries[id] && ["done", "note", "url"].some((k) => val(next.entries[id], k) !== val(e, k)));
      if (overwrite.length && !window.confirm(t("confirmImport", { n: overwrite.length }))) { say(t("cancelled")); return; }
      for (const [id, e] of changes) {
        const merged = { ...(next.entries[id] || {}), ...e, title: byId.get(id)?.dataset.title || e.title || next.entries[id]?.title || id };
        if (!merged.done && !merged.note && !merged.url) delete next.entries[id];
        else next.entries[id] = merged;
      }
      if (!save(next)) return;
      render();
      const offPage = changes.filter(([id]) => !byId.has(id)).length;
      let msg = t("imported", { n: changes.length, note: result.note });
      if (offPage) msg += " " + t("offPage", { n: offPage });
      if (skipped.length) msg += " " + t("heldSkipped", { n: skipped.length, list: skipped.join(", ") });
      if (result.unmatched.length) msg += " " + t("unmatched", { n: result.unmatched.length, list: result.unmatched.join(", ") });
      say(msg);
    }

    function exportSetAside() { // in the export format, so a later release that reads them can import the file
      const items = Object.create(null), reasons = Object.create(null);
      for (const s of state.setAside) { store.put(items, s.id, s.raw); store.put(reasons, s.id, s.reason); }
      const doc = { format: KEY, version: 1, framework: root.dataset.framework, frameworkVersion: root.dataset.frameworkVersion,
        exportedAt: new Date().toISOString(), setAside: true, reasons, items };
      if (state.problem) doc.unreadable = state.raw;
      download(`checklist-set-aside.json`, "application/json", JSON.stringify(doc, null, 2));
      say(t("exportedSetAside", { n: state.setAside.length }));
    }

    root.addEventListener("click", (ev) => {
      const btn = ev.target.closest("[data-cf-action],[data-cf-filter]");
      if (!btn) return;
      if (btn.dataset.cfFilter) { filter = btn.dataset.cfFilter; applyFilter(); return; }
      const action = btn.dataset.cfAction;
      if (action === "export-json") {
        const doc = { format: KEY, version: 1, framework: root.dataset.framework,
          frameworkVersion: root.dataset.frameworkVersion, exportedAt: new Date().toISOString(), items: state.entries };
        download(`checklist-${root.dataset.scope}.json`, "application/json", JSON.stringify(doc, null, 2));
        say(t("exported", { n: Object.keys(state.entries).length }));
      } else if (action === "export-md") {
        download(`checklist-${root.dataset.scope}.md`, "text/markdown", toMarkdown());
        say(t("exportedMd"));
      } else if (action === "export-set-aside") {
        exportSetAside();
      } else if (action === "delete-set-aside") {
        const id = btn.dataset.id;
        if (!window.confirm(t("confirmDeleteSetAside", { id: id.slice(0, 60) }))) return;
        const next = load();
        store.drop(next, id);
        if (save(next)) { render(); say(t("deletedSetAside", { id: id.slice(0, 60) })); }
      } else if (action === "clear" && window.confirm(t("confirmClear"))) {
        const next = load();
        next.entries = Object.create(null); // set-aside entries stay: each is deleted on its own
        if (save(next)) {
          render();
          say(t("cleared") + (next.setAside.length ? " " + t("setAsideKept", { n: next.setAside.length }) : ""));
        }
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
