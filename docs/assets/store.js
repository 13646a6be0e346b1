/* A record kept in this browser's localStorage under one key, as {version: 1, items: {id: entry}}, read entry by
   entry. What the page's validator understands comes back as `entries`; what it does not is set aside
   ({id, raw, reason}) and written back exactly as it was read, so a later release that understands it again finds
   it: deleting it (drop) is the only way it leaves storage. Before a stored value that held anything not
   understood is rewritten, its raw text is copied to `<key>.backup` (the last few distinct copies, the oldest
   kept). Used by the checklist (checklist.js) and meant for every page that keeps a record: window.CareerStore. */
(() => {
  "use strict";
  const BACKUPS = 3;
  const own = (o, k) => Object.prototype.hasOwnProperty.call(o, k);
  const isObject = (x) => x !== null && typeof x === "object" && !Array.isArray(x);
  // a plain own property even for a key such as "__proto__"
  const put = (o, k, v) => Object.defineProperty(o, k, { value: v, enumerable: true, writable: true, configurable: true });

  function get(key) {
    try { return localStorage.getItem(key); } catch (e) { return null; } // storage switched off: nothing stored
  }

  /* `check(id, raw)` returns {value} for an entry it understands, {reason} (a text for the reader) otherwise.
     `problem` names why the whole value could not be read ("notJson", "notRecord", "newerVersion"): then nothing
     is understood, and the raw text is backed up before anything is written. */
  function read(key, check) {
    const rec = { key, raw: get(key), problem: null, top: {}, entries: Object.create(null), setAside: [] };
    if (rec.raw === null) return rec;
    let doc;
    try { doc = JSON.parse(rec.raw); } catch (e) { rec.problem = "notJson"; return rec; }
    if (!isObject(doc) || !own(doc, "items") || !isObject(doc.items)) { rec.problem = "notRecord"; return rec; }
    if (own(doc, "version") && doc.version !== 1) { rec.problem = "newerVersion"; return rec; }
    for (const [k, v] of Object.entries(doc)) if (k !== "items") put(rec.top, k, v); // other fields: kept as read
    for (const [id, raw] of Object.entries(doc.items)) {
      const r = check(id, raw);
      if (r.reason) rec.setAside.push({ id, raw, reason: r.reason });
      else put(rec.entries, id, r.value);
    }
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

  /* Store rec.entries with every set-aside entry as it was read (on the same id, a set-aside entry wins).
     Returns false, having changed nothing, when the browser refuses (storage full or switched off). */
  function write(rec) {
    const items = Object.create(null);
    for (const [id, v] of Object.entries(rec.entries)) put(items, id, v);
    for (const s of rec.setAside) put(items, s.id, s.raw);
    const text = JSON.stringify({ version: 1, ...rec.top, items });
    try {
      if (rec.raw !== null && rec.raw !== text && (rec.problem || rec.setAside.length)) backup(rec.key, rec.raw);
      localStorage.setItem(rec.key, text);
    } catch (e) {
      return false;
    }
    rec.raw = text;
    rec.problem = null;
    return true;
  }

  // Deleting a set-aside entry: it leaves storage at the next write(rec).
  function drop(rec, id) {
    rec.setAside = rec.setAside.filter((s) => s.id !== id);
  }

  window.CareerStore = Object.freeze({ read, write, drop, backups, put });
})();
