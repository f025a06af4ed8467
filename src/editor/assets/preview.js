// The live preview: the real pages (the PDF's layout) as SVG images named "Trang N/M".
// One request in flight and one pending, the latest wins; pages travel only when their hash
// is new; while an error stands the last good pages stay, marked stale.

import { $, el } from './dom.js';
import { json } from './api.js';
import { ELEMENT_FIELD, elementsOf } from './words.js';

let rev = 0;
let shownRev = 0;
let inFlight = false;
let pending = null;
let pages = []; // [{hash, w, h, url}]
let elements = [];
let onAnswer = () => {};
let lang = 'vi';

/** Called with each answer's diagnostics (and whether it was good). */
export function onDiagnostics(f) { onAnswer = f; }

/** Ask for the pages of this document (the newest request wins). */
export function request(doc) {
  pending = doc;
  if (!inFlight) send();
}

async function send() {
  const doc = pending;
  pending = null;
  if (!doc) return;
  inFlight = true;
  const my = ++rev;
  try {
    const have = pages.map((p) => p.hash);
    const a = await json(`/v1/preview?lang=${lang}`, { rev: my, have, document: doc });
    if (a.rev >= shownRev) {
      shownRev = a.rev;
      if (a.ok) await show(a);
      $('#pages').classList.toggle('stale', !a.ok);
      $('#stale-note').hidden = a.ok;
      onAnswer(a.diagnostics || [], a.ok);
    }
  } catch (e) {
    $('#pages').classList.add('stale');
    $('#stale-note').hidden = false;
    onAnswer(null, false, e);
  } finally {
    inFlight = false;
    if (pending) send();
  }
}

async function show(a) {
  const old = new Map(pages.map((p) => [p.hash, p]));
  const next = [];
  for (const p of a.pages) {
    const known = old.get(p.hash);
    if (known) next.push({ ...known, w: p.w, h: p.h });
    else if (p.svg) next.push({ hash: p.hash, w: p.w, h: p.h, url: URL.createObjectURL(new Blob([p.svg], { type: 'image/svg+xml' })) });
  }
  // Decode new images before swapping, so nothing flickers.
  const root = $('#pages');
  const figures = [];
  const n = next.length;
  await Promise.all(next.map(async (p, i) => {
    const img = new Image();
    img.src = p.url;
    img.alt = `Trang ${i + 1}/${n}`;
    img.dataset.hash = p.hash;
    img.dataset.page = String(i + 1);
    try { await img.decode(); } catch { /* shown anyway */ }
    const fig = el('div', { class: 'page', 'data-page': i + 1 }, img, el('div', { class: 'outlines', 'aria-hidden': 'true' }));
    fig.style.aspectRatio = `${p.w} / ${p.h}`;
    img.addEventListener('click', (ev) => clickPage(ev, i + 1, p));
    figures[i] = fig;
  }));
  const keep = new Set(next.map((p) => p.url));
  for (const p of pages) if (!keep.has(p.url)) URL.revokeObjectURL(p.url);
  pages = next;
  elements = a.elements || [];
  root.replaceChildren(...figures);
  $('#page-count').textContent = `${n} trang`;
  outline(document.activeElement?.id);
}

/** A click on a page focuses the field of the smallest element under it. */
function clickPage(ev, page, p) {
  const r = ev.target.getBoundingClientRect();
  const x = ((ev.clientX - r.left) / r.width) * p.w;
  const y = ((ev.clientY - r.top) / r.height) * p.h;
  const hits = elements.filter((e) => e.page === page && x >= e.x && x <= e.x + e.w && y >= e.y && y <= e.y + e.h);
  hits.sort((a, b) => a.w * a.h - b.w * b.h);
  for (const h of hits) {
    const id = ELEMENT_FIELD[h.element];
    const f = id && document.getElementById(id);
    if (f && !f.closest('[hidden]')) {
      f.closest('details')?.setAttribute('open', '');
      f.focus();
      return;
    }
  }
}

/** Outline the elements of a focused field on the page. */
export function outline(fieldId) {
  for (const o of document.querySelectorAll('.outlines')) o.replaceChildren();
  if (!fieldId) return;
  const names = elementsOf(fieldId);
  let first = null;
  for (const e of elements.filter((e) => names.includes(e.element))) {
    const fig = document.querySelector(`.page[data-page="${e.page}"]`);
    const p = pages[e.page - 1];
    if (!fig || !p) continue;
    const box = el('div', { class: 'outline', 'data-element': e.element });
    Object.assign(box.style, { left: `${(e.x / p.w) * 100}%`, top: `${(e.y / p.h) * 100}%`, width: `${(e.w / p.w) * 100}%`, height: `${(e.h / p.h) * 100}%` });
    fig.querySelector('.outlines').append(box);
    first = first || fig;
  }
  if (first) {
    const r = first.getBoundingClientRect();
    if (r.bottom < 0 || r.top > window.innerHeight) first.scrollIntoView({ block: 'nearest' });
  }
}

/** Forget the pages (a new document). */
export function reset() {
  for (const p of pages) URL.revokeObjectURL(p.url);
  pages = [];
  elements = [];
  $('#pages').replaceChildren();
  $('#page-count').textContent = '';
}
