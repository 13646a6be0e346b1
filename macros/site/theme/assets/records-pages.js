/* The pages of personal records (/records/, /records/privacy/) and what every record page shares (window.CareerPages):
   the page's texts, the framework's data from /api/records/ (same origin only: the pages' Content-Security-Policy
   allows nothing else), a question with several answers (a <dialog>), persistent storage, downloads and imports that
   never merge. Every stored or imported string reaches the page as text (textContent, setAttribute), never as markup. */
(() => {
  "use strict";
  const R = window.CareerRecords;
  const $ = (sel, el = document) => el.querySelector(sel);
  const $$ = (sel, el = document) => [...el.querySelectorAll(sel)];
  const own = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
  // A Content-Security-Policy in a <meta> holds only for the document it was loaded with: a record page reached by
  // Material's instant navigation from a page without one is loaded afresh, so that its policy is in force.
  const POLICY_AT_LOAD = !!document.querySelector('meta[http-equiv="Content-Security-Policy"]');
  const FIRST_URL = location.href;

  /* An element with properties and children (strings become text nodes). */
  function el(tag, props = {}, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(props)) {
      if (v === null || v === undefined || v === false) continue;
      if (k === "text") node.textContent = v;
      else if (k === "className" || k === "hidden" || k === "type" || k === "value" || k === "checked" || k === "name") node[k] = v;
      else node.setAttribute(k, v === true ? "" : String(v));
    }
    for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) node.append(c);
    return node;
  }

  function download(name, type, content) {
    const a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([content], { type }));
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
  }

  const slug = (s) => R.norm(s).toLowerCase().replace(/[^a-z0-9\uac00-\ud7a3]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40) || "record";
  const fileName = (parts, ext) => `${parts.map(slug).join("-")}.${ext}`;

  // Markdown that stays text (the checklist's rules): titles and notes escaped, a note's further lines indented.
  const mdEscape = (s) => String(s).replace(/[\\`*_[\]<#|~]/g, "\\$&").replace(/&(?=#?\w+;)/g, "\\&");
  const mdLine = (s) => mdEscape(s).replace(/^(\s*)([-+=>])/, "$1\\$2").replace(/^(\s*\d+)([.)])/, "$1\\$2");
  const mdUrl = (u) => String(u).replace(/\)/g, "%29").replace(/ /g, "%20");
  function mdBlock(textValue, indent) { // a text of several lines, each line escaped and indented
    return String(textValue || "").split(/\r\n?|\n/).map((l) => l.trimEnd()).filter((l, i, all) => l || (i > 0 && i < all.length - 1))
      .map((l) => (l ? indent + mdLine(l) : ""));
  }
  // a CSV cell: quoted, and never a formula in a spreadsheet
  const csvCell = (v) => {
    let s = String(v === null || v === undefined ? "" : v);
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
    return `"${s.replace(/"/g, '""')}"`;
  };

  /* Everything a record page needs: `el` is the element that carries the page's data, `root` the article the page's
     blocks live in (between headings at the top level). */
  function setup(el0) {
    const root = el0.closest("article") || document.body;
    const data = el0.dataset;
    const M = { ...JSON.parse(data.cfMessages || "{}"), ...JSON.parse(data.cfRecMessages || "{}") };
    const t = (key, vars = {}) => (own(M, key) ? M[key] : key).replace(/\{(\w+)\}/g, (_, v) => (own(vars, v) ? vars[v] : ""));
    R.useMessages(t);
    const fw = { id: data.framework, version: data.frameworkVersion };
    const ctx = { person: t("me"), role: data.cfRole || "unknown", level: data.cfLevel || "unknown", framework: fw, roles: [] };
    const page = { root, el: el0, data, t, fw, ctx };
    const status = $("[data-cf-status]", root);
    page.say = (msg) => { status.textContent = msg; };
    page.load = () => R.load(ctx);
    page.save = (st) => {
      const unreadable = st.problem;
      if (!R.save(st)) { page.say(t("quota")); return false; }
      if (unreadable) page.say(t("backedUp", { key: `${R.KEY}.backup` }));
      return true;
    };
    const href = (name) => data[`cfHref${name}`];
    page.recordHref = (id, withId) => `${href("Record")}?id=${encodeURIComponent(id)}${withId ? `&with=${encodeURIComponent(withId)}` : ""}`;
    page.packetHref = (id, withId) => `${href("Packet")}?id=${encodeURIComponent(id)}${withId ? `&with=${encodeURIComponent(withId)}` : ""}`;
    page.recordsHref = () => href("Records");

    // the framework's data, fetched once per page (same origin)
    const cache = new Map();
    page.fetchJson = (url) => {
      if (!cache.has(url)) cache.set(url, fetch(url, { credentials: "same-origin" }).then((r) => (r.ok ? r.json() : null)).catch(() => null));
      return cache.get(url);
    };
    page.index = async () => {
      const idx = await page.fetchJson(data.cfApi);
      if (idx && Array.isArray(idx.roles)) ctx.roles = idx.roles;
      return idx;
    };
    page.levelData = (role, level) => (/^[a-z0-9-]+$/.test(role) && /^[a-z0-9-]+$/.test(level)
      ? page.fetchJson(`${data.cfApiBase}${role}/${level}.json`) : Promise.resolve(null));

    page.statusLabel = (s) => t(`status_${s.replace("-", "_")}`);
    page.raterLabel = (rec) => (rec.raterName ? t("raterNamed", { rater: t(`rater_${rec.rater}`), name: rec.raterName }) : t(`rater_${rec.rater}`));
    page.roleTitle = (roleId) => ((ctx.roles.find((r) => r.id === roleId) || {}).title || roleId);
    page.levelTitle = (roleId, levelId) => {
      const role = ctx.roles.find((r) => r.id === roleId);
      const lv = role && role.levels.find((l) => l.id === levelId);
      return lv ? lv.level : levelId;
    };
    page.describe = (rec) => [page.roleTitle(rec.role), rec.target ? `${page.levelTitle(rec.role, rec.level)} → ${page.levelTitle(rec.role, rec.target)}`
      : page.levelTitle(rec.role, rec.level), page.raterLabel(rec)].join(" · ");

    /* A question with several answers, in the page's dialog: resolves to the chosen answer's key ("cancel" on Escape). */
    page.ask = (message, choices) => new Promise((resolve) => {
      const dialog = $("[data-cf-ask]", root);
      $("[data-cf-ask-text]", dialog).textContent = message;
      const box = $("[data-cf-ask-choices]", dialog);
      const done = (key) => { dialog.close(); resolve(key); };
      box.replaceChildren(...choices.map(([key, label]) => {
        const b = el("button", { type: "button", className: "md-button", text: label });
        b.dataset.choice = key;
        b.addEventListener("click", () => done(key));
        return b;
      }));
      dialog.addEventListener("cancel", (ev) => { ev.preventDefault(); done("cancel"); }, { once: true });
      dialog.showModal();
      box.querySelector("button").focus();
    });

    /* Ask the browser to keep this data when it runs short of space, and say what it answered. */
    page.persist = async () => {
      const out = $("[data-cf-persist]", root);
      if (!out) return;
      let granted = null;
      try {
        if (navigator.storage && navigator.storage.persist) granted = (await navigator.storage.persisted()) || (await navigator.storage.persist());
      } catch (e) { granted = null; }
      out.textContent = granted === null ? t("persistUnknown") : granted ? t("persistGranted") : t("persistRefused");
    };

    /* What stops the page from reading all of what is stored, said once at the top. */
    page.problems = (st) => {
      const box = $("[data-cf-problems]", root);
      const lines = [];
      if (st.problem) lines.push(t("unreadable", { key: `${R.KEY}.backup` }));
      if (st.oldProblem) lines.push(t("oldUnreadable", { key: R.OLD_KEY }));
      box.replaceChildren(...lines.map((l) => el("p", { text: l })));
      box.hidden = !lines.length;
    };

    /* Records with changes not exported for a long time. */
    page.reminders = (st, only) => {
      const box = $("[data-cf-reminders]", root);
      if (!box) return;
      const list = R.reminders(st).filter((r) => !only || only.includes(r.rec.id));
      box.replaceChildren(...list.map(({ rec, days }) => el("p", { text: t("remind", { person: rec.person, days }) })));
      box.hidden = !list.length;
    };

    page.exportRecords = (st, list, name) => {
      R.exported(st, list.map((r) => r.id));
      page.save(st);
      download(name, "application/json", JSON.stringify(R.fileOf(list), null, 2));
    };

    /* The file each record was read from (readFiles), to name it when two files disagree. */
    const sources = new WeakMap();
    page.sourceOf = (rec) => sources.get(rec) || "";
    page.fromFile = (rec, name) => { sources.set(rec, name); return rec; };
    /* Two readings of one record (the same id) that hold the same: nothing either holds is lost by keeping one. */
    page.sameRecord = (a, b) => a.role === b.role && R.differences(a, b).same;
    /* The latest of several readings of one record (ties: the one read last). */
    page.latest = (versions) => versions.reduce((a, b) => (b.updated >= a.updated ? b : a));

    /* Records read at once from several files that share an id: readings that hold the same are taken once (the
       latest); readings that differ are never dropped nor merged silently: the reader chooses one file's reading, all
       of them (the others as copies), or cancels. Returns {list, copies, once, notChosen} or null when cancelled. */
    async function oneOfEach(incoming) {
      const groups = new Map();
      for (const rec of incoming) {
        if (!groups.has(rec.id)) groups.set(rec.id, []);
        groups.get(rec.id).push(rec);
      }
      const out = { list: [], copies: [], once: 0, notChosen: [] };
      for (const recs of groups.values()) {
        const versions = [];
        for (const rec of recs) {
          const i = versions.findIndex((v) => page.sameRecord(v, rec));
          if (i < 0) versions.push(rec);
          else { out.once++; versions[i] = page.latest([versions[i], rec]); }
        }
        if (versions.length === 1) { out.list.push(versions[0]); continue; }
        const files = versions.map((v) => page.sourceOf(v).slice(0, 80) || "?");
        const d = versions.length === 2 ? R.differences(versions[0], versions[1]) : null;
        const what = d ? `${t("dupCompared", { earlier: files[0], later: files[1] })} ${t("wouldChange", { added: d.added, removed: d.removed,
          changed: d.changed, fields: d.fields.length ? d.fields.map((f) => t(`field_${f}`)).join(", ") : t("noFields") })}` : "";
        const rec = versions[0];
        const choice = await page.ask(t("dupAsk", { person: rec.person, rater: page.raterLabel(rec), files: files.join(", "), what }),
          [...versions.map((v, i) => [`file-${i}`, t("dupUse", { file: files[i] })]), ["all", t("dupKeepAll")], ["cancel", t("cancelImport")]]);
        if (choice === "cancel") return null;
        if (choice === "all") { out.list.push(versions[0]); out.copies.push(...versions.slice(1)); continue; }
        const chosen = Number(choice.slice(5));
        out.list.push(versions[chosen]);
        versions.forEach((v, i) => { if (i !== chosen) out.notChosen.push(`${v.person} (${files[i]})`); });
      }
      return out;
    }

    /* Add records read from files beside those stored (never merged): a record whose id is already here and differs
       asks (replace, keep both as a copy, or cancel everything), saying what would change; one that is the same is
       left as it is. Several files holding one record are settled first (oneOfEach). Returns {added, replaced, copies,
       same, notes} (notes: what else the reader should know, as text) or null when cancelled or not saved. */
    page.addRecords = async (incoming) => {
      const one = await oneOfEach(incoming);
      if (!one) { page.say(t("importCancelled")); return null; }
      const plan = [];
      const st0 = page.load();
      for (const rec of one.list) {
        const here = st0.entries[rec.id];
        const setAside = st0.setAside.some((s) => s.id === rec.id);
        if (!here && !setAside) { plan.push(["add", rec]); continue; }
        if (here && R.differences(here, rec).same) { plan.push(["same", rec]); continue; }
        const d = here ? R.differences(here, rec) : null;
        const what = d ? t("wouldChange", { added: d.added, removed: d.removed, changed: d.changed,
          fields: d.fields.length ? d.fields.map((f) => t(`field_${f}`)).join(", ") : t("noFields") }) : t("wouldReplaceSetAside");
        const choice = await page.ask(t("askSameId", { person: rec.person, rater: page.raterLabel(rec), what }),
          [["replace", t("replace")], ["copy", t("keepBoth")], ["cancel", t("cancelImport")]]);
        if (choice === "cancel") { page.say(t("importCancelled")); return null; }
        plan.push([choice, rec]);
      }
      for (const rec of one.copies) plan.push(["copy", rec]);
      const st = page.load(); // read-modify-write: another tab may have saved meanwhile
      const out = { added: 0, replaced: 0, copies: 0, same: 0 };
      for (const [what, rec] of plan) {
        if (what === "same") { out.same++; continue; }
        if (what === "copy") { rec.id = R.newId(); out.copies++; } else if (what === "replace") {
          R.store.drop(st, rec.id);
          out.replaced++;
        } else out.added++;
        R.put(st.entries, rec.id, rec);
      }
      R.put(st.top, "format", R.FORMAT);
      const notes = [];
      if (one.once) notes.push(t("importedOnce", { n: one.once }));
      if (one.notChosen.length) notes.push(t("importedNotChosen", { n: one.notChosen.length, list: one.notChosen.join(", ") }));
      out.notes = notes.length ? ` ${notes.join(" ")}` : "";
      return page.save(st) ? out : null;
    };

    /* Read files chosen or dropped: every file in full before anything is stored. Returns the records (each knows its
       file: page.sourceOf), or null (said). */
    page.readFiles = async (files) => {
      await page.index();
      const all = [];
      for (const file of files) {
        try {
          const { records } = R.readFile(await file.text(), file.name, ctx);
          all.push(...records.map((rec) => page.fromFile(rec, file.name)));
        } catch (err) {
          page.say(t("importFailed", { file: file.name.slice(0, 80), error: err.message }));
          return null;
        }
      }
      return all;
    };

    // roles and levels: a level choice shows the chosen role's levels only
    page.linkSelects = (form) => {
      const role = $("[data-cf-role-select]", form);
      if (!role) return;
      const sync = () => {
        for (const sel of $$("[data-cf-level-select]", form)) {
          for (const o of sel.options) if (o.dataset.role) o.hidden = o.disabled = o.dataset.role !== role.value;
          if (sel.selectedOptions[0] && sel.selectedOptions[0].disabled) sel.value = sel.name === "target" ? "" : [...sel.options].find((o) => !o.disabled).value;
        }
      };
      role.addEventListener("change", sync);
      sync();
    };
    return page;
  }

  // /records/ ------------------------------------------------------------------------------------------------
  function counts(rec) {
    const c = { "not-yet": 0, working: 0, met: 0, "not-met": 0 };
    for (const e of Object.values(rec.entries)) c[e.status]++;
    return c;
  }

  function recordsPage(page) {
    const { root, t } = page;
    const form = $("[data-cf-new]", root);
    page.linkSelects(form);

    function item(rec, st) {
      const c = counts(rec);
      const isMine = st.top.mine === rec.id;
      const li = el("li", { className: "cf-record", "data-cf-record": rec.id, "data-cf-person": rec.person, "data-cf-rater": rec.rater,
        "data-cf-done": String(c.met) });
      const others = R.records(st).filter((o) => o.id !== rec.id && R.personKey(o) === R.personKey(rec) && o.role === rec.role);
      const title = el("p", { className: "cf-record-title" }, el("a", { href: page.recordHref(rec.id), text: rec.person }),
        isMine ? el("span", { className: "cf-badge", text: t("mine") }) : null);
      const meta = el("p", { className: "cf-record-meta", text: [page.describe(rec), t("madeAgainst", { version: rec.framework.version }),
        t("updatedOn", { date: rec.updated.slice(0, 10) })].join(" · ") });
      const tally = el("p", { className: "cf-record-counts", text: [`${page.statusLabel("met")} ${c.met}`, `${page.statusLabel("working")} ${c.working}`,
        `${page.statusLabel("not-met")} ${c["not-met"]}`].concat(rec.setAside.length ? [t("setAsideCount", { n: rec.setAside.length })] : []).join(" · ") });
      const links = el("p", { className: "cf-record-links" },
        el("a", { href: page.recordHref(rec.id), text: t("open"), "aria-label": t("openOf", { person: rec.person, rater: page.raterLabel(rec) }) }), " · ",
        el("a", { href: page.packetHref(rec.id), "data-cf-packet": "", text: t("packetLink"), "aria-label": t("packetOf", { person: rec.person, rater: page.raterLabel(rec) }) }),
        ...others.flatMap((o) => [" · ", el("a", { href: page.recordHref(rec.id, o.id), "data-cf-beside": o.id, text: t("besideLink", { rater: page.raterLabel(o) }) })]));
      const actions = el("p", { className: "cf-record-actions" });
      const button = (action, label, aria) => {
        const b = el("button", { type: "button", className: "md-button", text: label, "aria-label": aria });
        b.dataset.cfAction = action;
        b.dataset.id = rec.id;
        return b;
      };
      const of = { person: rec.person, rater: page.raterLabel(rec) };
      actions.append(button("export", t("exportOne"), t("exportOf", of)));
      if (!isMine) actions.append(" ", button("make-mine", t("makeMine"), t("makeMineOf", of)));
      actions.append(" ", button("delete", t("delete"), t("deleteOf", of)));
      li.append(title, meta, tally, links, actions);
      return li;
    }

    function render() {
      const st = page.load();
      page.problems(st);
      page.reminders(st);
      const list = R.records(st).sort((a, b) => (a.id === st.top.mine ? -1 : b.id === st.top.mine ? 1 : a.person.localeCompare(b.person) || a.rater.localeCompare(b.rater)));
      $("[data-cf-list]", root).replaceChildren(...list.map((r) => item(r, st)));
      $("[data-cf-empty]", root).hidden = list.length > 0 || st.setAside.length > 0;
      const box = $("[data-cf-set-aside]", root);
      box.hidden = !st.setAside.length;
      $("[data-cf-set-aside-list]", box).replaceChildren(...st.setAside.map((s) => {
        const del = el("button", { type: "button", className: "md-button", text: t("delete"), "aria-label": t("deleteSetAsideOf", { id: s.id.slice(0, 60) }) });
        del.dataset.cfAction = "delete-set-aside";
        del.dataset.id = s.id;
        const raw = JSON.stringify(s.raw) ?? String(s.raw);
        return el("li", { "data-set-aside": s.id }, el("code", { text: s.id.slice(0, 80) }), ` — ${s.reason} `,
          el("span", { className: "cf-set-aside-raw", text: raw.length > 80 ? `${raw.slice(0, 80)}…` : raw }), " ", del);
      }));
      const mineBox = $("[name=mine]", form);
      if (!mineBox.dataset.touched) mineBox.checked = !R.mine(st);
    }

    form.addEventListener("change", (ev) => { if (ev.target.name === "mine") ev.target.dataset.touched = "1"; });
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      const data = new FormData(form);
      const person = R.norm(data.get("person"));
      if (!person) { page.say(t("needPerson")); $("[name=person]", form).focus(); return; }
      const st = page.load();
      const rec = R.create({ person, role: data.get("role"), level: data.get("level"), target: data.get("target") || null,
        rater: data.get("rater"), raterName: R.norm(data.get("raterName")) }, page.fw);
      R.put(st.entries, rec.id, rec);
      R.put(st.top, "format", R.FORMAT);
      if (data.get("mine")) R.put(st.top, "mine", rec.id);
      if (!page.save(st)) return;
      form.reset();
      render();
      page.say(t("created", { person }));
      location.assign(page.recordHref(rec.id));
    });

    root.addEventListener("click", async (ev) => {
      const btn = ev.target.closest("[data-cf-action]");
      if (!btn) return;
      const action = btn.dataset.cfAction, id = btn.dataset.id;
      const st = page.load();
      const rec = id ? st.entries[id] : null;
      if (action === "export-all") {
        const list = R.records(st);
        if (!list.length) { page.say(t("nothingToExport")); return; }
        page.exportRecords(st, list, fileName(["records", new Date().toISOString().slice(0, 10)], "json"));
        page.say(t("exportedRecords", { n: list.length }));
      } else if (action === "export" && rec) {
        page.exportRecords(st, [rec], fileName([rec.person, rec.rater, rec.level], "json"));
        page.say(t("exportedRecords", { n: 1 }));
      } else if (action === "make-mine" && rec) {
        R.put(st.top, "mine", rec.id);
        if (page.save(st)) page.say(t("madeMine", { person: rec.person }));
      } else if (action === "delete" && rec) {
        const choice = await page.ask(t("confirmDelete", { person: rec.person, rater: page.raterLabel(rec) }), [["delete", t("delete")], ["cancel", t("cancel")]]);
        if (choice !== "delete") return;
        const next = page.load();
        R.remove(next, id);
        if (page.save(next)) page.say(t("deleted", { person: rec.person }));
      } else if (action === "delete-set-aside") {
        const choice = await page.ask(t("confirmDeleteSetAside", { id: id.slice(0, 60) }), [["delete", t("delete")], ["cancel", t("cancel")]]);
        if (choice !== "delete") return;
        const next = page.load();
        R.store.drop(next, id);
        if (page.save(next)) page.say(t("deletedSetAside", { id: id.slice(0, 60) }));
      } else if (action === "export-set-aside") {
        const raw = Object.create(null), reasons = Object.create(null);
        for (const s of st.setAside) { R.put(raw, s.id, s.raw); R.put(reasons, s.id, s.reason); }
        const doc = { format: `${R.FORMAT}-set-aside`, version: R.VERSION, exported: R.now(), reasons, records: raw };
        if (st.problem) doc.unreadable = st.raw;
        download("records-set-aside.json", "application/json", JSON.stringify(doc, null, 2));
        page.say(t("exportedSetAside", { n: st.setAside.length }));
      }
      render();
    });

    $("input[data-cf-import]", root).addEventListener("change", async (ev) => {
      const files = [...ev.target.files];
      ev.target.value = "";
      if (!files.length) return;
      const incoming = await page.readFiles(files);
      if (!incoming) return;
      const out = await page.addRecords(incoming);
      render();
      if (out) page.say(t("importedRecords", out) + out.notes);
    });

    window.addEventListener("storage", (ev) => { if (ev.key === R.KEY && document.contains(root)) { render(); page.say(t("otherTab")); } });
    page.index().then(render);
    render();
  }

  // /records/privacy/ ----------------------------------------------------------------------------------------
  function privacyPage(page) {
    const { root, t } = page;
    const what = { [R.KEY]: "keyRecords", [`${R.KEY}.backup`]: "keyBackup", [R.OLD_KEY]: "keyOld", [`${R.OLD_KEY}.backup`]: "keyOldBackup",
      [R.LEVEL_KEY]: "keyLevel" };
    function render() {
      const rows = R.KEYS.map((k) => [k, R.store.get(k)]).filter(([, v]) => v !== null);
      $("[data-cf-stored]", root).replaceChildren(...rows.map(([k, v]) => el("tr", {}, el("td", {}, el("code", { text: k })),
        el("td", { text: k === R.KEY ? t("keyRecordsN", { n: R.records(page.load()).length }) : t(what[k]) }),
        el("td", { className: "cf-num", text: t("chars", { n: v.length.toLocaleString() }) }))));
      $("[data-cf-stored-table]", root).hidden = !rows.length;
      $("[data-cf-stored-empty]", root).hidden = rows.length > 0;
    }
    root.addEventListener("click", async (ev) => {
      const btn = ev.target.closest("[data-cf-action=delete-all]");
      if (!btn) return;
      const choice = await page.ask(t("confirmDeleteAll"), [["delete", t("deleteAll")], ["cancel", t("cancel")]]);
      if (choice !== "delete") return;
      const gone = R.deleteAll();
      render();
      page.say(t("deletedAll", { n: gone.length }));
    });
    window.addEventListener("storage", () => { if (document.contains(root)) render(); });
    render();
  }

  const PAGES = { records: recordsPage, privacy: privacyPage };
  const pages = new Map(); // other modules add theirs: register("record", fn)

  function init() {
    const root = $("[data-cf-records-page]");
    if (!root || root.dataset.cfReady) return;
    if (!POLICY_AT_LOAD && location.href !== FIRST_URL) { location.reload(); return; }
    const kind = root.dataset.cfRecordsPage;
    const run = PAGES[kind] || pages.get(kind);
    if (!run) return;
    root.dataset.cfReady = "1";
    const page = setup(root);
    page.persist();
    run(page);
  }

  window.CareerPages = Object.freeze({
    el, download, fileName, mdEscape, mdLine, mdUrl, mdBlock, csvCell, counts, $, $$,
    register(kind, fn) { pages.set(kind, fn); if (document.readyState !== "loading") init(); },
  });
  if (window.document$) window.document$.subscribe(init);
  else document.addEventListener("DOMContentLoaded", init);
})();
