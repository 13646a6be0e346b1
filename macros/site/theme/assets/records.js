/* Personal records: the model, its validation, its migrations and where this browser keeps it (window.CareerRecords).

   A record is one person's view of a role at a level, by one rater (self, manager or peer), against one framework
   version: per expectation (item, behaviour, duty, core competency, KPI) a status, an explanation (required for "not
   met"), a note, evidence links and the wording it was given against. The file format is defined once, in Python
   (macros/exports/records.py, published as /api/records/record.schema.json); the checks below follow it rule by rule.

   Storage: localStorage "career-framework-records" = {format, version: 2, mine, local, records: {id: record}}, read
   through store.js record by record and, inside each record, entry by entry: what is not understood is set aside,
   shown with its reason and written back exactly as read. `mine` is the browser owner's own record (the checklists are
   a view of it); `local` holds, per record, when it was last exported and since when it has changes not exported.
   Migrations are a chain of steps, one per version (STEPS[1]: the checklist's version 1 to version 2); the old
   checklist key is read once, when nothing newer is stored, and left untouched. Nothing here touches the page. */
(() => {
  "use strict";
  const store = window.CareerStore;
  const FORMAT = "career-framework-records";
  const OLD_FORMAT = "career-framework-checklist";
  const VERSION = 2;
  const KEY = FORMAT; // the storage key of version 2
  const OLD_KEY = OLD_FORMAT; // the checklist's key (version 1)
  const LEVEL_KEY = "career-framework-my-level"; // the level switcher's choice (switcher.js)
  /** Every key the record pages, the checklists and the level switcher write (and the old checklist's): what "delete all
      my data" removes and the privacy page lists. */
  const KEYS = [KEY, `${KEY}.backup`, OLD_KEY, `${OLD_KEY}.backup`, LEVEL_KEY];
  const STATUSES = ["not-yet", "working", "met", "not-met"];
  const RATERS = ["self", "manager", "peer"];
  // the limits of macros/exports/records.py (LIMITS.paragraph, .line, .name; MAX_EVIDENCE, MAX_ENTRIES, MAX_RECORDS)
  const LIMIT = { text: 5000, title: 300, name: 100, url: 2000, version: 64, evidence: 20, entries: 5000, records: 200 };
  const EXPECTATION = /^(?:(?:duty|competency):[a-z0-9]+(?:-[a-z0-9]+)*:[1-9][0-9]{0,3}|kpi:[a-z0-9]+(?:-[a-z0-9]+)*|[a-z0-9]+(?:-[a-z0-9]+)*(?:--[a-z0-9]+(?:-[a-z0-9]+)*)?)$/;
  const ITEM = /^[a-z0-9]+(?:-[a-z0-9]+)*(?:--[a-z0-9]+(?:-[a-z0-9]+)*)?$/; // the checklist's ids (version 1)
  const RECORD_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;
  const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
  const STAMP = /^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9:.]+Z$/;
  // a link: http(s), or a path on the same site; never a scheme, `//host`, nor a backslash in a path (browsers read
  // `\\host` and `/\host` as `//host`). The twin of macros/exports/records.py LINK.
  const LINK = /^(https?:\/\/[^\s]+|\/|\/[^\s:/\\][^\s:\\]*|[^\s:/\\][^\s:\\]*)?$/;
  const ENTRY_FIELDS = ["status", "explanation", "note", "evidence", "wording", "updated"];
  const RECORD_FIELDS = ["id", "person", "role", "level", "target", "rater", "raterName", "framework", "created", "updated", "entries"];
  const FILE_FIELDS = ["$schema", "format", "version", "exported", "records"];
  const own = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
  const isObject = (x) => x !== null && typeof x === "object" && !Array.isArray(x);
  const put = store.put;
  const chars = (s) => [...s].length; // as Python counts: code points
  const text = (v, max, min = 0) => typeof v === "string" && chars(v) <= max && chars(v) >= min;
  const now = () => new Date().toISOString();
  const norm = (s) => String(s || "").replace(/\s+/g, " ").trim();

  /* Messages: every reason is a text for the reader, from the page's labels (`t`, set by the page). */
  let t = (key) => key;
  function useMessages(fn) { t = fn; }

  function newId() {
    const bytes = new Uint8Array(8);
    crypto.getRandomValues(bytes);
    return "r-" + [...bytes].map((b) => b.toString(36).padStart(2, "0")).join("").slice(0, 14);
  }

  function toStamp(v) { // a time as the format writes it, or null
    if (typeof v !== "string") return null;
    if (STAMP.test(v)) return v;
    const d = new Date(v);
    return v && !Number.isNaN(d.getTime()) ? d.toISOString() : null;
  }

  // checks -----------------------------------------------------------------------------------------------------
  function checkEvidence(list) { // "" when fine
    if (!Array.isArray(list) || list.length > LIMIT.evidence) return t("whyEvidence", { max: LIMIT.evidence });
    for (const ev of list) {
      if (!isObject(ev) || Object.keys(ev).some((k) => !["title", "url", "date"].includes(k))) return t("whyEvidence", { max: LIMIT.evidence });
      if (!text(ev.title, LIMIT.title, 1)) return t("whyEvidenceTitle", { max: LIMIT.title });
      if (own(ev, "url") && !(text(ev.url, LIMIT.url) && LINK.test(ev.url))) return t("whyUrl", { max: LIMIT.url });
      if (own(ev, "date") && ev.date !== null && !(typeof ev.date === "string" && DATE.test(ev.date))) return t("whyDate");
    }
    return "";
  }

  /* One entry: {value} (only the fields it has, of the right types) or {reason}. */
  function checkEntry(id, e) {
    if (!EXPECTATION.test(id)) return { reason: t("whyId") };
    if (!isObject(e)) return { reason: t("whyEntry") };
    const unknown = Object.keys(e).find((k) => !ENTRY_FIELDS.includes(k));
    if (unknown !== undefined) return { reason: t("whyField", { field: unknown.slice(0, 40) }) };
    if (!STATUSES.includes(e.status)) return { reason: t("whyStatus") };
    for (const k of ["explanation", "note", "wording"]) {
      if (own(e, k) && !text(e[k], LIMIT.text)) return { reason: t("whyText", { field: t(`field_${k}`), max: LIMIT.text }) };
    }
    if (own(e, "evidence")) { const why = checkEvidence(e.evidence); if (why) return { reason: why }; }
    if (own(e, "updated") && e.updated !== null && !(typeof e.updated === "string" && STAMP.test(e.updated))) return { reason: t("whyUpdated") };
    if (e.status === "not-met" && !norm(e.explanation)) return { reason: t("whyExplain") };
    const value = { status: e.status };
    for (const k of ["explanation", "note", "wording"]) if (e[k]) value[k] = e[k];
    if (e.evidence && e.evidence.length) value.evidence = e.evidence.map((ev) => ({ ...ev }));
    if (e.updated) value.updated = e.updated;
    return { value };
  }

  /* A record's own fields (everything but its entries): {value} or {reason}. */
  function checkHeader(r) {
    if (!isObject(r)) return { reason: t("whyRecord") };
    const unknown = Object.keys(r).find((k) => !RECORD_FIELDS.includes(k));
    if (unknown !== undefined) return { reason: t("whyField", { field: unknown.slice(0, 40) }) };
    if (!(typeof r.id === "string" && RECORD_ID.test(r.id))) return { reason: t("whyRecordId") };
    if (!text(r.person, LIMIT.name, 1) || !norm(r.person)) return { reason: t("whyPerson", { max: LIMIT.name }) };
    for (const k of ["role", "level"]) if (!(typeof r[k] === "string" && SLUG.test(r[k]))) return { reason: t("whyRoleLevel") };
    if (own(r, "target") && r.target !== null && !(typeof r.target === "string" && SLUG.test(r.target))) return { reason: t("whyRoleLevel") };
    if (!RATERS.includes(r.rater)) return { reason: t("whyRater") };
    if (own(r, "raterName") && !text(r.raterName, LIMIT.name)) return { reason: t("whyPerson", { max: LIMIT.name }) };
    const fw = r.framework;
    if (!isObject(fw) || Object.keys(fw).some((k) => k !== "id" && k !== "version") || !(typeof fw.id === "string" && SLUG.test(fw.id))
        || !text(fw.version, LIMIT.version)) return { reason: t("whyFramework") };
    if (!(typeof r.created === "string" && STAMP.test(r.created)) || !(typeof r.updated === "string" && STAMP.test(r.updated))) {
      return { reason: t("whyUpdated") };
    }
    if (own(r, "entries") && (!isObject(r.entries) || Object.keys(r.entries).length > LIMIT.entries)) return { reason: t("whyEntries", { max: LIMIT.entries }) };
    const value = { id: r.id, person: r.person, role: r.role, level: r.level, target: r.target || null, rater: r.rater,
      raterName: r.raterName || "", framework: { id: fw.id, version: fw.version }, created: r.created, updated: r.updated };
    return { value };
  }

  /* A stored record: its entries read one by one (those not understood set aside inside it). */
  function checkStored(id, raw) {
    const h = checkHeader(raw);
    if (h.reason) return h;
    if (raw.id !== id) return { reason: t("whyKey") };
    const rec = { ...h.value, entries: Object.create(null), setAside: [] };
    for (const [eid, e] of Object.entries(raw.entries || {})) {
      const c = checkEntry(eid, e);
      if (c.reason) rec.setAside.push({ id: eid, raw: e, reason: c.reason });
      else put(rec.entries, eid, c.value);
    }
    return { value: rec };
  }

  /* A record as the file format writes it (set-aside entries only when asked: they go back to storage as read). */
  function dump(rec, withSetAside = true) {
    const entries = Object.create(null);
    for (const [id, e] of Object.entries(rec.entries)) put(entries, id, e);
    if (withSetAside) for (const s of rec.setAside || []) put(entries, s.id, s.raw);
    const out = { id: rec.id, person: rec.person, role: rec.role, level: rec.level, target: rec.target || null, rater: rec.rater,
      raterName: rec.raterName || "", framework: { ...rec.framework }, created: rec.created, updated: rec.updated, entries };
    return out;
  }

  const SHAPE = { version: VERSION, field: "records", check: (id, raw) => checkStored(id, raw), dump: (r) => dump(r),
    held: (r) => r.setAside.length > 0 };

  // migrations: one step per version, each from a document of that version to the next ------------------------
  /* Version 1: the checklist ({version: 1, items: {id: {done, note, url, title, updated}}}, stored or exported with
     format, framework, frameworkVersion and exportedAt) becomes one self record. A tick is "met"; a note stays the
     note; the learning link becomes one evidence link dated by `updated`; the title is the wording it was ticked
     against. An entry that cannot be read that way is handed on as it was, to be set aside by version 2's check. */
  function entryFromV1(e) {
    if (!isObject(e) || Object.keys(e).some((k) => !["done", "note", "url", "title", "updated"].includes(k))) return e;
    if (own(e, "done") && typeof e.done !== "boolean") return e;
    const out = { status: e.done ? "met" : "not-yet" };
    if (typeof e.note === "string" && e.note) out.note = e.note;
    else if (own(e, "note") && typeof e.note !== "string") return e;
    if (typeof e.title === "string" && e.title) out.wording = e.title;
    const stamp = toStamp(e.updated);
    if (stamp) out.updated = stamp;
    if (typeof e.url === "string" && e.url) {
      out.evidence = [{ title: t("linkText"), url: e.url, ...(stamp ? { date: stamp.slice(0, 10) } : {}) }];
    } else if (own(e, "url") && typeof e.url !== "string") return e;
    return out;
  }

  const STEPS = {
    1(doc, ctx) {
      const entries = Object.create(null);
      let first = null, last = null;
      for (const [id, e] of Object.entries(doc.items)) {
        const v = entryFromV1(e);
        put(entries, id, v);
        const at = isObject(v) && typeof v.updated === "string" ? v.updated : null;
        if (at && (!first || at < first)) first = at;
        if (at && (!last || at > last)) last = at;
      }
      const stamp = toStamp(doc.exportedAt) || now();
      const fwId = typeof doc.framework === "string" && SLUG.test(doc.framework) ? doc.framework : ctx.framework.id;
      const fwVersion = text(doc.frameworkVersion, LIMIT.version, 1) ? doc.frameworkVersion : ctx.framework.version;
      const record = { id: newId(), person: ctx.person, role: ctx.role, level: ctx.level, target: ctx.target || null, rater: "self",
        raterName: "", framework: { id: fwId, version: fwVersion }, created: first || stamp, updated: last || stamp, entries };
      return { format: FORMAT, version: 2, exported: stamp, records: [record] };
    },
  };

  /* A document of `version` carried step by step to the current version. */
  function migrate(doc, version, ctx) {
    let out = doc;
    for (let v = version; v < VERSION; v++) out = STEPS[v](out, ctx);
    return out;
  }

  // storage --------------------------------------------------------------------------------------------------
  /* Everything this browser keeps: a store.js record whose entries are the records. `ctx` ({person, role, level,
     framework: {id, version}}) is what a record begun from the old checklist takes: the old record (version 1) is read
     only when nothing newer is stored, migrated, and stored at once as version 2 (its id must stay the same on every
     page); the old key is left as it was. `oldProblem` says why an old record could not be read (it stays stored). */
  function load(ctx) {
    const st = store.read(KEY, SHAPE);
    st.oldProblem = null;
    st.migrated = false;
    if (st.raw !== null) return st;
    const old = store.get(OLD_KEY);
    if (old === null) return st;
    let doc;
    try { doc = JSON.parse(old); } catch (e) { st.oldProblem = "notJson"; return st; }
    if (!isObject(doc) || !isObject(doc.items)) { st.oldProblem = "notRecord"; return st; }
    if (own(doc, "version") && doc.version !== 1) { st.oldProblem = "newerVersion"; return st; }
    const file = migrate(doc, 1, ctx);
    const rec = file.records[0];
    const records = Object.create(null);
    put(records, rec.id, rec);
    store.fill(st, { format: FORMAT, mine: rec.id, local: {}, records });
    st.migrated = true;
    store.write(st); // the first version-2 value: written once, so every page and tab sees the same record
    return st;
  }

  const save = (st) => store.write(st);
  const records = (st) => Object.values(st.entries);
  const mine = (st) => (typeof st.top.mine === "string" && own(st.entries, st.top.mine) ? st.entries[st.top.mine] : null);
  function local(st, id) {
    if (!isObject(st.top.local)) put(st.top, "local", {});
    const l = st.top.local;
    if (!isObject(l[id])) put(l, id, { exported: null, changed: null });
    return l[id];
  }
  /* A record changed: its time, and since when it has changes not exported. */
  function touch(st, rec) {
    rec.updated = now();
    const l = local(st, rec.id);
    if (!l.changed) l.changed = rec.updated;
  }
  function exported(st, ids) {
    const at = now();
    for (const id of ids) Object.assign(local(st, id), { exported: at, changed: null });
  }
  function remove(st, id) {
    delete st.entries[id];
    if (isObject(st.top.local)) delete st.top.local[id];
    if (st.top.mine === id) delete st.top.mine;
  }

  /* A new record (no entries). */
  function create(fields, fw) {
    const at = now();
    return { id: newId(), person: fields.person, role: fields.role, level: fields.level, target: fields.target || null,
      rater: fields.rater || "self", raterName: fields.raterName || "", framework: { id: fw.id, version: fw.version },
      created: at, updated: at, entries: Object.create(null), setAside: [] };
  }

  /* Set one entry of a record (null: remove it). Returns false when its stored entry is set aside (only deleting it
     frees the expectation). */
  function setEntry(rec, id, entry) {
    if (rec.setAside.some((s) => s.id === id)) return false;
    if (entry === null) delete rec.entries[id];
    else put(rec.entries, id, entry);
    return true;
  }
  const empty = (e) => e.status === "not-yet" && !e.note && !e.explanation && !(e.evidence && e.evidence.length);

  // files ----------------------------------------------------------------------------------------------------
  /* The checklist's version-1 entries, checked as that version did for an import (unknown fields left out). */
  function checkV1(items) {
    if (!isObject(items)) throw new Error(t("notRecordsFile"));
    const out = Object.create(null);
    for (const [id, e] of Object.entries(items)) {
      const bad = (why) => new Error(t("badEntry", { id: id.slice(0, 60), why }));
      if (!ITEM.test(id)) throw bad(t("whyId"));
      if (!isObject(e)) throw bad(t("whyEntry"));
      const v = {};
      if (own(e, "done")) { if (typeof e.done !== "boolean") throw bad(t("whyDone")); v.done = e.done; }
      for (const [k, max] of [["note", LIMIT.text], ["title", 600], ["updated", 64]]) {
        if (own(e, k)) { if (!text(e[k], max)) throw bad(t("whyText", { field: t(`field_${k}`), max })); if (e[k]) v[k] = e[k]; }
      }
      if (own(e, "url")) {
        if (!text(e.url, LIMIT.url) || (e.url && !LINK.test(e.url))) throw bad(t("whyUrl", { max: LIMIT.url }));
        if (e.url) v.url = e.url;
      }
      put(out, id, v);
    }
    return out;
  }

  /* A file's person when it has none (version 1): its name without the extension. */
  function personOf(name) {
    const base = norm(String(name || "").replace(/\.[A-Za-z0-9]{1,10}$/, ""));
    return base ? [...base].slice(0, LIMIT.name).join("") : t("unnamed");
  }

  /* The records of a file, checked in full (an error names the first problem; nothing is half read). A version-1 file
     becomes one new self record whose person is the file's name and whose role and level are those the name holds
     (`checklist-<role>-<level>.json`, as the checklist names its exports), else ctx's. Returns {records, version}. */
  function readFile(textValue, name, ctx) {
    let doc;
    try { doc = JSON.parse(textValue); } catch (e) { throw new Error(t("notJson")); }
    if (!isObject(doc)) throw new Error(t("notRecordsFile"));
    let version = doc.version;
    if (doc.format === OLD_FORMAT) {
      if (own(doc, "version") && doc.version !== 1) throw new Error(t("newerFile", { version: String(doc.version).slice(0, 10) }));
      const items = checkV1(doc.items);
      let role = ctx.role, level = ctx.level;
      for (const r of ctx.roles || []) for (const lv of r.levels) if (String(name || "").includes(`${r.id}-${lv.id}`)) { role = r.id; level = lv.id; }
      doc = migrate({ ...doc, items }, 1, { ...ctx, role, level, person: personOf(name) });
      version = 1;
    } else if (doc.format !== FORMAT) {
      throw new Error(t("notRecordsFile"));
    } else if (doc.version !== VERSION) {
      throw new Error(typeof doc.version === "number" && doc.version > VERSION ? t("newerFile", { version: String(doc.version) }) : t("notRecordsFile"));
    }
    const unknown = Object.keys(doc).find((k) => !FILE_FIELDS.includes(k));
    if (unknown !== undefined) throw new Error(t("whyField", { field: unknown.slice(0, 40) }));
    if (!Array.isArray(doc.records) || !doc.records.length || doc.records.length > LIMIT.records) throw new Error(t("whyRecords", { max: LIMIT.records }));
    if (own(doc, "exported") && !(typeof doc.exported === "string" && STAMP.test(doc.exported))) throw new Error(t("whyUpdated"));
    const out = [];
    const ids = new Set();
    doc.records.forEach((raw, i) => {
      const who = isObject(raw) && typeof raw.person === "string" ? raw.person.slice(0, 60) : String(i + 1);
      const h = checkHeader(raw);
      if (h.reason) throw new Error(t("badRecord", { who, why: h.reason }));
      if (ids.has(raw.id)) throw new Error(t("badRecord", { who, why: t("whyDuplicate") }));
      ids.add(raw.id);
      const rec = { ...h.value, entries: Object.create(null), setAside: [] };
      for (const [eid, e] of Object.entries(raw.entries || {})) {
        const c = checkEntry(eid, e);
        if (c.reason) throw new Error(t("badRecord", { who, why: t("badEntry", { id: eid.slice(0, 60), why: c.reason }) }));
        put(rec.entries, eid, c.value);
      }
      out.push(rec);
    });
    return { records: out, version };
  }

  /* A file of records (the format's version 2). */
  function fileOf(list) {
    return { $schema: "record.schema.json", format: FORMAT, version: VERSION, exported: now(), records: list.map((r) => dump(r, false)) };
  }

  /* What would change if `next` replaced `prev` (same id): entries added, removed, changed; fields of the record. */
  function differences(prev, next) {
    const ids = new Set([...Object.keys(prev.entries), ...Object.keys(next.entries)]);
    let added = 0, removed = 0, changed = 0;
    for (const id of ids) {
      const a = prev.entries[id], b = next.entries[id];
      if (!a) added++;
      else if (!b) removed++;
      else if (JSON.stringify(a) !== JSON.stringify(b)) changed++;
    }
    const fields = ["person", "level", "target", "rater", "raterName"].filter((k) => (prev[k] || "") !== (next[k] || ""));
    return { added, removed, changed, fields, same: !added && !removed && !changed && !fields.length };
  }

  /* The same person: names compared without case and spacing. */
  const personKey = (rec) => norm(rec.person).toLowerCase();

  // follows renamed ids (aliases), in memory: saved with the record's next change
  function followRenames(rec, aliases) {
    const moved = [];
    const held = new Set(rec.setAside.map((s) => s.id));
    for (const [old, e] of Object.entries(rec.entries)) {
      const id = aliases[old];
      if (typeof id === "string" && id !== old && !own(rec.entries, id) && !held.has(id)) {
        put(rec.entries, id, e);
        delete rec.entries[old];
        moved.push([old, id]);
      }
    }
    return moved;
  }

  /* Reminders: records with changes not exported for `days` days or more. */
  const REMIND_DAYS = 14;
  function reminders(st, days = REMIND_DAYS) {
    const out = [];
    const l = isObject(st.top.local) ? st.top.local : {};
    for (const rec of records(st)) {
      const at = isObject(l[rec.id]) && typeof l[rec.id].changed === "string" ? Date.parse(l[rec.id].changed) : NaN;
      if (!Number.isNaN(at)) {
        const age = Math.floor((Date.now() - at) / 86400000);
        if (age >= days) out.push({ rec, days: age });
      }
    }
    return out;
  }

  /* Delete everything the feature stored in this browser: its keys, and only those. Returns the keys removed. */
  function deleteAll() {
    const gone = [];
    for (const k of KEYS) {
      try { if (localStorage.getItem(k) !== null) { localStorage.removeItem(k); gone.push(k); } } catch (e) { /* storage off */ }
    }
    return gone;
  }

  window.CareerRecords = Object.freeze({
    FORMAT, OLD_FORMAT, VERSION, KEY, OLD_KEY, LEVEL_KEY, KEYS, STATUSES, RATERS, LIMIT, LINK, STEPS, REMIND_DAYS,
    useMessages, newId, now, norm, chars, toStamp, checkEntry, checkHeader, checkStored, dump, migrate, load, save, records,
    mine, local, touch, exported, remove, create, setEntry, empty, readFile, fileOf, differences, personKey, followRenames,
    reminders, deleteAll, put, own, isObject, store,
  });
})();
