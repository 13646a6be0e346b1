/* The site's search engine, in Material's search worker protocol (SETUP → READY, QUERY → RESULT), so
   Material's search box and result list stay as they are. Nothing is indexed in the browser: the build
   wrote every term with the entries holding it (search/terms.json, see macros/site/search.py), and this
   worker reads a query the same way and looks its terms up.

   A query is a list of words. A Hangul word is read as its two-syllable sequences (bigrams), so spacing
   variants ("코드리뷰" / "코드 리뷰"), the middle of a compound ("베이스") and a word with a particle
   ("설계를") still meet their page; a Latin word or number matches as the start of a term ("kube").
   An entry holds a word when it holds at least half of its bigrams; it scores more for rare words, for
   words in its title, for holding every word of the query, and by its page kind's boost. */
"use strict";

const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3; // Material's SearchMessageType
const WORD = /[\uac00-\ud7a3]+|[0-9a-z]+/g;
const HANGUL = /^[\uac00-\ud7a3]/;
const PARTICLE = /^(.+?)(을|를|이|가|은|는|에|의|와|과|도|로|으로|에서|까지|부터)$/;
const PREFIXES = 40; // terms tried for one Latin prefix
const SHOWN = 200; // entries returned for one query, at most
const TITLE = 3; // a word in the title counts this many times
const INTENT = 6; // a page whose title holds every word of the query counts this many times more

const here = new URL(self.location.href);
const indexUrl = new URL(here.searchParams.get("index") || "../search/terms.json", here).href;
let docs = [], byLocation = new Map();
let terms = [], postings = [], position = new Map(), total = 0;

async function load(cache) {
  try {
    const index = await (await fetch(indexUrl, { cache })).json();
    terms = index.terms;
    postings = index.postings;
    total = index.entries;
    position = new Map(terms.map((t, i) => [t, i]));
  } catch (err) { /* no index: every query finds nothing */ }
}
let loaded = load("default");

function bigrams(word) {
  if (word.length === 1) return [word];
  const out = [];
  for (let i = 0; i + 1 < word.length; i++) out.push(word.slice(i, i + 2));
  return [...new Set(out)];
}

/* The entries holding term number `i`: Map entry → 1 (in the title) or 0. */
function holders(i) {
  const out = new Map();
  let n = 0;
  for (const step of postings[i]) {
    n += step;
    const entry = n >> 1;
    out.set(entry, Math.max(out.get(entry) || 0, n & 1));
  }
  return out;
}

const idf = (i) => Math.log(1 + Math.max(1, total) / postings[i].length);

/* Terms starting with `prefix` (the exact term first). */
function withPrefix(prefix) {
  let lo = 0, hi = terms.length;
  while (lo < hi) { const mid = (lo + hi) >> 1; if (terms[mid] < prefix) lo = mid + 1; else hi = mid; }
  const out = [];
  for (let i = lo; i < terms.length && out.length < PREFIXES && terms[i].startsWith(prefix); i++) out.push(i);
  return out;
}

/* One query word: for each entry holding it, how well (0..1, with the title share) and the word's weight. */
function match(word) {
  const found = new Map(); // entry → {hit, title}
  let weight = 0;
  if (HANGUL.test(word)) {
    const readings = [bigrams(word)];
    const p = word.match(PARTICLE);
    if (p) readings.push(bigrams(p[1]));
    for (const grams of readings) {
      const known = grams.map((g) => position.get(g)).filter((i) => i !== undefined);
      if (!known.length) continue;
      weight = Math.max(weight, known.reduce((s, i) => s + idf(i), 0) / known.length);
      const counts = new Map();
      for (const i of known) for (const [entry, inTitle] of holders(i)) {
        const c = counts.get(entry) || { n: 0, title: 0 };
        c.n++; c.title += inTitle;
        counts.set(entry, c);
      }
      for (const [entry, c] of counts) {
        if (c.n * 2 < known.length) continue; // less than half of the word
        const hit = c.n / known.length, title = c.title / c.n;
        const best = found.get(entry);
        if (!best || hit > best.hit) found.set(entry, { hit, title });
      }
    }
  } else {
    const candidates = withPrefix(word);
    if (word.length > 3 && word.endsWith("s")) candidates.push(...withPrefix(word.slice(0, -1))); // plurals
    for (const i of candidates) {
      const exact = terms[i] === word || terms[i] === word.slice(0, -1);
      weight = Math.max(weight, idf(i));
      for (const [entry, inTitle] of holders(i)) {
        const hit = exact ? 1 : 0.7;
        const best = found.get(entry);
        if (!best || hit > best.hit || (hit === best.hit && inTitle > best.title)) found.set(entry, { hit, title: inTitle });
      }
    }
  }
  return { found, weight };
}

const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/* Marks the query's words in an entry's title or text (HTML: entities are left whole). */
function highlighter(words) {
  const parts = new Set();
  for (const w of words) {
    if (HANGUL.test(w)) {
      for (let len = w.length; len >= 2; len--) for (let i = 0; i + len <= w.length; i++) parts.add(w.slice(i, i + len));
      if (w.length === 1) parts.add(w);
    } else parts.add(w);
  }
  if (!parts.size) return (s) => s;
  const alternatives = [...parts].sort((a, b) => b.length - a.length).map((p) => (HANGUL.test(p) ? escapeRegExp(p) : `(?<![0-9a-z])${escapeRegExp(p)}[0-9a-z]*`));
  const pattern = new RegExp(`(&[#0-9a-z]+;)|(${alternatives.join("|")})`, "gi");
  return (s) => s.replace(pattern, (m, entity, hit) => (entity ? entity : `<mark data-md-highlight>${hit}</mark>`))
    .replace(/<\/mark>(\s*)<mark data-md-highlight>/g, "$1");
}

function search(query) {
  const words = [...new Set((query.normalize("NFC").toLowerCase().match(WORD) || []))].slice(0, 12);
  if (!words.length) return { items: [] };
  const matches = words.map(match);
  const scores = new Map(); // entry → {score, held: Set of words}
  matches.forEach(({ found, weight }, w) => {
    for (const [entry, { hit, title }] of found) {
      const s = scores.get(entry) || { score: 0, held: new Set() };
      s.score += hit * weight * (1 + (TITLE - 1) * title);
      s.held.add(words[w]);
      scores.set(entry, s);
    }
  });
  const ranked = [];
  for (const [entry, s] of scores) {
    const doc = docs[entry];
    if (!doc) continue;
    const coverage = s.held.size / words.length;
    const article = doc.location.includes("#") ? 1 : 1.5;
    // a page whose title holds every word of the query is what the reader asked for ("면접 질문", "시니어 역량")
    const intent = !doc.location.includes("#") && matches.every(({ found }) => (found.get(entry) || {}).title === 1) ? INTENT : 1;
    ranked.push({ entry, held: s.held, score: s.score * coverage * coverage * article * intent * (doc.boost || 1) });
  }
  ranked.sort((a, b) => b.score - a.score);
  const mark = highlighter(words);
  const groups = new Map();
  for (const { entry, held, score } of ranked.slice(0, SHOWN)) {
    const doc = docs[entry];
    const page = doc.location.split("#")[0];
    const item = { ...doc, title: mark(doc.title), text: mark(doc.text), score,
      terms: Object.fromEntries(words.map((w) => [w, held.has(w)])) };
    if (!groups.has(page)) groups.set(page, []);
    groups.get(page).push(item);
  }
  for (const [page, items] of groups) {
    if (!items.some((i) => i.location === page) && byLocation.has(page)) items.push({ ...byLocation.get(page), score: 0, terms: {} });
  }
  return { items: [...groups.values()].filter((items) => items.some((i) => !i.location.includes("#"))) };
}

self.addEventListener("message", async (ev) => {
  const message = ev.data || {};
  if (message.type === SETUP) {
    docs = (message.data && message.data.docs) || [];
    byLocation = new Map(docs.map((d) => [d.location, d]));
    await loaded;
    if (total !== docs.length) await (loaded = load("reload")); // a cached index from another build
    self.postMessage({ type: READY });
  } else if (message.type === QUERY) {
    await loaded;
    let data = { items: [] };
    try { data = search(String(message.data || "")); } catch (err) { /* a query that cannot be read finds nothing */ }
    self.postMessage({ type: RESULT, data });
  }
});
