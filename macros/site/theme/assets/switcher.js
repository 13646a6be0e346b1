/* The level switcher ("내 레벨: [role] [level]", theme/partials/switcher.html) and every "my level" link of a page.
   The reader picks a role and one of its levels; the choice is kept in this browser only, under one localStorage key,
   "career-framework-my-level", as {"version": 1, "role": <role id>, "level": <level id> or null}. It is read
   defensively: anything else stored there (not JSON, another shape or version, an id this site does not have) is
   ignored, never an error, and replaced only when the reader picks again; a choice the browser refuses to store
   lasts for the visit. The roles, their levels and each level's pages come from the build (api/levels.json,
   macros/site/switcher.py); renamed ids follow their aliases.
   Every element with data-cf-my-link points at the chosen level's page of its kind: "jd", "checklist", "next" (what the
   next level adds; none at the top of a ladder) or "gap" (the checklist's part about the next level). The switcher's
   own links are hidden while there is nothing to point at; other links (the home page's) keep their own address then. */
(() => {
  "use strict";
  const KEY = "career-framework-my-level";
  const VERSION = 1;
  const FORMAT = "career-framework-levels";
  const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
  const loaded = new Map(); // the data's address -> a promise of the data (null when it cannot be read)
  let shown = null; // the switcher on the page and its data, once they are ready
  let unsaved = null; // a choice the browser would not store (storage full or switched off): it lasts for this visit

  const isObject = (x) => x !== null && typeof x === "object" && !Array.isArray(x);
  const slug = (x) => (typeof x === "string" && x.length <= 80 && SLUG.test(x) ? x : null);
  const text = (x) => (typeof x === "string" ? x : "");
  const path = (x) => (typeof x === "string" && !/^[a-z][a-z0-9+.-]*:|^\/\//i.test(x) ? x : null); // relative only

  /* The stored choice, or null: never throws. */
  function stored() {
    if (unsaved) return unsaved;
    let raw = null;
    try { raw = localStorage.getItem(KEY); } catch (e) { return null; } // storage switched off
    if (raw === null) return null;
    let doc;
    try { doc = JSON.parse(raw); } catch (e) { return null; }
    if (!isObject(doc) || doc.version !== VERSION) return null;
    const role = slug(doc.role);
    return role ? { role, level: slug(doc.level) } : null;
  }

  function store(role, level) {
    try {
      localStorage.setItem(KEY, JSON.stringify({ version: VERSION, role, level: level || null }));
      unsaved = null;
    } catch (e) {
      unsaved = { role, level: level || null };
    }
  }

  function forget() {
    unsaved = null;
    try { localStorage.removeItem(KEY); } catch (e) { /* nothing could be stored either */ }
  }

  /* The build's data, checked entry by entry: what is not understood is left out. */
  function levelOf(raw) {
    if (!isObject(raw) || !slug(raw.id)) return null;
    const next = isObject(raw.next) && slug(raw.next.id) && path(raw.next.path)
      ? { id: raw.next.id, level: text(raw.next.level), path: path(raw.next.path) } : null;
    // offered by the level's name ("Mid"): the role is the other choice
    return { id: raw.id, title: text(raw.level) || text(raw.title) || raw.id, jd: path(raw.jd), checklist: path(raw.checklist), next,
             aliases: Array.isArray(raw.aliases) ? raw.aliases.filter(slug) : [] };
  }

  function dataOf(raw) {
    if (!isObject(raw) || raw.format !== FORMAT || !Array.isArray(raw.roles)) return null;
    const roles = [];
    for (const r of raw.roles) {
      if (!isObject(r) || !slug(r.id) || !Array.isArray(r.levels)) continue;
      const levels = r.levels.map(levelOf).filter(Boolean);
      if (levels.length) roles.push({ id: r.id, title: text(r.title) || r.id, levels,
                                      aliases: Array.isArray(r.aliases) ? r.aliases.filter(slug) : [] });
    }
    return roles.length ? { roles } : null;
  }

  function load(address) {
    if (!loaded.has(address)) {
      loaded.set(address, fetch(address, { credentials: "same-origin" })
        .then((r) => (r.ok ? r.json() : null)).then(dataOf).catch(() => null));
    }
    return loaded.get(address);
  }

  const find = (list, id) => (id ? list.find((x) => x.id === id) || list.find((x) => x.aliases.includes(id)) || null : null);

  /* The stored choice resolved against the data: {role, level} (either may be null). */
  function chosen(data) {
    const choice = stored();
    const role = choice ? find(data.roles, choice.role) : null;
    const level = role ? find(role.levels, choice.level) : null;
    if (role && (role.id !== choice.role || (level && level.id !== choice.level))) store(role.id, level && level.id); // renamed
    return { role, level };
  }

  function target(kind, level) {
    if (!level) return null;
    if (kind === "jd") return level.jd;
    if (kind === "checklist") return level.checklist;
    if (kind === "next") return level.next && level.next.path;
    if (kind === "gap") return level.checklist && (level.next ? level.checklist + "#gap" : level.checklist);
    return null;
  }

  /* The select's first option (the prompt) and one option per entry of `list`. */
  function options(select, list) {
    select.replaceChildren(select.options[0], ...list.map((x) => {
      const o = document.createElement("option");
      o.value = x.id;
      o.textContent = x.title;
      return o;
    }));
  }

  /* Show the choice in the switcher and point every "my level" link of the page at it. */
  function render(box, data) {
    const choice = chosen(data);
    const role = choice.role || (data.roles.length === 1 ? data.roles[0] : null); // one role: only the level to pick
    const level = choice.level;
    const roleSelect = box.querySelector("[data-cf-my-role]");
    const levelSelect = box.querySelector("[data-cf-my-level]");
    roleSelect.value = role ? role.id : "";
    options(levelSelect, role ? role.levels : []);
    levelSelect.disabled = !role;
    levelSelect.value = level ? level.id : "";
    const root = new URL((box.getAttribute("data-cf-root") || ".").replace(/\/?$/, "/"), location.href); // "/" on 404.html
    for (const a of document.querySelectorAll("[data-cf-my-link]")) {
      const kind = a.getAttribute("data-cf-my-link");
      const own = box.contains(a);
      const found = target(kind, level) || (own || !level ? null : level.jd); // no checklist: the JD is my level's page
      if (!a.hasAttribute("data-cf-default") && a.hasAttribute("href")) a.setAttribute("data-cf-default", a.getAttribute("href"));
      if (found) a.href = new URL(found, root).href;
      else if (a.hasAttribute("data-cf-default")) a.setAttribute("href", a.getAttribute("data-cf-default"));
      else a.removeAttribute("href");
      if (own) a.hidden = !found;
      if (kind === "next" && own && level && level.next) {
        a.textContent = (a.getAttribute("data-cf-text") || "{level}").replace("{level}", level.next.level || level.next.id);
      }
    }
    const hint = box.querySelector("[data-cf-my-hint]");
    if (hint) hint.hidden = Boolean(level);
  }

  function setup() {
    const box = document.querySelector("[data-cf-switcher]");
    if (!box || box.hasAttribute("data-cf-ready")) return; // a new box on every page (instant navigation swaps it)
    box.setAttribute("data-cf-ready", "");
    const address = new URL(box.getAttribute("data-cf-src") || "api/levels.json", location.href).href;
    load(address).then((data) => {
      if (!data || !document.contains(box)) return;
      const roleSelect = box.querySelector("[data-cf-my-role]");
      const levelSelect = box.querySelector("[data-cf-my-level]");
      options(roleSelect, data.roles);
      roleSelect.addEventListener("change", () => {
        const role = find(data.roles, roleSelect.value);
        const was = chosen(data).level;
        const level = role && was ? find(role.levels, was.id) : null; // the same level, where the new role has it
        if (role) store(role.id, level && level.id);
        else forget();
        render(box, data);
      });
      levelSelect.addEventListener("change", () => {
        const role = find(data.roles, roleSelect.value);
        if (role) store(role.id, find(role.levels, levelSelect.value) ? levelSelect.value : null);
        render(box, data);
      });
      shown = { box, data };
      render(box, data);
    });
  }

  window.addEventListener("storage", (ev) => { // a choice made in another tab
    if (ev.key === KEY && shown && document.contains(shown.box)) render(shown.box, shown.data);
  });
  if (window.document$) window.document$.subscribe(setup);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setup);
  else setup();
})();
