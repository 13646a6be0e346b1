/* Search worker for Korean queries: wraps Material's search worker. Before Material sees a query,
   each Hangul word gains its two-syllable sequences (spaces between Hangul words ignored), the same
   way the build indexed every page (field `k`, macros/site/search.py): "코드리뷰" meets "코드 리뷰",
   "베이스" meets "데이터베이스", "설계를" meets "설계". Material's worker is loaded from ?worker=. */
"use strict";
const QUERY = 2; // Material's SearchMessageType.QUERY
const HANGUL = /[\uac00-\ud7a3]+(?:\s+[\uac00-\ud7a3]+)*/g;

function expand(query) {
  const extra = new Set();
  for (const run of query.match(HANGUL) || []) {
    const word = run.replace(/\s+/g, "");
    for (let i = 0; i + 1 < word.length; i++) extra.add(word.slice(i, i + 2));
  }
  return extra.size ? `${query} ${[...extra].join(" ")}` : query;
}

self.addEventListener("message", (ev) => {
  const message = ev.data;
  if (message && message.type === QUERY && typeof message.data === "string") message.data = expand(message.data);
});
importScripts(new URL(new URL(self.location.href).searchParams.get("worker"), self.location.href).href);
