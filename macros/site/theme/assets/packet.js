/* A promotion packet (/records/packet/?id=<record>[&with=<record>]): for one record (person × current → target level),
   every expectation of the target level — duties, core competencies, behaviours in force, items, KPIs — with the
   status, evidence and notes of the record and of one other rater beside it (never averaged), what is "not met" with
   its explanation, and a short summary framed as the framework frames the move (the progression row, the target
   level's focus and impact), not as a count of ticks. Prints on A4; exports as Markdown. */
(() => {
  "use strict";
  const R = window.CareerRecords;
  const P = window.CareerPages;
  const { el, $, $$ } = P;
  const KINDS = ["duty", "competency", "behaviour", "item", "kpi"];

  function packetPage(page) {
    const { root, t } = page;
    const params = new URLSearchParams(location.search);
    const id = params.get("id") || "";
    const withId = params.get("with");
    const st = page.load();
    page.problems(st);
    const rec = st.entries[id];
    if (!rec) { $("[data-cf-missing]", root).hidden = false; return; }
    const rootHref = page.data.cfHrefRoot;

    function besideOf() { // the other rater: the one asked for, else the manager's (or the self) record of the same person and role
      if (withId && withId !== id && st.entries[withId]) return st.entries[withId];
      const same = R.records(st).filter((o) => o.id !== id && o.role === rec.role && R.personKey(o) === R.personKey(rec));
      const prefer = rec.rater === "self" ? ["manager", "peer", "self"] : ["self", "manager", "peer"];
      for (const r of prefer) { const o = same.filter((x) => x.rater === r).sort((a, b) => b.updated.localeCompare(a.updated))[0]; if (o) return o; }
      return null;
    }

    async function start() {
      const index = await page.index();
      const other = besideOf();
      const cols = other ? [rec, other] : [rec];
      for (const r of cols) R.followRenames(r, (index && index.aliases) || {});
      const current = await page.levelData(rec.role, rec.level);
      const targetId = rec.target || (current && current.next) || rec.level;
      const target = await page.levelData(rec.role, targetId);
      if (!target) { page.say(t("unknownLevel", { role: rec.role, level: targetId })); return; }
      const who = (r) => page.raterLabel(r);
      const label = (r, x) => (r.entries[x.id] ? page.statusLabel(r.entries[x.id].status) : t("notRated"));
      const differs = (x) => new Set(cols.map((r) => r.entries[x.id]).filter(Boolean).map((e) => e.status)).size > 1;
      const fromTitle = page.levelTitle(rec.role, rec.level), toTitle = page.levelTitle(rec.role, targetId);
      const areaTitle = new Map(target.areas.map((a) => [a.id, `${a.icon ? a.icon + " " : ""}${a.title}`]));

      // the head, then the summary in the framework's words
      $("[data-cf-head]", root).replaceChildren(el("strong", { text: rec.person }),
        ` — ${t("packetMove", { role: target.roleTitle || page.roleTitle(rec.role), from: fromTitle, to: toTitle })}`, el("br"),
        t("packetRaters", { list: cols.map(who).join(" · "), version: page.fw.version, date: R.now().slice(0, 10) }));
      const summary = [];
      if (rec.level !== targetId && current && current.progression && current.progression.focus) {
        summary.push(t("packetShift", { from: fromTitle, to: toTitle, shift: current.progression.focus, goal: current.progression.goal || "" }));
      }
      if (target.focus || target.impact) summary.push(t("packetTarget", { level: toTitle, focus: target.focus || "", impact: target.impact || "" }));
      const groups = new Map(); // area (or kind) -> expectations
      for (const x of target.expectations) {
        const key = x.area || x.kind;
        if (!groups.has(key)) groups.set(key, []);
        groups.get(key).push(x);
      }
      const groupTitle = (key) => areaTitle.get(key) || t(`kindPlural_${key}`);
      const metBy = (r, x) => r.entries[x.id] && r.entries[x.id].status === "met";
      const withEvidence = (x) => cols.some((r) => r.entries[x.id] && r.entries[x.id].evidence && r.entries[x.id].evidence.length);
      const strong = [], open = [];
      for (const [key, list] of groups) {
        const missing = list.filter((x) => !cols.every((r) => metBy(r, x)));
        if (!missing.length) strong.push(t("packetStrong", { area: groupTitle(key), evidence: list.filter(withEvidence).length, total: list.length }));
        else if (missing.length < list.length) open.push(t("packetPartly", { area: groupTitle(key), open: missing.slice(0, 3).map((x) => x.title).join(" · ") + (missing.length > 3 ? " …" : "") }));
        else open.push(t("packetNotYet", { area: groupTitle(key) }));
      }
      const disagreements = target.expectations.filter(differs).length;
      const notMet = [];
      for (const x of target.expectations) for (const r of cols) if (r.entries[x.id] && r.entries[x.id].status === "not-met") notMet.push([x, r]);
      const closing = t("packetClosing", { differ: disagreements, notMet: notMet.length });
      const sumBox = $("[data-cf-summary]", root);
      sumBox.replaceChildren(...summary.map((s) => el("p", { text: s })),
        strong.length ? el("p", { className: "cf-packet-sub", text: t("packetWhereStrong") }) : "", strong.length ? el("ul", {}, ...strong.map((s) => el("li", { text: s }))) : "",
        open.length ? el("p", { className: "cf-packet-sub", text: t("packetWhereOpen") }) : "", open.length ? el("ul", {}, ...open.map((s) => el("li", { text: s }))) : "",
        el("p", { text: closing }));

      // the expectations, one table per kind (items: per area)
      const detail = (x) => { // one line per rater: who, the note, the evidence
        const parts = [];
        for (const r of cols) {
          const e = r.entries[x.id];
          if (!e || !(e.note || (e.evidence && e.evidence.length))) continue;
          const line = el("p", { className: "cf-packet-line" }, el("strong", { text: `${who(r)}: ` }));
          if (e.note) line.append(e.note);
          if (e.evidence && e.evidence.length) {
            line.append(e.note ? " · " : "", `${t("evidence")}: `, ...e.evidence.flatMap((ev, i) => [i ? ", " : "",
              ev.url ? el("a", { href: ev.url, rel: "noreferrer noopener", referrerpolicy: "no-referrer", text: ev.title }) : ev.title,
              ev.date ? ` (${ev.date})` : ""]));
          }
          parts.push(line);
        }
        return parts;
      };
      // one table per kind; items and behaviours with a row naming each area (its header repeats on every printed page)
      const table = (list) => {
        const head = el("tr", {}, el("th", { scope: "col", text: t("expectation") }), ...cols.map((r) => el("th", { scope: "col", className: "cf-st-col", text: who(r) })));
        const body = el("tbody");
        let area = null;
        for (const x of list) {
          if (x.area && x.area !== area) {
            area = x.area;
            body.append(el("tr", { className: "cf-area-row" }, el("th", { scope: "colgroup", colspan: String(cols.length + 1), text: areaTitle.get(area) || area })));
          }
          const title = x.path ? el("a", { href: rootHref + x.path, text: x.title }) : x.title;
          const differ = differs(x);
          body.append(el("tr", { "data-cf-exp": x.id, className: differ ? "cf-differs" : "" }, el("th", { scope: "row" }, title,
            differ ? el("strong", { className: "cf-differ" }, el("span", { className: "cf-differ-text", text: t("differs") }),
              el("span", { className: "cf-print-only", "aria-hidden": "true", text: "⚠" })) : ""),
          ...cols.map((r) => el("td", { className: `cf-st-col cf-st-${r.entries[x.id] ? r.entries[x.id].status : "none"}`, text: label(r, x) }))));
          const more = detail(x);
          if (more.length) body.append(el("tr", { className: "cf-packet-detail" }, el("td", { colspan: String(cols.length + 1) }, ...more)));
        }
        return el("table", { className: "cf-packet-table" }, el("thead", {}, head), body);
      };
      for (const kind of KINDS) {
        const list = target.expectations.filter((x) => x.kind === kind);
        const section = $(`[data-cf-section="${kind}"]`, root);
        if (!section) continue;
        section.replaceChildren(list.length ? table(list) : el("p", { className: "cf-hint", text: t("packetNone") }));
      }
      const nm = $("[data-cf-not-met]", root);
      nm.replaceChildren(notMet.length ? el("ul", {}, ...notMet.map(([x, r]) => el("li", { "data-cf-exp": x.id }, el("strong", { text: x.title }),
        ` — ${who(r)}: ${r.entries[x.id].explanation}`))) : el("p", { className: "cf-hint", text: t("packetNoneNotMet") }));
      for (const b of $$("[data-cf-when-found]", root)) b.hidden = false;

      // Markdown for a promotion document
      function markdown() {
        const md = P.mdEscape;
        const out = [`# ${md(t("packetTitle", { person: rec.person }))}`, "", md(t("packetMove", { role: target.roleTitle || rec.role, from: fromTitle, to: toTitle })),
          md(t("packetRaters", { list: cols.map(who).join(" · "), version: page.fw.version, date: R.now().slice(0, 10) })), "", `## ${md(t("summary"))}`, ""];
        for (const s of summary) out.push(md(s), "");
        if (strong.length) out.push(md(t("packetWhereStrong")), "", ...strong.map((s) => `- ${md(s)}`), "");
        if (open.length) out.push(md(t("packetWhereOpen")), "", ...open.map((s) => `- ${md(s)}`), "");
        out.push(md(closing), "");
        for (const kind of KINDS) {
          const list = target.expectations.filter((x) => x.kind === kind);
          if (!list.length) continue;
          out.push(`## ${md(t(`kindPlural_${kind}`))}`, "");
          let area = null;
          for (const x of list) {
            if (x.area && x.area !== area) { area = x.area; out.push(`### ${md(areaTitle.get(area) || area)}`, ""); }
            out.push(`- **${md(x.title)}** — ${cols.map((r) => `${md(who(r))}: ${md(label(r, x))}`).join(" · ")}${differs(x) ? ` (${md(t("differs"))})` : ""}`);
            for (const r of cols) {
              const e = r.entries[x.id];
              if (!e) continue;
              if (e.note) out.push(`  - ${md(t("noteBy", { who: who(r) }))}:`, ...P.mdBlock(e.note, "    "));
              for (const ev of e.evidence || []) out.push(`  - ${md(t("evidenceOf", { who: who(r) }))}: ${ev.url ? `[${md(ev.title)}](${P.mdUrl(ev.url)})` : md(ev.title)}${ev.date ? ` (${ev.date})` : ""}`);
            }
          }
          out.push("");
        }
        out.push(`## ${md(t("notMetExplained"))}`, "");
        if (notMet.length) for (const [x, r] of notMet) out.push(`- **${md(x.title)}** — ${md(who(r))}:`, ...P.mdBlock(r.entries[x.id].explanation, "  "));
        else out.push(md(t("packetNoneNotMet")));
        return out.join("\n") + "\n";
      }
      root.addEventListener("click", (ev) => {
        const btn = ev.target.closest("[data-cf-action]");
        if (!btn) return;
        if (btn.dataset.cfAction === "print") window.print();
        else if (btn.dataset.cfAction === "export-md") {
          P.download(P.fileName([rec.person, "packet", rec.level, targetId], "md"), "text/markdown", markdown());
          page.say(t("exportedMd"));
        }
      });
      page.el.dataset.cfPacketReady = "1";
    }
    start();
  }

  P.register("packet", packetPage);
})();
