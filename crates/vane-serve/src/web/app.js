// Weathervane's page: reads the JSON API of `vane serve` and nothing else.
// Every datum is written with textContent (never HTML), so no text from a
// document can run as markup.
"use strict";

const AUTHORITY = ["head", "minister", "adviser", "official", "none"];
const state = { question: null, timeline: [], lines: [], govs: [], docs: new Map() };

const $ = (sel) => document.querySelector(sel);

function h(tag, attrs, ...kids) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") el.className = v;
    else if (k.startsWith("on")) el.addEventListener(k.slice(2), v);
    else if (k === "dataset") Object.assign(el.dataset, v);
    else el.setAttribute(k, v);
  }
  for (const kid of kids.flat()) {
    if (kid === null || kid === undefined || kid === false) continue;
    el.append(kid instanceof Node ? kid : String(kid));
  }
  return el;
}

// The bearer token: typed into the bar, kept in sessionStorage (this tab
// only, gone when it closes), sent with every request (writes need it;
// reads too on a server run with --protect-reads).
const TOKEN_KEY = "weathervane-token";
const token = () => sessionStorage.getItem(TOKEN_KEY) || "";

function headers(extra) {
  const t = token();
  return Object.assign({ Accept: "application/json" }, t ? { Authorization: `Bearer ${t}` } : {}, extra || {});
}

async function api(path, init) {
  const r = await fetch(path, Object.assign({}, init || {}, { headers: headers(init && init.headers) }));
  let body;
  try { body = await r.json(); } catch (_) { body = null; }
  if (!r.ok) {
    const e = body && body.error;
    throw new Error(e ? `${e.code}: ${e.message}` : `HTTP ${r.status} on ${path}`);
  }
  return body;
}

const qs = (o) => new URLSearchParams(Object.entries(o).filter(([, v]) => v !== "" && v != null)).toString();
const asOf = () => $("#as-of").value;
const qpath = (what, extra) => `/questions/${encodeURIComponent(state.question)}/${what}?${qs(extra || {})}`;

function status(msg, error) {
  const s = $("#status");
  s.textContent = msg || "";
  s.classList.toggle("error", !!error);
}

const chip = (stance) => h("span", { class: `chip ${stance}` }, stance);
const rankOf = (r) => { const i = AUTHORITY.indexOf(r); return i < 0 ? AUTHORITY.length : i; };
const day = (s) => Date.parse(`${s}T00:00:00Z`) / 86400000;
const fromDay = (d) => new Date(d * 86400000).toISOString().slice(0, 10);

// A position's identity, to find the same one across answers.
const key = (p) => `${p.document_id}:${p.start}:${p.end}:${p.actor_id}:${p.question}`;

/// A one-line citation that shows the position in the evidence panel.
function cite(p, opts) {
  const o = opts || {};
  return h("span", {
    role: "button", tabindex: "0", class: "cite", title: `${p.document}, characters ${p.start}–${p.end}: show the evidence`,
    onclick: () => showEvidence(p),
    onkeydown: (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); showEvidence(p); } },
  },
    h("span", { class: "date" }, p.valid_from), " ",
    o.gov === false ? null : h("span", { class: "gov" }, p.government), " ",
    h("span", { class: "who" }, p.actor), h("span", { class: "muted" }, ` (${p.rank})`), " ",
    chip(p.stance), p.qualifier ? h("span", { class: "qual" }, ` ${p.qualifier}`) : null, " ",
    h("q", {}, p.text));
}

// ---- evidence ------------------------------------------------------------

async function doc(id) {
  if (!state.docs.has(id)) state.docs.set(id, api(`/documents/${encodeURIComponent(id)}`));
  return state.docs.get(id);
}

async function showEvidence(p) {
  const box = $("#evidence");
  document.querySelectorAll(".mark.selected").forEach((m) => m.classList.remove("selected"));
  document.querySelectorAll(`.mark[data-key="${CSS.escape(key(p))}"]`).forEach((m) => m.classList.add("selected"));
  const flags = [p.reported && "reported second-hand", p.uncoordinated && "without informing superiors"].filter(Boolean);
  box.replaceChildren(
    h("h2", {}, "Evidence"),
    h("p", { class: "who-line" }, chip(p.stance), " ", h("strong", {}, p.actor), ` (${p.government}, ${p.rank})`,
      p.qualifier ? h("span", { class: "qual" }, ` — ${p.qualifier}`) : null),
    h("dl", { class: "facts" },
      h("dt", {}, "valid"), h("dd", {}, `${p.valid_from} → ${p.valid_to}`, h("span", { class: "muted" }, ` (date from ${p.date_basis})`)),
      h("dt", {}, "kind"), h("dd", {}, `${p.kind}, ${p.modality}, confidence ${p.confidence}`),
      flags.length ? [h("dt", {}, "note"), h("dd", {}, flags.join("; "))] : null,
      h("dt", {}, "question"), h("dd", {}, p.question),
      h("dt", {}, "recorded"), h("dd", {}, new Date(p.recorded_at * 1000).toISOString().replace(".000Z", "Z"))),
    h("blockquote", { id: "evidence-text" }, p.text),
    h("p", { class: "muted" }, `${p.document}, characters ${p.start}–${p.end}`),
    h("div", { id: "evidence-doc" }, h("p", { class: "muted" }, "loading the document…")));
  try {
    const d = await doc(p.document_id);
    const chars = Array.from(d.text);
    const before = chars.slice(Math.max(0, p.start - 400), p.start).join("");
    const hit = chars.slice(p.start, p.end).join("");
    const after = chars.slice(p.end, p.end + 400).join("");
    const links = h("p", { class: "links" },
      h("a", { href: `/documents/${encodeURIComponent(d.id)}`, id: "evidence-doc-link" }, "document (JSON)"),
      d.url ? [" · ", h("a", { href: d.url, rel: "noopener noreferrer", id: "evidence-source" }, "source: ", d.url)]
        : h("span", { class: "muted" }, " · no source URL recorded"));
    $("#evidence-doc").replaceChildren(
      h("p", {}, h("strong", {}, d.title || d.name), d.published ? ` · published ${d.published}` : " · undated",
        d.source ? ` · ${d.source}` : ""),
      links,
      h("div", { class: "context" }, p.start > 400 ? "…" : "", before, h("mark", {}, hit), after,
        p.end + 400 < chars.length ? "…" : ""));
  } catch (e) {
    $("#evidence-doc").replaceChildren(h("p", { class: "error" }, String(e.message || e)));
  }
}

// ---- line cards ----------------------------------------------------------

function renderLines(lines) {
  const byGov = new Map();
  for (const l of lines) {
    if (!byGov.has(l.government)) byGov.set(l.government, []);
    byGov.get(l.government).push(l);
  }
  const cards = [];
  for (const [gov, segs] of byGov) {
    const cur = segs[segs.length - 1];
    const setBy = state.timeline.find((p) => p.government === gov && p.actor === cur.set_by && p.valid_from === cur.from)
      || state.timeline.find((p) => p.government === gov && p.actor === cur.set_by);
    cards.push(h("div", { class: `card ${cur.stance}`, dataset: { gov } },
      h("div", { class: "card-head" }, h("span", { class: "gov" }, gov), " ", chip(cur.stance),
        cur.qualifier ? h("span", { class: "qual" }, ` ${cur.qualifier}`) : null),
      h("div", {}, `since ${cur.from}`, cur.to ? ` until ${cur.to}` : "", " · set by ",
        setBy ? h("button", { type: "button", class: "linkish", onclick: () => showEvidence(setBy) }, cur.set_by) : cur.set_by,
        ` (${cur.rank}) · ${cur.positions} position${cur.positions === 1 ? "" : "s"}`),
      segs.length > 1 ? h("ol", { class: "history" }, segs.slice(0, -1).reverse().map((s) =>
        h("li", {}, `${s.from} → ${s.to || "…"} `, chip(s.stance), s.qualifier ? ` ${s.qualifier}` : "", ` · ${s.set_by} (${s.rank})`))) : null));
  }
  $("#line-cards").replaceChildren(...(cards.length ? cards : [h("p", { class: "muted" }, "No government has a recorded position as of this date.")]));
}

// ---- timeline ------------------------------------------------------------

function renderTimeline(ps) {
  const box = $("#timeline");
  if (!ps.length) { box.replaceChildren(h("p", { class: "muted" }, "No positions on this question.")); return; }
  const cut = asOf() ? day(asOf()) : null;
  let lo = Math.min(...ps.map((p) => day(p.valid_from)));
  let hi = Math.max(...ps.map((p) => day(p.valid_to)), cut === null ? -Infinity : cut);
  if (cut !== null) lo = Math.min(lo, cut);
  const pad = Math.max(1, Math.round((hi - lo) * 0.03));
  lo -= pad; hi += pad + 1;
  const pct = (d) => `${(100 * (d - lo) / (hi - lo)).toFixed(3)}%`;

  // Axis ticks: days, weeks, months or years, whichever gives about 8.
  const span = hi - lo;
  const ticks = [];
  if (span <= 16) for (let d = Math.ceil(lo); d < hi; d++) ticks.push([d, fromDay(d).slice(5)]);
  else if (span <= 120) for (let d = Math.ceil(lo); d < hi; d++) { if (new Date(d * 86400000).getUTCDay() === 1) ticks.push([d, fromDay(d).slice(5)]); }
  else {
    const step = span <= 900 ? 1 : span <= 3000 ? 3 : 12;
    const s = new Date(lo * 86400000);
    let y = s.getUTCFullYear(), m = s.getUTCMonth() + 1;
    for (;;) {
      if (m >= 12) { y += Math.floor(m / 12); m %= 12; }
      const d = Date.UTC(y, m, 1) / 86400000;
      if (d >= hi) break;
      if (m % step === 0) ticks.push([d, step === 12 ? String(y) : fromDay(d).slice(0, 7)]);
      m += 1;
    }
  }
  const axis = () => h("div", { class: "track axis" }, ticks.map(([d, label]) => h("span", { class: "tick", style: `left:${pct(d)}` }, label)),
    cut !== null ? h("span", { class: "cut", style: `left:${pct(cut + 0.5)}`, title: `as of ${asOf()}` }) : null);

  // Lanes: governments (most positions first), then officials by rank.
  const govs = new Map();
  for (const p of ps) {
    if (!govs.has(p.government)) govs.set(p.government, new Map());
    const actors = govs.get(p.government);
    if (!actors.has(p.actor_id)) actors.set(p.actor_id, []);
    actors.get(p.actor_id).push(p);
  }
  const count = (m) => [...m.values()].reduce((n, v) => n + v.length, 0);
  const rows = [h("div", { class: "lane-label" }), axis()];
  for (const [gov, actors] of [...govs].sort((a, b) => count(b[1]) - count(a[1]) || a[0].localeCompare(b[0]))) {
    rows.push(h("div", { class: "gov-label" }, gov, h("span", { class: "muted" }, ` ${count(actors)}`)), h("div", { class: "gov-rule" }));
    const lanes = [...actors.values()].sort((a, b) => rankOf(a[0].rank) - rankOf(b[0].rank) || a[0].actor.localeCompare(b[0].actor));
    for (const lane of lanes) {
      // Pack overlapping marks into sub-rows.
      const ends = [];
      const marks = lane.slice().sort((a, b) => day(a.valid_from) - day(b.valid_from)).map((p) => {
        const a = day(p.valid_from), b = day(p.valid_to) + 1;
        let row = ends.findIndex((e) => e <= a);
        if (row < 0) { row = ends.length; ends.push(0); }
        ends[row] = b;
        const later = cut !== null && a > cut;
        return h("button", {
          type: "button", class: `mark ${p.stance}${later ? " later" : ""}`,
          style: `left:${pct(a)};width:calc(${pct(b)} - ${pct(a)});top:${3 + row * 14}px`,
          title: `${p.valid_from} ${p.actor}: ${p.stance}${p.qualifier ? ` (${p.qualifier})` : ""} — ${p.text}`,
          "aria-label": `${p.valid_from} ${p.actor} ${p.stance}`,
          dataset: { key: key(p), stance: p.stance, actor: p.actor, gov: p.government },
          onclick: () => showEvidence(p),
        });
      });
      rows.push(h("div", { class: "lane-label", title: `${lane[0].actor} (${lane[0].rank})` }, lane[0].actor, h("span", { class: "muted" }, ` ${lane[0].rank}`)),
        h("div", { class: "track", style: `height:${6 + ends.length * 14}px` },
          cut !== null ? h("span", { class: "cut", style: `left:${pct(cut + 0.5)}` }) : null, marks));
    }
  }
  box.replaceChildren(h("div", { class: "grid" }, rows));
}

// ---- exposures -----------------------------------------------------------

async function renderExposures(govs) {
  const list = $("#exposures");
  const items = [];
  await Promise.all(govs.map(async (g) => {
    const other = govs.find((x) => x !== g) || g;
    try {
      const b = await api(qpath("brief", { side: g, counterpart: other, as_of: asOf(), limit: 100 }));
      for (const e of b.exposures) items.push({ ...e, government: g });
    } catch (_) { /* a government with no line as of the date: nothing to expose */ }
  }));
  items.sort((a, b) => rankOf(a.rank) - rankOf(b.rank) || b.latest.localeCompare(a.latest) || a.government.localeCompare(b.government));
  list.replaceChildren(...(items.length ? items.map((e) => h("li", { class: `exposure ${e.kind}` },
    h("div", {}, h("span", { class: `kind ${e.kind}` }, e.kind.replace("_", " ")), " ", h("span", { class: "gov" }, e.government),
      h("span", { class: "muted" }, ` · ${e.rank} · latest ${e.latest}`)),
    h("ul", {}, e.positions.map((p) => h("li", {}, cite(p, { gov: false })))))) : [h("li", { class: "muted" }, "None as of this date.")]));
}

// ---- brief ---------------------------------------------------------------

async function renderBrief() {
  const out = $("#brief");
  const side = $("#side").value, counterpart = $("#counterpart").value;
  if (!side || !counterpart) { out.replaceChildren(h("p", { class: "muted" }, "No governments yet.")); return; }
  let b;
  try {
    b = await api(qpath("brief", { side, counterpart, as_of: asOf(), limit: 20 }));
  } catch (e) {
    out.replaceChildren(h("p", { class: "error" }, String(e.message || e)));
    return;
  }
  const seg = (s) => s ? h("div", { class: "seg" }, chip(s.stance), s.qualifier ? ` ${s.qualifier}` : "",
    ` · ${s.from} → ${s.to || "now"} · set by ${s.set_by} (${s.rank})`,
    h("ul", {}, s.evidence.map((p) => h("li", {}, citeLinked(p))))) : h("p", { class: "muted" }, "no recorded line");
  const vol = b.volatility;
  out.replaceChildren(
    h("h3", {}, `${b.side} on ${b.question}, facing ${b.counterpart}, as of ${b.as_of}`),
    b.proposition ? h("p", { class: "prop" }, b.proposition) : null,
    h("h4", {}, "Current line"), seg(b.current),
    h("h4", {}, `Changes (${b.changes.length}; ${vol.changes} in ${vol.days} days, ${Number(vol.per_30_days).toFixed(2)} per 30 days)`),
    h("ol", {}, b.changes.map((s) => h("li", {}, seg(s)))),
    h("h4", {}, `Exposures (${b.exposures.length} of ${b.exposures_total}, strongest first)`),
    b.exposures.length ? h("ol", {}, b.exposures.map((e) => h("li", {}, h("span", { class: `kind ${e.kind}` }, e.kind.replace("_", " ")),
      ` ${e.rank} · latest ${e.latest}`, h("ul", {}, e.positions.map((p) => h("li", {}, citeLinked(p))))))) : h("p", { class: "muted" }, "none"),
    h("h4", {}, `${b.counterpart}'s line`), seg(b.counterpart_line),
    h("h4", {}, `${b.counterpart}'s positions (${b.counterpart_positions.length}${b.counterpart_positions_not_own ? `; ${b.counterpart_positions_not_own} left out as not its own` : ""})`),
    h("ul", {}, b.counterpart_positions.map((p) => h("li", {}, citeLinked(p)))),
    h("p", { class: "muted" }, coverageText(b.coverage)));
}

/// A citation for reading and printing: the sentence, then a link to its source.
function citeLinked(p) {
  const href = p.source_url || `/documents/${encodeURIComponent(p.document_id)}`;
  return h("span", {}, cite(p), " ", h("a", { href, class: "src", rel: "noopener noreferrer" }, `[${p.document}:${p.start}–${p.end}]`));
}

// ---- search --------------------------------------------------------------

async function search(ev) {
  if (ev) ev.preventDefault();
  const q = $("#search-q").value.trim();
  const list = $("#search-results");
  if (!q) { list.replaceChildren(); return; }
  try {
    const r = await api(`/search?${qs({ q, question: $("#search-all").checked ? "" : state.question, limit: 100 })}`);
    list.replaceChildren(...(r.positions.length ? r.positions.map((p) => h("li", {}, h("span", { class: "muted" }, `${p.question} `), cite(p)))
      : [h("li", { class: "muted" }, `No statement contains every word of "${q}".`)]));
  } catch (e) {
    list.replaceChildren(h("li", { class: "error" }, String(e.message || e)));
  }
}

// ---- adding a document ---------------------------------------------------

async function addDocument(ev) {
  ev.preventDefault();
  const out = $("#add-result");
  const file = $("#add-file").files[0];
  if (!file) { out.className = "error"; out.textContent = "Choose a file."; return; }
  out.className = "muted";
  out.textContent = `sending ${file.name}…`;
  try {
    const q = qs({ name: file.name, published: $("#add-published").value, allow_undated: $("#add-undated").checked ? "true" : "" });
    const r = await api(`/documents?${q}`, {
      method: "POST", body: await file.arrayBuffer(), headers: { "Content-Type": "application/octet-stream" },
    });
    const said = [`stored ${r.stored}`, `duplicates ${r.duplicate}`, `near-duplicates ${r.near_duplicate}`, `positions ${r.positions}`];
    out.className = r.errors.length ? "error" : "";
    out.textContent = [said.join(", "), ...r.errors, ...r.notes].join(" · ");
    if (r.stored) { state.docs.clear(); await loadQuestion(); }
  } catch (e) {
    out.className = "error";
    out.textContent = String(e.message || e);
  }
}

// ---- wiring --------------------------------------------------------------

function coverageText(c) {
  if (!c) return "";
  return `Coverage: ${c.documents} document${c.documents === 1 ? "" : "s"} read, ${c.undated} undated, ${c.near_duplicates} near-duplicate copies not read, ${c.rejected} inputs refused by this server.`;
}

function fillSelect(sel, values, pick) {
  sel.replaceChildren(...values.map((v) => h("option", { value: v }, v)));
  sel.value = pick;
}

/// Everything that depends on the as-of date.
async function refresh() {
  status("loading…");
  try {
    const line = await api(qpath("line", { as_of: asOf() }));
    state.lines = line.lines;
    $("#line-as-of").textContent = asOf() ? `as of ${asOf()}` : "latest";
    renderLines(line.lines);
    renderTimeline(state.timeline);
    $("#coverage").textContent = coverageText(line.coverage);
    await Promise.all([renderExposures(state.govs), renderBrief()]);
    status("");
  } catch (e) {
    status(String(e.message || e), true);
  }
  writeHash();
}

/// Everything that depends on the question.
async function loadQuestion() {
  state.question = $("#question").value;
  status("loading…");
  try {
    const tl = await api(qpath("timeline"));
    state.timeline = tl.positions;
  } catch (e) {
    status(String(e.message || e), true);
    return;
  }
  const counts = new Map();
  for (const p of state.timeline) counts.set(p.government, (counts.get(p.government) || 0) + 1);
  state.govs = [...counts.keys()].sort((a, b) => counts.get(b) - counts.get(a) || a.localeCompare(b));
  fillSelect($("#side"), state.govs, state.govs[0]);
  fillSelect($("#counterpart"), state.govs, state.govs[1] || state.govs[0]);
  const q = state.questionsById.get(state.question);
  $("#proposition").textContent = q ? q.proposition : "";
  if (!asOf()) setLatest();
  await refresh();
  if ($("#search-q").value) search();
}

function setLatest() {
  const last = state.timeline.map((p) => p.valid_to).sort().pop();
  $("#as-of").value = last || "";
}

function readHash() {
  const p = new URLSearchParams(location.hash.slice(1));
  return { question: p.get("q"), asOf: p.get("as_of") };
}

function writeHash() {
  const h2 = `#${qs({ q: state.question, as_of: asOf() })}`;
  if (location.hash !== h2) history.replaceState(null, "", h2);
}

async function main() {
  const tok = $("#token");
  tok.value = token();
  tok.addEventListener("change", () => {
    const t = tok.value.trim();
    if (t) sessionStorage.setItem(TOKEN_KEY, t); else sessionStorage.removeItem(TOKEN_KEY);
    // A server that wants the token for reads too: load again with it.
    if (!state.questionsById) location.reload();
  });
  let questions;
  try {
    questions = await api("/questions");
  } catch (e) {
    status(String(e.message || e), true);
    return;
  }
  state.questionsById = new Map(questions.map((q) => [q.id, q]));
  if (!questions.length) { status("The ledger watches no question yet (vane questions load).", true); return; }
  const want = readHash();
  fillSelect($("#question"), questions.map((q) => q.id), questions[0].id);
  if (want.question && state.questionsById.has(want.question)) $("#question").value = want.question;
  if (want.asOf) $("#as-of").value = want.asOf;
  $("#question").addEventListener("change", () => { $("#as-of").value = ""; loadQuestion(); });
  $("#as-of").addEventListener("change", refresh);
  $("#latest").addEventListener("click", () => { setLatest(); refresh(); });
  $("#side").addEventListener("change", renderBrief);
  $("#counterpart").addEventListener("change", renderBrief);
  $("#search-form").addEventListener("submit", search);
  $("#add-form").addEventListener("submit", addDocument);
  $("#print").addEventListener("click", () => {
    document.body.classList.add("print-brief");
    window.print();
    document.body.classList.remove("print-brief");
  });
  await loadQuestion();
  document.body.dataset.ready = "1";
}

main();
