/* A value kept in this browser's localStorage under one key, as {version, ...other fields, <field>: {id: entry}}, read
   entry by entry. What the page's validator understands comes back as `entries`; what it does not is set aside
   ({id, raw, reason}) and written back exactly as it was read, so a later release that understands it again finds
   it: deleting it (drop) is the only way it leaves storage. An entry may itself hold entries set aside (a record's
   entries): `spec.held(value)` says so and `spec.dump(value)` writes it back with them. Before a stored value that held
   anything not understood is rewritten, its raw text is copied to `<key>.backup` (the last few distinct copies, the
   oldest kept). Used by the personal records (records.js) for every page that keeps one: window.CareerStore. */
(() => {
  "use strict";
  const BACKUPS = 3;
  const own = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
  const isObject = (x) => x !== null && typeof x === "object" && !Array.isArray(x);
  // a plain own property even for a key such as "__proto__"
  const put = (o, k, v) => Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });
  const same = (v) => v;

  function get(key) {
    try { return localStorage.getItem(key); } catch (e) { return null; } // storage switched off: nothing stored
  }

  /* `spec`: {version, field, check, dump, held} (a function alone is `check` of the checklist's first shape,
     {version: 1, items}). `check(id, raw)` returns {value} for an entry it understands, {reason} (a text for the
     reader) otherwise. `problem` names why the whole value could not be read ("notJson", "notRecord",
     "newerVersion"): then nothing is understood, and the raw text is backed up before anything is written. `held`
     is true when anything was set aside, here or inside an entry: the raw text is backed up before a rewrite. */
  function read(key, spec) {
    const s = typeof spec === "function" ? { check: spec } : spec;
    const shape = { version: s.version || 1, field: s.field || "items", check: s.check, dump: s.dump || same, held: s.held || (() => false) };
    const rec = { key, shape, raw: get(key), problem: null, held: false, top: {}, entries: Object.create(null), setAside: [] };
    if (rec.raw === null) return rec;
    let doc;
    try { doc = JSON.parse(rec.raw); } catch (e) { rec.problem = "notJson"; return rec; }
    if (!isObject(doc) || !own(doc, shape.field) || !isObject(doc[shape.field])) { rec.problem = "notRecord"; return rec; }
    if (own(doc, "version") && doc.version !== shape.version) { rec.problem = "newerVersion"; return rec; }
    fill(rec, doc);
    return rec;
  }

  /* Read a document (parsed) into `rec` as if it had been stored: what a migration hands over. */
  function fill(rec, doc) {
    const { field, check, held } = rec.shape;
    for (const [k, v] of Object.entries(doc)) if (k !== field && k !== "version") put(rec.top, k, v); // kept as read
    for (const [id, raw] of Object.entries(doc[field])) {
      const r = check(id, raw);
      if (r.reason) rec.setAside.push({ id, raw, reason: r.reason });
      else put(rec.entries, id, r.value);
    }
    rec.held = rec.setAside.length > 0 || Object.values(rec.entries).some(held);
    return rec;
  }

  function backups(key) {
    const raw = get(key + ".backup");
    if (raw === null) return [];
    try {
      const list = JSON.parse(raw);
      if (Array.isArray(list) && list.every((b) => isObject(b) && typeof b.raw === "string")) return list;
    } catch (e) { /* not a list of ours: kept below as the oldest copy */ }
    return [{ at: null, raw }];
  }

  function backup(key, raw) {
    const list = backups(key);
    if (list.some((b) => b.raw === raw)) return;
    list.unshift({ at: new Date().toISOString(), raw });
    if (list.length > BACKUPS) list.splice(BACKUPS - 1, list.length - BACKUPS); // drop the middle, keep the oldest
    localStorage.setItem(key + ".backup", JSON.stringify(list));
  }

  /* Store rec.entries (each through the shape's dump) with every set-aside entry as it was read (on the same id, a
     set-aside entry wins). Returns false, having changed nothing, when the browser refuses (storage full or off). */
  function write(rec) {
    const { version, field, dump, held } = rec.shape;
    const items = Object.create(null);
    for (const [id, v] of Object.entries(rec.entries)) put(items, id, dump(v));
    for (const s of rec.setAside) put(items, s.id, s.raw);
    const text = JSON.stringify({ version, ...rec.top, [field]: items });
    try {
      if (rec.raw !== null && rec.raw !== text && (rec.problem || rec.held)) backup(rec.key, rec.raw);
      localStorage.setItem(rec.key, text);
    } catch (e) {
      return false;
    }
    rec.raw = text;
    rec.problem = null;
    rec.held = rec.setAside.length > 0 || Object.values(rec.entries).some(held);
    return true;
  }

  // Deleting a set-aside entry: it leaves storage at the next write(rec).
  function drop(rec, id) {
    rec.setAside = rec.setAside.filter((s) => s.id !== id);
  }

  window.CareerStore = Object.freeze({ read, fill, write, drop, backups, put, get });
})();
