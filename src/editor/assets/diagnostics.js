// Errors and warnings where they are: at their field (aria-invalid, the message tied by
// aria-describedby) once the field has been left or after a pause, cleared when the field is
// edited; a summary (role "alert") while an error stands, its links focusing the fields.

import { $, $$, el } from './dom.js';
import { fieldOf, WORDS } from './words.js';

let current = [];
const touched = new Set();
const editedSince = new Set();

/** A field was left, or a pause passed: its diagnostics may show. */
export function touch(id) { touched.add(id); editedSince.delete(id); render(); }
/** Every field may show (after an action: Lưu, Tải, Ký). */
export function touchAll() { for (const e of $$('#form input, #form select, #form textarea')) touched.add(e.id); editedSince.clear(); render(); }
/** A field is being edited: its message clears until it is left again. */
export function edited(id) { editedSince.add(id); render(); }

export function set(diags) { current = diags || []; render(); }
export function errors() { return current.filter((d) => d.severity === 'error'); }

function render() {
  for (const m of $$('.field-msg')) m.remove();
  for (const f of $$('[aria-invalid]')) { f.removeAttribute('aria-invalid'); f.removeAttribute('aria-describedby'); }
  const byField = new Map();
  for (const d of current) {
    const id = fieldOf(d.path) || null;
    if (!id || !touched.has(id) || editedSince.has(id)) continue;
    if (!byField.has(id)) byField.set(id, []);
    byField.get(id).push(d);
  }
  for (const [id, ds] of byField) {
    const f = document.getElementById(id);
    if (!f) continue;
    const msgId = `${id}-msg`;
    const box = el('div', { id: msgId, class: 'field-msg' }, ds.map((d) => el('p', { class: d.severity }, `${d.severity === 'error' ? WORDS.error : WORDS.warning}: ${d.message}`)));
    (f.closest('.row') || f.parentElement).append(box);
    if (ds.some((d) => d.severity === 'error')) f.setAttribute('aria-invalid', 'true');
    f.setAttribute('aria-describedby', msgId);
  }
  summary();
}

let lastSummary = '';

function summary() {
  const box = $('#error-summary');
  const errs = current.filter((d) => d.severity === 'error');
  const warns = current.filter((d) => d.severity !== 'error');
  // Unchanged: left as it is (a link being clicked must not be replaced under the pointer).
  const key = JSON.stringify([errs, warns].map((l) => l.map((d) => [d.path, d.code, d.message])));
  if (key === lastSummary) return;
  lastSummary = key;
  box.hidden = !errs.length;
  const list = $('#error-list');
  list.replaceChildren(...errs.map((d) => item(d)));
  const wbox = $('#warning-summary');
  wbox.hidden = !warns.length;
  $('#warning-list').replaceChildren(...warns.map((d) => item(d)));
}

function item(d) {
  const id = fieldOf(d.path);
  const label = id ? document.querySelector(`label[for="${id}"]`)?.textContent?.replace(/\s*\*$/, '') : null;
  const text = `${label ? label + ': ' : ''}${d.message}`;
  if (!id) return el('li', {}, text);
  return el('li', {}, el('a', { href: `#${id}`, onclick: (ev) => { ev.preventDefault(); focusField(id); } }, text));
}

export function focusField(id) {
  const f = document.getElementById(id);
  if (!f) return;
  f.closest('details')?.setAttribute('open', '');
  f.focus();
}

/** After an action the summary takes focus when an error stands; true when it did. */
export function stopOnErrors() {
  touchAll();
  if (!errors().length) return false;
  $('#error-summary').focus();
  return true;
}
