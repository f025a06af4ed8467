// Where documents are kept: the folder of `vanban edit` (its routes), or the browser's storage
// in `vanban serve` (drafts, with download/upload as JSON).

import { call, get, json } from './api.js';

const DRAFTS = 'vanban-drafts';

export let local = false;

export async function detect() {
  try {
    const info = await get('/v1/edit');
    local = info.mode === 'local';
    return info;
  } catch {
    local = false;
    return { mode: 'service' };
  }
}

function drafts() {
  try { return JSON.parse(localStorage.getItem(DRAFTS) || '{}'); } catch { return {}; }
}

/** [{stem, modified}] newest first. */
export async function list() {
  if (local) return (await get('/v1/edit/files')).files;
  return Object.entries(drafts()).map(([stem, d]) => ({ stem, modified: d.modified })).sort((a, b) => (b.modified || '').localeCompare(a.modified || ''));
}

/** The saved text of a document. */
export async function open(stem) {
  if (local) return (await call(`/v1/edit/files/${encodeURIComponent(stem)}`)).text();
  const d = drafts()[stem];
  if (!d) throw new Error(`Không có bản nháp ${stem}`);
  return d.text;
}

export async function save(stem, text) {
  if (local) {
    await call(`/v1/edit/files/${encodeURIComponent(stem)}`, { method: 'PUT', headers: { 'Content-Type': 'application/json' }, body: text });
    return;
  }
  const all = drafts();
  all[stem] = { text, modified: new Date().toISOString() };
  localStorage.setItem(DRAFTS, JSON.stringify(all));
}

export async function remove(stem) {
  if (local) { await call(`/v1/edit/files/${encodeURIComponent(stem)}`, { method: 'DELETE' }); return; }
  const all = drafts();
  delete all[stem];
  localStorage.setItem(DRAFTS, JSON.stringify(all));
}

export async function duplicate(stem) {
  if (local) return (await json(`/v1/edit/files/${encodeURIComponent(stem)}/duplicate`, {})).stem;
  const all = drafts();
  let n = 2;
  while (all[`${stem} (${n})`]) n++;
  all[`${stem} (${n})`] = { ...all[stem], modified: new Date().toISOString() };
  localStorage.setItem(DRAFTS, JSON.stringify(all));
  return `${stem} (${n})`;
}

/** A name for a new document from its type and the time. */
export function newStem(type) {
  const t = new Date();
  const p = (n) => String(n).padStart(2, '0');
  return `${type}-${t.getFullYear()}${p(t.getMonth() + 1)}${p(t.getDate())}-${p(t.getHours())}${p(t.getMinutes())}${p(t.getSeconds())}`;
}
