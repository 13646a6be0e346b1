/* The team view (/team/): several records files read at once (file picker or drag and drop), nothing stored unless
   the reader asks. Per person (one record each: the manager's if there is one, else the person's own, else a peer's;
   the latest of that rater), a heat map of people × areas (the share of what their own level expects that is "met"),
   the expectations nobody on the team meets, those only one person meets, and who is closest to their target level;
   a CSV and a Markdown summary. A record that two files hold differently is counted once, by its latest reading, and the
   status says so; "keep" asks which reading to store. */
(() => {
  "use strict";
  const R = window.CareerRecords;
  const P = window.CareerPages;
  const { el, $ } = P;
  const PREFER = ["manager", "self", "peer"];
  const OTHER = "_jd"; // the column of what is not in an area: duties, core competencies, KPIs

  const share = (met, total) => (total ? Math.round((met * 100) / total) : 0);
  const heat = (met, total) => (!total ? 0 : met === 0 ? 0 : met * 4 < total ? 1 : met * 2 < total ? 2 : met * 4 < total * 3 ? 3 : 4);

  function teamPage(page) {
    const { root, t } = page;
    // record id -> its readings (in memory only): one, or several when files hold the same record differently (then
    // the view uses the latest and says so; "keep" asks which to store)
    let loaded = new Map();
    let last = null; // what was drawn, for the exports

    async function people() {
      const groups = new Map();
      for (const rec of [...loaded.values()].map(page.latest)) {
        const key = `${R.personKey(rec)}\u0000${rec.role}`;
        if (!groups.has(key)) groups.set(key, []);
        groups.get(key).push(rec);
      }
      const out = [];
      for (const recs of groups.values()) {
        const chosen = [...recs].sort((a, b) => PREFER.indexOf(a.rater) - PREFER.indexOf(b.rater) || b.updated.localeCompare(a.updated))[0];
        const [level, target] = await Promise.all([page.levelData(chosen.role, chosen.level), chosen.target ? page.levelData(chosen.role, chosen.target) : null]);
        out.push({ rec: chosen, recs, level, target, name: chosen.person });
      }
      return out.sort((a, b) => a.name.localeCompare(b.name));
    }

    const met = (p, x) => { const e = p.rec.entries[x.id]; return !!e && e.status === "met"; };

    function compute(list) {
      const areas = new Map(); // area id -> title, in first-seen order
      const needed = new Map(); // expectation id -> {x, levels}
      for (const p of list) {
        if (!p.level) continue;
        for (const a of p.level.areas) if (!areas.has(a.id)) areas.set(a.id, `${a.icon ? a.icon + " " : ""}${a.title}`);
        p.cells = new Map();
        for (const x of p.level.expectations) {
          const key = x.area || OTHER;
          const c = p.cells.get(key) || { met: 0, total: 0 };
          c.total++;
          c.met += met(p, x);
          p.cells.set(key, c);
          if (!needed.has(x.id)) needed.set(x.id, { x, from: x.from || p.rec.level, role: p.rec.role });
        }
        p.all = { met: p.level.expectations.filter((x) => met(p, x)).length, total: p.level.expectations.length };
        if (p.target) p.toTarget = { met: p.target.expectations.filter((x) => met(p, x)).length, total: p.target.expectations.length };
      }
      const counted = list.filter((p) => p.level);
      const holders = (id) => counted.filter((p) => { const e = p.rec.entries[id]; return e && e.status === "met"; });
      const nobody = [], single = [];
      for (const n of needed.values()) {
        const h = holders(n.x.id);
        if (!h.length) nobody.push(n);
        else if (h.length === 1) single.push({ ...n, holder: h[0] });
      }
      const closest = counted.filter((p) => p.toTarget).sort((a, b) => b.toTarget.met / (b.toTarget.total || 1) - a.toTarget.met / (a.toTarget.total || 1)
        || (a.toTarget.total - a.toTarget.met) - (b.toTarget.total - b.toTarget.met));
      const columns = [...areas.entries()];
      if (counted.some((p) => p.cells.has(OTHER))) columns.push([OTHER, t("teamJdColumn")]);
      return { list, counted, columns, nobody, single, closest };
    }

    function draw(v) {
      const levelOf = (p) => page.levelTitle(p.rec.role, p.rec.level);
      $("[data-cf-people]", root).replaceChildren(...v.list.map((p) => el("li", { "data-cf-person": p.name, "data-cf-record-used": p.rec.id },
        el("strong", { text: p.name }), ` — ${page.describe(p.rec)}`,
        p.recs.length > 1 ? ` ${t("teamAlso", { list: p.recs.filter((r) => r !== p.rec).map((r) => page.raterLabel(r)).join(", ") })}` : "",
        !p.level ? el("span", { className: "cf-hint", text: ` ${t("unknownLevel", { role: p.rec.role, level: p.rec.level })}` } ) : "",
        p.rec.framework.id !== page.fw.id ? el("span", { className: "cf-hint", text: ` ${t("otherFramework", { id: p.rec.framework.id })}` }) : "")));

      const head = el("tr", {}, el("th", { scope: "col", text: t("teamPerson") }),
        ...v.columns.map(([, title]) => el("th", { scope: "col", text: title })), el("th", { scope: "col", text: t("teamAll") }));
      const rows = v.counted.map((p) => el("tr", { "data-cf-heat-row": p.rec.id }, el("th", { scope: "row" }, p.name, el("br"), el("span", { className: "cf-hint", text: levelOf(p) })),
        ...v.columns.map(([key, title]) => {
          const c = p.cells.get(key);
          if (!c) return el("td", { className: "cf-heat cf-heat-0", text: "—", "aria-label": t("teamCellNone", { area: title }) });
          return el("td", { className: `cf-heat cf-heat-${heat(c.met, c.total)}`, "data-cf-share": String(share(c.met, c.total)) },
            `${share(c.met, c.total)}%`, el("span", { className: "cf-heat-n", text: ` ${c.met}/${c.total}` }));
        }),
        el("td", { className: `cf-heat cf-heat-${heat(p.all.met, p.all.total)}` }, `${share(p.all.met, p.all.total)}%`,
          el("span", { className: "cf-heat-n", text: ` ${p.all.met}/${p.all.total}` }))));
      const wrap = $("[data-cf-heatmap]", root); // a table that may scroll on a phone: reachable by keyboard
      wrap.setAttribute("tabindex", "0");
      wrap.setAttribute("role", "region");
      wrap.setAttribute("aria-label", t("teamHeatmapCaption"));
      wrap.replaceChildren(el("table", { className: "cf-team-heatmap" },
        el("caption", { className: "cf-sr", text: t("teamHeatmapCaption") }), el("thead", {}, head), el("tbody", {}, ...rows)));

      const need = (n) => (n.x.kind === "item" || n.x.kind === "behaviour" ? t("teamNeededFrom", { level: page.levelTitle(n.role, n.from) })
        : t(`kind_${n.x.kind}`) + (n.x.kind === "kpi" ? "" : ` · ${page.levelTitle(n.role, n.from)}`));
      const expList = (list, extra) => (list.length ? el("ul", { className: "cf-team-list" }, ...list.map((n) => el("li", { "data-cf-exp": n.x.id },
        n.x.title, el("span", { className: "cf-hint", text: ` — ${need(n)}` }), extra ? extra(n) : ""))) : el("p", { className: "cf-hint", text: t("teamNone") }));
      $("[data-cf-nobody]", root).replaceChildren(el("p", { className: "cf-summary", text: t("teamNobodyN", { n: v.nobody.length }) }), expList(v.nobody));
      $("[data-cf-single]", root).replaceChildren(el("p", { className: "cf-summary", text: t("teamSingleN", { n: v.single.length }) }),
        expList(v.single, (n) => el("strong", { className: "cf-holder", "data-cf-holder": n.holder.name, text: ` ${n.holder.name}` })));
      $("[data-cf-closest]", root).replaceChildren(...(v.closest.length ? v.closest.map((p, i) => el("li", { "data-cf-closest-person": p.name },
        el("strong", { text: p.name }), ` — ${t("teamToTarget", { level: page.levelTitle(p.rec.role, p.rec.target), met: p.toTarget.met, total: p.toTarget.total,
          pct: share(p.toTarget.met, p.toTarget.total), left: p.toTarget.total - p.toTarget.met })}`, i === 0 ? el("span", { className: "cf-badge", text: t("teamClosest") }) : ""))
        : [el("li", { className: "cf-hint", text: t("teamNoTargets") })]));
      $("[data-cf-when-loaded]", root).hidden = false;
    }

    async function take(files, t0) {
      const incoming = await page.readFiles(files);
      if (!incoming) return;
      for (const rec of incoming) {
        const versions = loaded.get(rec.id) || [];
        const i = versions.findIndex((v) => page.sameRecord(v, rec));
        if (i < 0) versions.push(rec); // a later file never silently replaces an earlier one's reading
        else versions[i] = page.latest([versions[i], rec]);
        loaded.set(rec.id, versions);
      }
      const v = compute(await people());
      draw(v);
      last = v;
      await new Promise((resolve) => requestAnimationFrame(() => resolve()));
      const ms = performance.now() - t0;
      page.el.dataset.cfDrawnMs = ms.toFixed(1);
      const twice = [...loaded.values()].filter((versions) => versions.length > 1).map((versions) => {
        const used = page.latest(versions);
        return t("teamDuplicate", { person: used.person, rater: page.raterLabel(used), files: versions.map((r) => page.sourceOf(r).slice(0, 80)).join(", "),
          file: page.sourceOf(used).slice(0, 80), date: used.updated.slice(0, 10) });
      });
      page.say([t("teamLoaded", { files: files.length, people: v.list.length }), ...twice].join(" "));
      document.dispatchEvent(new CustomEvent("cf-team-drawn", { detail: { ms, people: v.list.length } }));
    }

    const input = $("input[data-cf-import]", root);
    input.addEventListener("change", async (ev) => {
      const t0 = performance.now();
      const files = [...ev.target.files];
      ev.target.value = "";
      if (files.length) await take(files, t0);
    });
    const drop = $("[data-cf-drop]", root);
    drop.addEventListener("dragover", (ev) => { ev.preventDefault(); drop.classList.add("cf-dragging"); });
    drop.addEventListener("dragleave", () => drop.classList.remove("cf-dragging"));
    drop.addEventListener("drop", async (ev) => {
      const t0 = performance.now();
      ev.preventDefault();
      drop.classList.remove("cf-dragging");
      const files = [...((ev.dataTransfer && ev.dataTransfer.files) || [])];
      if (files.length) await take(files, t0);
    });

    function csv() {
      const v = last;
      const rows = [[t("teamPerson"), t("field_role"), t("field_level"), t("field_target"), t("field_rater"), ...v.columns.map(([, title]) => title), t("teamAll"), t("teamTargetCol")]];
      for (const p of v.counted) {
        rows.push([p.name, page.roleTitle(p.rec.role), page.levelTitle(p.rec.role, p.rec.level), p.rec.target ? page.levelTitle(p.rec.role, p.rec.target) : "",
          page.raterLabel(p.rec), ...v.columns.map(([key]) => { const c = p.cells.get(key); return c ? `${share(c.met, c.total)}% (${c.met}/${c.total})` : ""; }),
          `${share(p.all.met, p.all.total)}% (${p.all.met}/${p.all.total})`, p.toTarget ? `${share(p.toTarget.met, p.toTarget.total)}% (${p.toTarget.met}/${p.toTarget.total})` : ""]);
      }
      return "\ufeff" + rows.map((r) => r.map(P.csvCell).join(",")).join("\r\n") + "\r\n";
    }
    function markdown() {
      const v = last, md = P.mdEscape;
      const out = [`# ${md(t("teamTitle"))}`, "", `## ${md(t("teamHeatmapCaption"))}`, "",
        `| ${[t("teamPerson"), ...v.columns.map(([, title]) => title), t("teamAll")].map(md).join(" | ")} |`,
        `|${" --- |".repeat(v.columns.length + 2)}`];
      for (const p of v.counted) {
        out.push(`| ${[p.name, ...v.columns.map(([key]) => { const c = p.cells.get(key); return c ? `${share(c.met, c.total)}% (${c.met}/${c.total})` : "—"; }),
          `${share(p.all.met, p.all.total)}%`].map(md).join(" | ")} |`);
      }
      out.push("", `## ${md(t("teamNobodyTitle"))}`, "", ...(v.nobody.length ? v.nobody.map((n) => `- ${md(n.x.title)}`) : [md(t("teamNone"))]),
        "", `## ${md(t("teamSingleTitle"))}`, "", ...(v.single.length ? v.single.map((n) => `- ${md(n.x.title)} — ${md(n.holder.name)}`) : [md(t("teamNone"))]),
        "", `## ${md(t("teamClosestTitle"))}`, "", ...(v.closest.length ? v.closest.map((p, i) => `${i + 1}. ${md(p.name)} — ${md(t("teamToTarget", {
          level: page.levelTitle(p.rec.role, p.rec.target), met: p.toTarget.met, total: p.toTarget.total, pct: share(p.toTarget.met, p.toTarget.total),
          left: p.toTarget.total - p.toTarget.met }))}`) : [md(t("teamNoTargets"))]), "");
      return out.join("\n");
    }

    root.addEventListener("click", async (ev) => {
      const btn = ev.target.closest("[data-cf-action]");
      if (!btn || !last) return;
      const action = btn.dataset.cfAction;
      const day = new Date().toISOString().slice(0, 10);
      if (action === "export-csv") { P.download(P.fileName(["team", day], "csv"), "text/csv", csv()); page.say(t("teamExported")); }
      else if (action === "export-md") { P.download(P.fileName(["team", day], "md"), "text/markdown", markdown()); page.say(t("teamExported")); }
      else if (action === "keep") {
        const out = await page.addRecords([...loaded.values()].flat().map((r) => page.fromFile({ ...r, entries: { ...r.entries }, setAside: [] }, page.sourceOf(r))));
        if (out) page.say(t("teamKept", out) + out.notes);
      } else if (action === "forget") {
        loaded = new Map();
        last = null;
        $("[data-cf-when-loaded]", root).hidden = true;
        for (const sel of ["[data-cf-people]", "[data-cf-heatmap]", "[data-cf-nobody]", "[data-cf-single]", "[data-cf-closest]"]) $(sel, root).replaceChildren();
        page.say(t("teamForgotten"));
      }
    });
  }

  P.register("team", teamPage);
})();
