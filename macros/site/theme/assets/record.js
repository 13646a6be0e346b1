/* One record, rated expectation by expectation (/records/record/?id=<record>[&with=<record>]): the record's own
   column is edited here; the other raters' records of the same person and role stand beside it, read only. Both values
   are shown per expectation, never averaged or overwritten; a different status is marked in words; every note says who
   wrote it. Above: what changed in the framework since the record was saved (renamed ids carried over, removed ones
   archived, changed wording flagged with old → new) and the 1:1 agenda. */
(() => {
  "use strict";
  const R = window.CareerRecords;
  const P = window.CareerPages;
  const { el, $, $$ } = P;
  const DATE = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

  /* What the framework says now about the entries of a record: entries carried to a renamed id (in memory), entries
     of ids the framework no longer has (archived), entries whose expectation's wording changed since they were given. */
  function compare(rec, index) {
    const aliases = (index && index.aliases) || {};
    const known = (index && index.wording && index.wording[rec.role]) || null;
    const moved = R.followRenames(rec, aliases);
    const removed = [], changed = new Map();
    if (known) {
      for (const [id, e] of Object.entries(rec.entries)) {
        if (!R.own(known, id)) removed.push(id);
        else if (e.wording && !known[id].some((w) => R.norm(w) === R.norm(e.wording))) changed.set(id, { old: e.wording, now: known[id][0] });
      }
    }
    return { moved, removed, changed };
  }

  function recordPage(page) {
    const { root, t } = page;
    const params = new URLSearchParams(location.search);
    const id = params.get("id") || "";
    const withId = params.get("with");
    let st = page.load();
    page.problems(st);
    if (!st.entries[id]) { $("[data-cf-missing]", root).hidden = false; return; }
    const box = root;
    const rootHref = page.data.cfHrefRoot;
    let filter = "all";
    let index = null, exps = [], expById = new Map(), targetIds = new Set(), targetData = null;
    const rows = new Map(); // expectation id -> {li, refresh}
    const pending = new Set(); // "not met" chosen, waiting for its explanation

    const rec = () => st.entries[id];
    function others() {
      const r = rec();
      if (withId && withId !== id && st.entries[withId]) return [st.entries[withId]];
      return R.records(st).filter((o) => o.id !== id && o.role === r.role && R.personKey(o) === R.personKey(r));
    }
    const differs = (expId) => {
      const seen = new Set([rec(), ...others()].map((r) => r.entries[expId]).filter(Boolean).map((e) => e.status));
      return seen.size > 1;
    };
    let cmp = { moved: [], removed: [], changed: new Map() };
    const otherCmp = new Map();
    function analyse() {
      cmp = compare(rec(), index);
      for (const o of others()) otherCmp.set(o.id, compare(o, index));
    }
    const wordingOf = (expId) => {
      const x = expById.get(expId);
      if (x) return x.title;
      const w = index && index.wording && index.wording[rec().role] && index.wording[rec().role][expId];
      return w ? w[0] : "";
    };

    /* Change one entry of this record (read-modify-write); `fn` gets a copy and returns the entry, or null for no change. */
    function change(expId, fn, restate) {
      const next = page.load();
      const r = next.entries[id];
      if (!r) { page.say(t("recordGone")); return false; }
      compare(r, index); // renamed ids are carried over with this write
      if (r.setAside.some((s) => s.id === expId)) { page.say(t("heldBack", { id: expId })); return false; }
      const prev = r.entries[expId] ? { ...r.entries[expId] } : { status: "not-yet" };
      const e = fn(prev);
      if (!e) return false;
      if (restate || !e.wording) e.wording = wordingOf(expId);
      e.updated = R.now();
      R.setEntry(r, expId, R.empty(e) ? null : e);
      R.touch(next, r);
      r.framework = { ...page.fw };
      if (!page.save(next)) return false;
      st = next;
      analyse();
      refresh(expId);
      renderCounts();
      renderAgenda();
      renderChanges();
      return true;
    }

    // one expectation ------------------------------------------------------------------------------------------
    const who = (r) => page.raterLabel(r);
    function statusTag(e) {
      if (!e) return el("span", { className: "cf-st cf-st-none", text: t("notRated") });
      return el("span", { className: `cf-st cf-st-${e.status}`, text: page.statusLabel(e.status) });
    }
    function evidenceList(list) {
      return el("ul", { className: "cf-evidence" }, ...(list || []).map((ev) => el("li", {},
        ev.url ? el("a", { href: ev.url, rel: "noreferrer noopener", referrerpolicy: "no-referrer", text: ev.title }) : ev.title,
        ev.date ? ` (${ev.date})` : "")));
    }
    function otherColumn(o, expId) {
      const e = o.entries[expId];
      const col = el("div", { className: "cf-col cf-col-other", "data-cf-col": o.id });
      col.append(el("p", { className: "cf-col-who", text: who(o) }), el("p", { className: "cf-col-status" }, statusTag(e)));
      if (o.setAside.some((s) => s.id === expId)) col.append(el("p", { className: "cf-hint", text: t("entrySetAside") }));
      if (!e) return col;
      const ch = otherCmp.get(o.id) && otherCmp.get(o.id).changed.get(expId);
      if (ch) col.append(el("p", { className: "cf-changed", text: t("changedWording", ch) }));
      if (e.explanation) col.append(el("p", { className: "cf-explanation" }, el("strong", { text: `${t("field_explanation")}: ` }), e.explanation, " ",
        el("span", { className: "cf-by", text: t("by", { who: who(o) }) })));
      if (e.note) col.append(el("p", { className: "cf-note-text" }, e.note, " ", el("span", { className: "cf-by", text: t("by", { who: who(o) }) })));
      if (e.evidence && e.evidence.length) col.append(evidenceList(e.evidence));
      return col;
    }

    function editColumn(x, n) {
      const r = rec();
      const col = el("div", { className: "cf-col cf-col-edit", "data-cf-col": r.id });
      const set = el("fieldset", { className: "cf-status-set" }, el("legend", { className: "cf-sr", text: t("statusOf", { title: x.title.slice(0, 120), who: who(r) }) }));
      for (const s of R.STATUSES) {
        set.append(el("label", { className: "cf-radio" }, el("input", { type: "radio", name: `cf-s-${n}`, value: s, "data-status": s }), ` ${page.statusLabel(s)}`));
      }
      const explain = el("p", { className: "cf-explain", hidden: true },
        el("label", {}, el("span", { className: "cf-label", text: t("explanationLabel", { who: who(r) }) }),
          el("textarea", { rows: "2", maxlength: String(R.LIMIT.text), "data-field": "explanation" })),
        el("span", { className: "cf-error", "data-cf-error": "", role: "alert" }));
      const more = el("details", { className: "cf-more-box" }, el("summary", { "data-cf-more": "" }));
      more.addEventListener("toggle", () => { if (more.open && !more.dataset.built) buildMore(more, x); });
      col.append(el("p", { className: "cf-col-who", text: who(r) }), set, explain, more, el("span", { className: "cf-saved", "data-cf-saved": "", "aria-live": "polite" }));
      if (r.setAside.some((s) => s.id === x.id)) col.append(el("p", { className: "cf-hint", text: t("entrySetAside") }));
      return col;
    }

    function buildMore(more, x) {
      more.dataset.built = "1";
      const r = rec();
      const e = r.entries[x.id] || {};
      const note = el("textarea", { rows: "2", maxlength: String(R.LIMIT.text), "data-field": "note" });
      note.value = e.note || "";
      const fields = el("fieldset", { className: "cf-evidence-new" }, el("legend", { text: t("addEvidence") }),
        el("label", {}, el("span", { className: "cf-label", text: t("evidenceTitle") }), el("input", { type: "text", maxlength: String(R.LIMIT.title), "data-ev": "title" })),
        el("label", {}, el("span", { className: "cf-label", text: t("evidenceUrl") }), el("input", { type: "url", maxlength: String(R.LIMIT.url), "data-ev": "url", placeholder: "https://" })),
        el("label", {}, el("span", { className: "cf-label", text: t("evidenceDate") }), el("input", { type: "date", "data-ev": "date" })),
        el("button", { type: "button", className: "md-button", "data-cf-action": "add-evidence", text: t("add") }));
      more.append(el("label", {}, el("span", { className: "cf-label", text: t("noteLabel", { who: who(r) }) }), note),
        el("ul", { className: "cf-evidence", "data-cf-evidence": "" }), fields);
      refresh(x.id);
    }

    function row(x, n) {
      const li = el("li", { className: "cf-exp", "data-cf-exp": x.id, "data-kind": x.kind });
      const title = x.path ? el("a", { href: rootHref + x.path, text: x.title }) : el("span", { text: x.title });
      const level = targetIds.has(x.id) ? t("targetAdds", { level: page.levelTitle(rec().role, rec().target) })
        : x.from ? page.levelTitle(rec().role, x.from) : t(`kind_${x.kind}`);
      li.append(el("p", { className: "cf-exp-title" }, title, " ", el("span", { className: "cf-level", text: level }),
        el("strong", { className: "cf-differ", "data-cf-differ": "", hidden: true, text: t("differs") }),
        el("span", { className: "cf-changed-badge", "data-cf-changed": "", hidden: true, text: t("changedSince") })));
      if (x.metrics && x.metrics.length) li.append(el("p", { className: "cf-hint", text: x.metrics.join(" · ") }));
      li.append(el("p", { className: "cf-changed", "data-cf-changed-text": "", hidden: true }),
        el("div", { className: "cf-cols" }, editColumn(x, n), el("div", { className: "cf-others", "data-cf-others": "" })));
      rows.set(x.id, li);
      return li;
    }

    function refresh(expId) {
      const li = rows.get(expId);
      if (!li) return;
      const r = rec();
      const e = r.entries[expId];
      const locked = r.setAside.some((s) => s.id === expId);
      const chosen = pending.has(expId) ? "not-met" : e ? e.status : null;
      for (const input of $$("input[type=radio]", li)) { input.checked = input.value === chosen; input.disabled = locked; }
      const explain = $(".cf-explain", li);
      explain.hidden = chosen !== "not-met";
      const ta = $("textarea[data-field=explanation]", li);
      if (document.activeElement !== ta) ta.value = (e && e.explanation) || "";
      ta.disabled = locked;
      $("[data-cf-error]", li).textContent = pending.has(expId) ? t("explainFirst") : "";
      const more = $("details.cf-more-box", li);
      const n = e ? (e.note ? 1 : 0) + (e.evidence ? e.evidence.length : 0) : 0;
      $("summary", more).textContent = n ? t("noteAndEvidenceN", { n }) : t("noteAndEvidence");
      if (more.dataset.built) {
        const note = $("textarea[data-field=note]", more);
        if (document.activeElement !== note) note.value = (e && e.note) || "";
        note.disabled = locked;
        $("[data-cf-evidence]", more).replaceChildren(...((e && e.evidence) || []).map((ev, i) => el("li", {},
          ev.url ? el("a", { href: ev.url, rel: "noreferrer noopener", referrerpolicy: "no-referrer", text: ev.title }) : ev.title,
          ev.date ? ` (${ev.date}) ` : " ",
          el("button", { type: "button", className: "md-button cf-small", "data-cf-action": "remove-evidence", "data-index": String(i),
            text: t("remove"), "aria-label": t("removeEvidence", { title: ev.title.slice(0, 80) }) }))));
      }
      const ch = cmp.changed.get(expId);
      $("[data-cf-changed]", li).hidden = !ch;
      const chText = $("[data-cf-changed-text]", li);
      chText.hidden = !ch;
      chText.textContent = ch ? t("changedWording", ch) : "";
      if (ch && !$("[data-cf-action=keep-rating]", chText)) {
        chText.append(" ", el("button", { type: "button", className: "md-button cf-small", "data-cf-action": "keep-rating", text: t("keepRating") }));
      }
      const differ = differs(expId);
      $("[data-cf-differ]", li).hidden = !differ;
      li.classList.toggle("cf-differs", differ);
      $("[data-cf-others]", li).replaceChildren(...others().map((o) => otherColumn(o, expId)));
      li.dataset.status = e ? e.status : "none";
    }

    function visible(li) {
      const expId = li.dataset.cfExp, e = rec().entries[expId];
      if (filter === "differ") return differs(expId);
      if (filter === "working") return [rec(), ...others()].some((r) => r.entries[expId] && r.entries[expId].status === "working");
      if (filter === "open") return !e || e.status !== "met";
      if (filter === "changed") return cmp.changed.has(expId);
      return true;
    }
    function applyFilter() {
      for (const li of rows.values()) li.hidden = !visible(li);
      for (const sec of $$("[data-cf-group-box]", box)) sec.hidden = !$$(".cf-exp", sec).some((li) => !li.hidden);
      for (const b of $$("[data-cf-filter]", root)) b.setAttribute("aria-checked", String(b.dataset.cfFilter === filter));
    }

    function renderCounts() {
      const c = P.counts(rec());
      const shown = exps.filter((x) => rec().entries[x.id] && rec().entries[x.id].status === "met").length;
      $("[data-cf-counts]", root).textContent = t("recordCounts", { met: shown, total: exps.length, working: c.working, notMet: c["not-met"] });
      applyFilter();
    }

    // the 1:1 agenda: disagreements, what anyone is working on, the largest gaps to the target level
    function renderAgenda() {
      const out = $("[data-cf-agenda]", root);
      const all = [rec(), ...others()];
      const line = (x, parts) => el("li", {}, el("a", { href: `#`, "data-cf-goto": x.id, text: x.title }), ` — ${parts}`);
      const statusOf = (r, expId) => (r.entries[expId] ? page.statusLabel(r.entries[expId].status) : t("notRated"));
      const differ = exps.filter((x) => differs(x.id));
      const working = exps.filter((x) => all.some((r) => r.entries[x.id] && r.entries[x.id].status === "working"));
      const blocks = [
        [t("agendaDiffer", { n: differ.length }), differ.map((x) => line(x, all.map((r) => `${who(r)}: ${statusOf(r, x.id)}`).join(" · ")))],
        [t("agendaWorking", { n: working.length }), working.map((x) => line(x, all.filter((r) => r.entries[x.id] && r.entries[x.id].status === "working").map(who).join(", ")))],
      ];
      if (targetData) {
        const gaps = new Map();
        for (const x of targetData.expectations) {
          const e = rec().entries[x.id];
          if (e && e.status === "met") continue;
          const key = x.area || x.kind;
          if (!gaps.has(key)) gaps.set(key, []);
          gaps.get(key).push(x);
        }
        const areaTitle = (key) => { const a = targetData.areas.find((ar) => ar.id === key); return a ? a.title : t(`kind_${key}`); };
        const total = (key) => targetData.expectations.filter((x) => (x.area || x.kind) === key).length;
        const largest = [...gaps.entries()].sort((a, b) => b[1].length - a[1].length).slice(0, 3);
        blocks.push([t("agendaGaps", { level: page.levelTitle(rec().role, rec().target) }), largest.map(([key, list]) => el("li", {},
          el("strong", { text: areaTitle(key) }), ` — ${t("gapOf", { n: list.length, total: total(key) })}: ${list.slice(0, 3).map((x) => x.title).join(" · ")}${list.length > 3 ? " …" : ""}`))]);
      }
      out.replaceChildren(...blocks.map(([title, items]) => el("div", { className: "cf-agenda-block" }, el("h3", { text: title }),
        items.length ? el("ul", {}, ...items) : el("p", { className: "cf-hint", text: t("agendaNone") }))));
    }

    function renderChanges() {
      const list = [];
      if (cmp.moved.length) list.push(t("changesMoved", { n: cmp.moved.length, list: cmp.moved.map(([a, b]) => `${a} → ${b}`).join(", ") }));
      if (cmp.removed.length) list.push(t("changesRemoved", { n: cmp.removed.length }));
      if (cmp.changed.size) list.push(t("changesWording", { n: cmp.changed.size }));
      const boxC = $("[data-cf-changes]", root);
      boxC.hidden = !list.length;
      const r = rec();
      $("[data-cf-changes-list]", boxC).replaceChildren(el("li", { text: t("changesSince", { then: r.framework.version, now: page.fw.version }) }),
        ...list.map((l) => el("li", { text: l })));
      const archived = $("[data-cf-archived]", root);
      const other = Object.keys(r.entries).filter((k) => !expById.has(k) && !cmp.removed.includes(k));
      const archivedRow = (k, removed) => {
        const e = r.entries[k];
        return el("li", { "data-cf-archived-entry": k }, el("code", { text: k }), ` ${e.wording || ""} — ${page.statusLabel(e.status)}`,
          e.note ? ` — ${e.note}` : "", removed ? el("span", { className: "cf-badge", text: t("removedBadge") }) : el("span", { className: "cf-badge", text: t("otherLevelBadge") }));
      };
      archived.replaceChildren(...cmp.removed.map((k) => archivedRow(k, true)), ...other.map((k) => archivedRow(k, false)));
      $("[data-cf-archived-empty]", root).hidden = archived.children.length > 0;
      const sa = $("[data-cf-set-aside]", root);
      sa.hidden = !r.setAside.length;
      $("[data-cf-set-aside-list]", sa).replaceChildren(...r.setAside.map((s) => {
        const raw = JSON.stringify(s.raw) ?? String(s.raw);
        const del = el("button", { type: "button", className: "md-button", "data-cf-action": "delete-set-aside", "data-id": s.id, text: t("delete"),
          "aria-label": t("deleteSetAsideOf", { id: s.id.slice(0, 60) }) });
        return el("li", { "data-set-aside": s.id }, el("code", { text: s.id.slice(0, 80) }), ` — ${s.reason} `,
          el("span", { className: "cf-set-aside-raw", text: raw.length > 80 ? `${raw.slice(0, 80)}…` : raw }), " ", del);
      }));
    }

    function renderHead() {
      const r = rec();
      const cols = [r, ...others()];
      $("[data-cf-head]", root).replaceChildren(el("strong", { text: r.person }), ` — ${page.describe(r)}`,
        cols.length > 1 ? el("span", { className: "cf-hint", text: ` ${t("besideOf", { list: cols.slice(1).map(who).join(", ") })}` }) : "");
      const packet = $("[data-cf-packet-link]", root);
      packet.setAttribute("href", page.packetHref(r.id, withId && st.entries[withId] ? withId : null));
      const form = $("[data-cf-details]", root);
      form.person.value = r.person;
      form.role.value = r.role;
      form.raterName.value = r.raterName;
      page.linkSelects(form);
      form.level.value = r.level;
      form.target.value = r.target || "";
      page.reminders(st, [r.id]);
    }

    function renderAll() {
      analyse();
      renderHead();
      const list = $("[data-cf-exps]", root);
      rows.clear();
      const sections = [];
      let current = null;
      exps.forEach((x, n) => {
        const key = x.kind === "item" || x.kind === "behaviour" ? `${x.kind}:${x.area}` : x.kind;
        if (!current || current.key !== key) {
          const title = x.area ? `${t(`kind_${x.kind}`)} · ${areasById.get(x.area) || x.area}` : t(`kind_${x.kind}`);
          current = { key, box: el("section", { className: "cf-exp-group", "data-cf-group-box": key }, el("h3", { text: title }), el("ul", { className: "cf-exp-list" })) };
          sections.push(current);
        }
        current.box.lastChild.append(row(x, n));
      });
      list.replaceChildren(...sections.map((s) => s.box));
      for (const x of exps) refresh(x.id);
      renderCounts();
      renderAgenda();
      renderChanges();
    }
    const areasById = new Map();

    // events -------------------------------------------------------------------------------------------------
    box.addEventListener("change", (ev) => {
      const li = ev.target.closest("[data-cf-exp]");
      if (!li || !ev.target.matches("input[type=radio]")) return;
      const expId = li.dataset.cfExp, s = ev.target.value;
      if (s === "not-met") {
        const e = rec().entries[expId];
        if (!(e && R.norm(e.explanation))) { // "not met" needs its explanation first
          pending.add(expId);
          refresh(expId);
          $("textarea[data-field=explanation]", li).focus();
          return;
        }
      }
      pending.delete(expId);
      const ok = change(expId, (e) => ({ ...e, status: s }), true);
      $("[data-cf-saved]", li).textContent = ok ? t("saved") : "";
      if (!ok) refresh(expId);
    });
    box.addEventListener("input", (ev) => {
      const li = ev.target.closest("[data-cf-exp]");
      const field = ev.target.dataset.field;
      if (!li || !field) return;
      const expId = li.dataset.cfExp, value = ev.target.value.slice(0, R.LIMIT.text);
      let ok;
      if (field === "explanation") {
        if (pending.has(expId)) {
          if (!R.norm(value)) return;
          pending.delete(expId);
          ok = change(expId, (e) => ({ ...e, status: "not-met", explanation: value }), true);
        } else {
          const cur = rec().entries[expId];
          if (cur && cur.status === "not-met" && !R.norm(value)) { $("[data-cf-error]", li).textContent = t("explainFirst"); return; }
          ok = change(expId, (e) => { if (value) e.explanation = value; else delete e.explanation; return e; });
        }
      } else {
        ok = change(expId, (e) => { if (value) e.note = value; else delete e.note; return e; });
      }
      $("[data-cf-saved]", li).textContent = ok ? t("saved") : "";
    });
    box.addEventListener("click", async (ev) => {
      const goto = ev.target.closest("[data-cf-goto]");
      if (goto) {
        ev.preventDefault();
        filter = "all";
        applyFilter();
        const li = rows.get(goto.dataset.cfGoto);
        if (li) { li.scrollIntoView({ block: "center" }); const first = $("input[type=radio]", li); if (first) first.focus(); }
        return;
      }
      const btn = ev.target.closest("[data-cf-action],[data-cf-filter]");
      if (!btn) return;
      if (btn.dataset.cfFilter) { filter = btn.dataset.cfFilter; applyFilter(); return; }
      const li = btn.closest("[data-cf-exp]");
      const action = btn.dataset.cfAction;
      if (action === "add-evidence" && li) {
        const get = (k) => $(`[data-ev=${k}]`, li).value.trim();
        const ev0 = { title: get("title"), url: get("url"), date: get("date") };
        if (!ev0.title) ev0.title = ev0.url;
        const bad = !ev0.title ? t("needEvidenceTitle") : R.chars(ev0.title) > R.LIMIT.title ? t("whyEvidenceTitle", { max: R.LIMIT.title })
          : ev0.url && (!R.LINK.test(ev0.url) || ev0.url.length > R.LIMIT.url) ? t("whyUrl", { max: R.LIMIT.url })
            : ev0.date && !DATE.test(ev0.date) ? t("whyDate") : "";
        if (bad) { page.say(bad); return; }
        const item = { title: ev0.title, ...(ev0.url ? { url: ev0.url } : {}), ...(ev0.date ? { date: ev0.date } : {}) };
        const ok = change(li.dataset.cfExp, (e) => {
          if ((e.evidence || []).length >= R.LIMIT.evidence) { page.say(t("whyEvidence", { max: R.LIMIT.evidence })); return null; }
          return { ...e, evidence: [...(e.evidence || []), item] };
        });
        if (ok) { for (const k of ["title", "url", "date"]) $(`[data-ev=${k}]`, li).value = ""; page.say(t("evidenceAdded", { title: item.title })); }
      } else if (action === "remove-evidence" && li) {
        const i = Number(btn.dataset.index);
        change(li.dataset.cfExp, (e) => { const list = [...(e.evidence || [])]; list.splice(i, 1); if (list.length) e.evidence = list; else delete e.evidence; return e; });
      } else if (action === "keep-rating" && li) {
        change(li.dataset.cfExp, (e) => e, true);
      } else if (action === "delete-set-aside") {
        const choice = await page.ask(t("confirmDeleteSetAside", { id: btn.dataset.id.slice(0, 60) }), [["delete", t("delete")], ["cancel", t("cancel")]]);
        if (choice !== "delete") return;
        const next = page.load();
        const r = next.entries[id];
        r.setAside = r.setAside.filter((s) => s.id !== btn.dataset.id);
        if (page.save(next)) { st = next; renderAll(); page.say(t("deletedSetAside", { id: btn.dataset.id.slice(0, 60) })); }
      } else if (action === "export-combined" || action === "export-one") {
        const next = page.load();
        const list = action === "export-one" ? [next.entries[id]] : [next.entries[id], ...others().map((o) => next.entries[o.id]).filter(Boolean)];
        page.exportRecords(next, list, P.fileName([rec().person, action === "export-one" ? rec().rater : "combined", rec().level], "json"));
        st = page.load();
        page.reminders(st, [id]);
        page.say(t("exportedRecords", { n: list.length }));
      }
    });

    $("[data-cf-details]", root).addEventListener("submit", (ev) => {
      ev.preventDefault();
      const form = ev.target;
      const person = R.norm(form.person.value);
      if (!person) { page.say(t("needPerson")); form.person.focus(); return; }
      const next = page.load();
      const r = next.entries[id];
      if (!r) return;
      Object.assign(r, { person, role: form.role.value, level: form.level.value, target: form.target.value || null, raterName: R.norm(form.raterName.value) });
      R.touch(next, r);
      if (!page.save(next)) return;
      st = next;
      page.say(t("detailsSaved"));
      start();
    });
    $("[data-cf-beside]", root).addEventListener("submit", (ev) => {
      ev.preventDefault();
      const form = ev.target;
      const r = rec();
      const next = page.load();
      const mineRec = R.mine(next);
      const name = R.norm(form.raterName.value) || (mineRec && mineRec.id !== r.id ? mineRec.person : "");
      const made = R.create({ person: r.person, role: r.role, level: r.level, target: r.target, rater: form.rater.value, raterName: name }, page.fw);
      R.put(next.entries, made.id, made);
      if (!page.save(next)) return;
      location.assign(page.recordHref(made.id, r.id));
    });
    window.addEventListener("storage", (ev) => {
      if (ev.key !== R.KEY || !document.contains(root)) return;
      st = page.load();
      if (!st.entries[id]) return;
      analyse();
      for (const x of exps) refresh(x.id);
      renderCounts();
      renderAgenda();
      renderChanges();
      page.say(t("otherTab"));
    });

    async function start() {
      index = await page.index();
      const r = rec();
      const [current, target] = await Promise.all([page.levelData(r.role, r.level), r.target ? page.levelData(r.role, r.target) : null]);
      targetData = target;
      for (const a of [...((current || {}).areas || []), ...((target || {}).areas || [])]) areasById.set(a.id, `${a.icon ? a.icon + " " : ""}${a.title}`);
      const seen = new Set();
      exps = [];
      targetIds = new Set();
      for (const x of (current || { expectations: [] }).expectations) { seen.add(x.id); exps.push(x); }
      for (const x of (target || { expectations: [] }).expectations) if (!seen.has(x.id)) { exps.push(x); targetIds.add(x.id); }
      expById = new Map(exps.map((x) => [x.id, x]));
      if (!current) page.say(t("unknownLevel", { role: r.role, level: r.level }));
      for (const b of $$("[data-cf-when-found]", root)) b.hidden = false;
      renderAll();
    }
    start();
  }

  P.register("record", recordPage);
})();
