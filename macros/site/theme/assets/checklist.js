/* Checklists: a view of this browser's own record ("mine", records.js): a tick is the status "met", unticking returns it
   to "not yet", the note is the entry's note and the learning link its first evidence. Kept entry by entry (what
   cannot be read is set aside, shown and kept, never overwritten); filters; export as a records file (JSON) or as
   Markdown in the roadmap's format; import of records files (version 2 and the checklist's version 1) and Markdown.
   Imports are validated in full before anything is stored; every change is read-modify-write, so several open tabs
   never overwrite each other. Nothing stored reaches the page as markup. The progress stays in view (a sticky bar whose
   height the headings' scroll margin reads), items whose entry has a note or evidence are marked and their note boxes
   open when the page loads, and a jump to an item or heading the current filter hides shows it. */
(() => {
  "use strict";
  const R = window.CareerRecords;
  const BACKUP = `${R.KEY}.backup`; // written by store.js
  const ID = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:--[a-z0-9]+(?:-[a-z0-9]+)*)?$/;
  const LIMITS = { note: 5000, url: 2000 };
  const $ = (sel, el = document) => el.querySelector(sel);
  const $$ = (sel, el = document) => [...el.querySelectorAll(sel)];
  const norm = (s) => String(s || "").replace(/\s+/g, " ").trim();
  const pct = (done, total) => (total ? Math.round((done * 100) / total) : 0);
  const own = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
  let M = {}; // UI texts, from the page's data-cf-messages
  const t = (key, vars = {}) => (M[key] || key).replace(/\{(\w+)\}/g, (_, v) => (own(vars, v) ? vars[v] : ""));
  const isUrl = (u) => R.LINK.test(u);
  const today = () => new Date().toISOString().slice(0, 10);

  /* The checklist's view of an entry: ticked, note, learning link. */
  const view = (e) => ({ done: !!e && e.status === "met", note: (e && e.note) || "", url: (e && e.evidence && e.evidence[0] && e.evidence[0].url) || "" });
  /* Whether an entry holds words of its own: a note or evidence (what the item's "has notes" mark says). */
  const annotated = (e) => !!e && (!!String(e.note || "").trim() || (Array.isArray(e.evidence) && e.evidence.length > 0));
  const shown = (el) => el.getClientRects().length > 0; // not hidden by a filter (nor inside something hidden)
  const headingOf = (box) => { // an area's heading: just before its items
    const h = box.previousElementSibling;
    return h && /^H[1-6]$/.test(h.tagName) ? h : null;
  };
  const byHash = (hash) => { // the element an address's #fragment names, or null
    try { return hash.length > 1 ? document.getElementById(decodeURIComponent(hash.slice(1))) : null; } catch (e) { return null; }
  };

  /* An entry with a checklist change applied (`done`, `note` or `url`). */
  function apply(prev, patch) {
    const e = { ...prev };
    if (R.own(patch, "done")) e.status = patch.done ? "met" : "not-yet";
    if (R.own(patch, "note")) { if (patch.note) e.note = patch.note; else delete e.note; }
    if (R.own(patch, "url")) {
      const ev = (e.evidence || []).map((x) => ({ ...x }));
      if (patch.url && ev.length) ev[0].url = patch.url;
      else if (patch.url) ev.push({ title: t("linkText"), url: patch.url, date: today() });
      else if (ev.length && ev[0].title === t("linkText")) ev.shift();
      else if (ev.length) ev[0].url = "";
      if (ev.length) e.evidence = ev; else delete e.evidence;
    }
    return e;
  }

  /* An entry with a Markdown line applied ({done, note?, url?}). The Markdown says less than the entry holds: an
     unticked box is every status but "met", the link is the first piece of evidence only, a missing note or link says
     nothing. So whatever the line agrees with is kept as stored (the status, the whole evidence list, the note), and
     only what it changes is changed: a box ticked or unticked against the stored status, a note, a first link. */
  function fromMarkdown(prev, line) {
    const patch = {};
    if (line.done !== (prev.status === "met")) patch.done = line.done;
    if (line.note && line.note !== noteLines(prev.note).join("\n")) patch.note = line.note; // as the export writes it
    if (line.url && line.link !== mdUrl(view(prev).url)) patch.url = line.url;
    return apply(prev, patch);
  }

  // Markdown: titles and notes stay literal text (backslash escapes); a note's further lines are indented under its item.
  const mdEscape = (s) => String(s).replace(/[\\`*_[\]<#|~]/g, "\\$&").replace(/&(?=#?\w+;)/g, "\\&");
  const mdLine = (s) => mdEscape(s).replace(/^(\s*)([-+=>])/, "$1\\$2").replace(/^(\s*\d+)([.)])/, "$1\\$2");
  const mdUrl = (u) => u.replace(/\)/g, "%29").replace(/ /g, "%20");
  const mdUnescape = (s) => s.replace(/\\([!-\/:-@[-`{-~])/g, "$1");
  function noteLines(note) { // trailing spaces would be a Markdown line break; blank lines around the note are dropped
    const lines = String(note || "").split(/\r\n?|\n/).map((l) => l.trimEnd());
    while (lines.length && !lines[0]) lines.shift();
    while (lines.length && !lines[lines.length - 1]) lines.pop();
    return lines;
  }

  let reveal = null; // the current page's: shows a jump target its filter hides (see below)
  function init() {
    reveal = null;
    const root = $("[data-cf-checklist]");
    if (!root || root.dataset.cfReady) return;
    root.dataset.cfReady = "1";
    const bar = $("[data-cf-progress-bar]") || root; // the progress in view (written before the panel)
    const lis = $$(".cf-item[data-item]");
    const byId = new Map(lis.map((li) => [li.dataset.item, li]));
    const counted = lis.filter((li) => li.dataset.scope !== "next");
    M = JSON.parse(root.dataset.cfMessages);
    R.useMessages(t);
    const fw = { id: root.dataset.framework, version: root.dataset.frameworkVersion };
    const ctx = { person: t("me"), role: root.dataset.cfRole || "unknown", level: root.dataset.cfLevel || "unknown", framework: fw };
    const load = () => R.load(ctx);
    let state = load();
    let filter = "all";
    const say = (msg) => { $("[data-cf-status]", root).textContent = msg; };
    const mineOf = (st) => R.mine(st);
    const held = (st) => new Set((mineOf(st) || { setAside: [] }).setAside.map((s) => s.id)); // entries set aside

    function save(next) {
      const unreadable = next.problem;
      if (!R.save(next)) {
        say(t("quota"));
        return false;
      }
      state = next;
      if (unreadable) say(t("backedUp", { key: BACKUP }));
      return true;
    }

    /* The record to change: mine, or a new one (the first tick begins it). */
    function ownRecord(st) {
      let rec = mineOf(st);
      if (!rec) {
        rec = R.create({ person: t("me"), role: ctx.role, level: ctx.level, rater: "self" }, fw);
        R.put(st.entries, rec.id, rec);
        R.put(st.top, "mine", rec.id);
        R.put(st.top, "format", R.FORMAT);
      }
      return rec;
    }

    // Renamed items keep their old ids as aliases: carry saved state over to the new id.
    const moved = load();
    const aliases = Object.create(null);
    for (const li of lis) for (const old of (li.dataset.aliases || "").split(" ")) if (old) R.put(aliases, old, li.dataset.item);
    if (mineOf(moved) && R.followRenames(mineOf(moved), aliases).length) save(moved);

    const raw = (id) => mineOf(state) && mineOf(state).entries[id];
    const entry = (id) => view(raw(id));
    const wording = (li) => (li.dataset.wording || li.dataset.title).slice(0, R.LIMIT.text);
    function update(id, patch) {
      const next = load(); // read-modify-write: another tab may have saved meanwhile
      if (held(next).has(id)) { // its stored entry is set aside: only deleting it frees the item
        state = next;
        render();
        say(t("heldBack", { id }));
        return false;
      }
      const rec = ownRecord(next);
      const e = { ...apply(rec.entries[id] || { status: "not-yet" }, patch), wording: wording(byId.get(id)), updated: R.now() };
      R.setEntry(rec, id, R.empty(e) ? null : e);
      R.touch(next, rec);
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
        const mark = $("[data-cf-has-note]", li);
        if (mark) mark.hidden = !annotated(raw(li.dataset.item));
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
      $("[data-cf-done]", bar).textContent = done;
      $("[data-cf-total]", bar).textContent = counted.length;
      $("[data-cf-percent]", bar).textContent = pct(done, counted.length);
      const overall = $("[data-cf-progress]", bar);
      if (overall) { overall.max = counted.length || 1; overall.value = done; }
      for (const row of $$("[data-cf-area-progress]", root)) {
        const a = areas[row.dataset.cfAreaProgress] || { done: 0, total: 0 };
        const meter = $("[data-cf-area-bar]", row); // none when nothing is expected here up to the page's level
        if (meter) {
          meter.max = a.total || 1;
          meter.value = a.done;
          $("[data-cf-area-count]", row).textContent = `${a.done} / ${a.total} (${pct(a.done, a.total)}%)`;
        }
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
      // a heading shows while anything under it does: an area's, the items of the element after it (the heading is one
      // of the table of contents, written at the top of the page); a group's, the items up to the next heading
      for (const box of $$("[data-cf-area-items]")) {
        const h = headingOf(box);
        if (h) h.hidden = !$$(".cf-item", box).some((li) => !li.hidden);
      }
      for (const h of $$("[data-cf-group]")) {
        let el = h.nextElementSibling, any = false;
        while (el && !el.matches("h1, h2, h3, h4, [data-cf-group]")) {
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
      const rec = mineOf(state);
      const gone = rec ? Object.keys(rec.entries).filter((id) => !id.includes(":") && !byId.has(id)) : []; // items only
      $("[data-cf-orphans-empty]", box).hidden = gone.length > 0;
      $("[data-cf-orphans-list]", box).replaceChildren(...gone.map((id) => {
        const e = rec.entries[id], v = view(e);
        const li = document.createElement("li");
        li.dataset.orphan = id;
        li.textContent = [`${v.done ? "[x]" : "[ ]"} ${e.wording || id} (${id})`, v.note, v.url].filter(Boolean).join(" — ");
        return li;
      }));
    }

    const el = (tag, props) => Object.assign(document.createElement(tag), props);
    /* Why the page starts without (part of) the stored record, or "" when nothing is wrong. */
    function problem(st) {
      if (st.problem) return t("unreadable", { key: BACKUP });
      if (st.oldProblem) return t("oldUnreadable", { key: R.OLD_KEY });
      const lost = st.setAside.find((s) => s.id === st.top.mine);
      return lost ? t("mineSetAside", { reason: lost.reason }) : "";
    }
    function renderSetAside() { // what the stored record holds but this version cannot read: listed as text, kept
      const box = $("[data-cf-set-aside]", root);
      const list = (mineOf(state) || { setAside: [] }).setAside;
      const why = problem(state);
      box.hidden = !list.length && !why;
      const unreadable = $("[data-cf-unreadable]", box);
      unreadable.hidden = !why;
      unreadable.textContent = why;
      $("[data-cf-set-aside-intro]", box).hidden = !list.length;
      $("[data-cf-set-aside-list]", box).replaceChildren(...list.map((s) => {
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
      for (const box of $$("[data-cf-area-items]")) titles[`a:${box.dataset.cfAreaItems}`] ||= box.dataset.cfTitle;
      for (const h of $$("[data-cf-group]")) titles[`g:${h.dataset.cfGroup}`] ||= h.dataset.cfTitle;
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
        if (e.url) line += ` - [[${mdEscape(first || t("linkText"))}](${mdUrl(e.url)})]`;
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

    /* A file's entries: {items: {id: entry}, unmatched, note}. JSON is a records file: of version 2, this browser's
       own record (the same id, or a self record of the same person; someone else's record is refused here: it belongs
       beside this one on the records page, never mixed into it); of version 1, the checklist's. Anything else is read as
       Markdown. */
    async function parse(text, name) {
      if (/^\s*\{/.test(text)) {
        const { records, version } = R.readFile(text, name, ctx);
        const own = mineOf(load());
        const rec = version === 1 ? records[0] : records.find((r) => own && r.id === own.id)
          || records.find((r) => r.rater === "self" && (!own || R.personKey(r) === R.personKey(own)));
        if (!rec) throw new Error(t("notMine", { person: records[0].person.slice(0, 60) }));
        const other = rec.framework.id !== root.dataset.framework;
        return { items: rec.entries, unmatched: [], note: other ? t("otherFramework", { id: rec.framework.id.slice(0, 60) }) : "" };
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
          e.link = link[2]; // as written: what an unchanged link is compared by
          try { e.url = decodeURI(link[2]); } catch (err) { e.url = link[2]; }
          const note = mdUnescape(link[1]);
          if (note && note !== t("linkText")) e.note = note;
        } else if (tail) e.note = mdUnescape(tail);
        found.set(id, e);
        last = e;
      }
      const items = Object.create(null);
      for (const [id, e] of found) {
        if (e.note && e.note.length > LIMITS.note) throw new Error(t("badEntry", { id, why: t("whyText", { field: t("field_note"), max: LIMITS.note }) }));
        if (e.url && (e.url.length > LIMITS.url || !isUrl(e.url))) throw new Error(t("badEntry", { id, why: t("whyUrl", { max: LIMITS.url }) }));
        R.put(items, id, e);
      }
      if (!found.size && !unmatched.length) throw new Error(t("nothing"));
      return { items, unmatched, note: "", markdown: true };
    }

    async function importText(text, name) {
      let result;
      try { result = await parse(text, name); } catch (err) { say(t("failed", { error: err.message })); return; }
      const next = load();
      const setAside = held(next);
      const rec = ownRecord(next);
      const key = (e) => JSON.stringify([e.status, e.note || "", e.explanation || "", e.evidence || []]);
      // each entry as the import would leave it: a records file's entry over the stored one; a Markdown line applied
      const after = (id, e) => (result.markdown ? fromMarkdown(rec.entries[id] || { status: "not-yet" }, e) : { ...(rec.entries[id] || {}), ...e });
      const wanted = Object.entries(result.items).map(([id, e]) => [id, after(id, e)])
        .filter(([id, e]) => !R.empty(e) || rec.entries[id] || setAside.has(id));
      const skipped = wanted.filter(([id]) => setAside.has(id)).map(([id]) => id); // set aside: only deleting frees them
      const changes = wanted.filter(([id]) => !setAside.has(id));
      const overwrite = changes.filter(([id, e]) => rec.entries[id] && key(rec.entries[id]) !== key(e));
      if (overwrite.length && !window.confirm(t("confirmImport", { n: overwrite.length }))) { say(t("cancelled")); return; }
      let changed = 0;
      for (const [id, e] of changes) {
        if (result.markdown && rec.entries[id] && key(rec.entries[id]) === key(e)) continue; // the line agrees: left as stored
        const li = byId.get(id);
        const merged = { ...e, updated: (!result.markdown && result.items[id].updated) || R.now() };
        if (li) merged.wording = wording(li);
        R.setEntry(rec, id, R.empty(merged) ? null : merged);
        changed++;
      }
      if (changed) R.touch(next, rec);
      if (!save(next)) return;
      render();
      openNotes();
      const offPage = changes.filter(([id]) => !byId.has(id)).length;
      let msg = t("imported", { n: changes.length, note: result.note });
      if (offPage) msg += " " + t("offPage", { n: offPage });
      if (skipped.length) msg += " " + t("heldSkipped", { n: skipped.length, list: skipped.join(", ") });
      if (result.unmatched.length) msg += " " + t("unmatched", { n: result.unmatched.length, list: result.unmatched.join(", ") });
      say(msg);
    }

    function exportSetAside() { // as read, with the reasons, so a later release that reads them can take them back
      const rec = mineOf(state);
      const entries = Object.create(null), reasons = Object.create(null);
      for (const s of rec ? rec.setAside : []) { R.put(entries, s.id, s.raw); R.put(reasons, s.id, s.reason); }
      const doc = { format: `${R.FORMAT}-set-aside`, version: R.VERSION, framework: root.dataset.framework,
        frameworkVersion: root.dataset.frameworkVersion, exported: R.now(), record: rec ? rec.id : null, reasons, entries };
      if (state.problem) doc.unreadable = state.raw;
      download("checklist-set-aside.json", "application/json", JSON.stringify(doc, null, 2));
      say(t("exportedSetAside", { n: Object.keys(entries).length }));
    }

    root.addEventListener("click", (ev) => {
      const btn = ev.target.closest("[data-cf-action],[data-cf-filter]");
      if (!btn) return;
      if (btn.dataset.cfFilter) { filter = btn.dataset.cfFilter; applyFilter(); return; }
      const action = btn.dataset.cfAction;
      if (action === "export-json") {
        const next = load();
        const rec = ownRecord(next);
        R.exported(next, [rec.id]);
        if (!save(next)) return;
        download(`checklist-${root.dataset.scope}.json`, "application/json", JSON.stringify(R.fileOf([rec]), null, 2));
        say(t("exported", { n: Object.keys(rec.entries).length }));
      } else if (action === "export-md") {
        download(`checklist-${root.dataset.scope}.md`, "text/markdown", toMarkdown());
        say(t("exportedMd"));
      } else if (action === "export-set-aside") {
        exportSetAside();
      } else if (action === "delete-set-aside") {
        const id = btn.dataset.id;
        if (!window.confirm(t("confirmDeleteSetAside", { id: id.slice(0, 60) }))) return;
        const next = load();
        const rec = mineOf(next);
        if (!rec) return;
        rec.setAside = rec.setAside.filter((s) => s.id !== id);
        if (save(next)) { render(); say(t("deletedSetAside", { id: id.slice(0, 60) })); }
      } else if (action === "clear" && window.confirm(t("confirmClear"))) {
        const next = load();
        const rec = mineOf(next);
        if (rec) { rec.entries = Object.create(null); R.touch(next, rec); } // set-aside entries stay: each is deleted on its own
        if (!rec || save(next)) {
          render();
          const kept = rec ? rec.setAside.length : 0;
          say(t("cleared") + (kept ? " " + t("setAsideKept", { n: kept }) : ""));
        }
      }
    });
    if (upto) upto.addEventListener("change", applyFilter);
    for (const link of $$("[data-cf-filter-link]")) {
      link.addEventListener("click", () => { filter = link.dataset.cfFilterLink; applyFilter(); root.scrollIntoView({ block: "start" }); });
    }
    $("input[data-cf-action=import]", root).addEventListener("change", async (ev) => {
      const file = ev.target.files[0];
      if (file) await importText(await file.text(), file.name);
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
      if (ev.key !== R.KEY || !document.contains(root)) return;
      state = load();
      render();
      say(t("otherTab"));
    });

    /* Note boxes that hold something are open when the page loads (and after an import); the others stay closed, and
       a box the reader opens or closes stays so until the next load. */
    function openNotes() {
      for (const li of lis) {
        const box = $("details.cf-note", li);
        if (box && annotated(raw(li.dataset.item))) box.open = true;
      }
    }

    /* A jump (a link of the table of contents, an address with #item) to something the filter hides: the view that
       shows it is chosen first — everything, else the gap to the next level. */
    reveal = (target) => {
      if (!target || !document.contains(root) || !target.closest("article")) return false;
      // what the filter shows or hides: the item, the heading, or for an old (alias) anchor of an area its heading
      const box = target.closest("[data-cf-area-items]");
      const holder = target.closest(".cf-item") || (box && target.matches(".cf-alias") ? headingOf(box) : target);
      const area = holder && holder.nextElementSibling && holder.nextElementSibling.matches("[data-cf-area-items]");
      if (!holder || !(area || holder.matches(".cf-item, [data-cf-group]")) || shown(holder)) return false;
      if (upto) upto.value = "";
      for (const f of ["all", "gap"]) {
        if (f === "gap" && !$('[data-cf-filter="gap"]', root)) break;
        filter = f;
        applyFilter();
        if (shown(holder)) break;
      }
      return true;
    };

    // the headings' scroll margin keeps a heading one jumps to below the bar: the bar's height, as it wraps
    const measure = () => document.documentElement.style.setProperty("--cf-bar-height", `${bar.offsetHeight}px`);
    if (bar !== root && window.ResizeObserver) new ResizeObserver(measure).observe(bar);
    if (bar !== root) measure();

    render();
    openNotes();
    const target = byHash(location.hash);
    if (reveal(target)) target.scrollIntoView();
  }

  const targetOf = (a) => { // the element a same-page link leads to
    const url = new URL(a.href, location.href);
    return url.pathname === location.pathname ? byHash(url.hash) : null;
  };
  document.addEventListener("click", (ev) => { // before the browser (or the theme) follows the link
    const a = ev.target.closest && ev.target.closest("a[href*='#']");
    if (a && reveal) reveal(targetOf(a));
  }, true);
  window.addEventListener("hashchange", () => {
    const target = byHash(location.hash);
    if (reveal && reveal(target)) target.scrollIntoView();
  });

  // Material's instant navigation swaps pages without reloading: document$ emits on each page.
  if (window.document$) window.document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
})();
