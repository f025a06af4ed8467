// The repeatable parts under "Thêm": other signers (biên bản, joint documents), appendices
// (each with its own body typed as text), and the copy block (Mẫu 3.1/3.2). Each part keeps
// the value it was loaded with: unchanged, the document's own JSON stays as it was.

import { $, el } from './dom.js';
import { json } from './api.js';
import { AUTHORITIES, fieldsOf, signerOf } from './signer.js';

let loaded = { signers: '[]', appendices: '[]', copy: 'null' };
let appendixTexts = []; // the text each appendix's body was loaded as, and its blocks and kept
let onChange = () => {};

export function wire(changed) {
  onChange = changed;
  $('#add-signer').addEventListener('click', () => { addSigner({}); onChange(true); });
  $('#add-appendix').addEventListener('click', () => { addAppendix({ title: '', body: [] }, { text: '', kept: [] }); onChange(true); });
  $('#c-form').addEventListener('change', showCopy);
}

// ---- other signers ----


function addSigner(s) {
  const box = $('#other-signers');
  const k = box.children.length + 2; // the form's own signer is the first
  const id = (x) => `g-s${k}-${x}`;
  const sf = fieldsOf(s);
  const input = (x, label, value) => el('div', { class: 'row' }, el('label', { for: id(x) }, label), el('input', { id: id(x), value: value || '', autocomplete: 'off' }));
  const row = el('fieldset', { class: 'group-row', 'data-kind': 'signer' },
    el('legend', {}, `Người ký thứ ${k}`),
    el('div', { class: 'row' }, el('label', { for: id('a') }, `Quyền hạn ký (người ký thứ ${k})`), el('select', { id: id('a') }, AUTHORITIES.map((a) => el('option', { selected: a === sf.authority }, a)))),
    input('c', `Thay mặt (người ký thứ ${k})`, sf.collective),
    input('h', `Cấp trưởng (người ký thứ ${k})`, sf.head),
    input('t', `Chức vụ (người ký thứ ${k})`, s.title),
    input('n', `Họ tên (người ký thứ ${k})`, s.name),
    el('button', { type: 'button', class: 'small', onclick: (ev) => { ev.target.closest('fieldset').remove(); onChange(true); } }, `Bỏ người ký thứ ${k}`));
  row.dataset.extra = JSON.stringify(Object.fromEntries(Object.entries(s).filter(([key]) => ['lines', 'note'].includes(key))));
  box.append(row);
}

function readSigner(row) {
  const v = (x) => row.querySelector(`[id$="-${x}"]`).value;
  return signerOf({ authority: v('a'), collective: v('c'), head: v('h'), title: v('t'), name: v('n') }, JSON.parse(row.dataset.extra || '{}'));
}

// ---- appendices ----

function addAppendix(a, text) {
  const box = $('#appendices');
  const k = box.children.length + 1;
  const id = (x) => `g-a${k}-${x}`;
  const row = el('fieldset', { class: 'group-row', 'data-kind': 'appendix' },
    el('legend', {}, `Phụ lục ${k}`),
    el('div', { class: 'row' }, el('label', { for: id('title') }, `Tên phụ lục ${k}`), el('input', { id: id('title'), value: a.title || '', autocomplete: 'off' })),
    el('div', { class: 'row two' },
      el('div', {}, el('label', { for: id('label') }, `Nhãn phụ lục ${k}`), el('input', { id: id('label'), value: a.label ?? '', placeholder: 'Phụ lục I', autocomplete: 'off' })),
      el('div', {}, el('label', { for: id('type') }, `Văn bản kèm theo (loại, phụ lục ${k})`), el('input', { id: id('type'), value: a.type || '', placeholder: 'quy-che', autocomplete: 'off' }))),
    el('div', { class: 'row' }, el('label', { for: id('caption') }, `Dòng kèm theo (phụ lục ${k})`), el('input', { id: id('caption'), value: a.caption || '', autocomplete: 'off' })),
    el('div', { class: 'row' }, el('label', { for: id('body') }, `Nội dung phụ lục ${k}`), el('textarea', { id: id('body'), rows: 6 })),
    el('button', { type: 'button', class: 'small', onclick: (ev) => { ev.target.closest('fieldset').remove(); onChange(true); } }, `Bỏ phụ lục ${k}`));
  row.querySelector('textarea').value = text.text;
  row.dataset.label = 'label' in a ? '1' : '';
  row.dataset.k = String(appendixTexts.length);
  appendixTexts.push({ text: text.text, kept: text.kept, blocks: a.body || [], lastText: text.text, lastBlocks: a.body || [] });
  box.append(row);
}

async function readAppendix(row, profile) {
  const v = (x) => row.querySelector(`[id$="-${x}"]`).value;
  const t = appendixTexts[Number(row.dataset.k)];
  const text = v('body');
  let blocks = t.blocks;
  if (text !== t.text) {
    if (text !== t.lastText) {
      const r = await json('/v1/body?lang=vi', { text, kept: t.kept, profile });
      t.lastText = text;
      t.lastBlocks = r.body;
    }
    blocks = t.lastBlocks;
  }
  const a = { title: v('title') };
  if (v('type').trim()) a.type = v('type').trim();
  if (row.dataset.label || v('label').trim()) a.label = v('label').trim();
  if (v('caption').trim()) a.caption = v('caption').trim();
  a.body = blocks;
  return a;
}

// ---- the copy ----

const COPY_FIELDS = ['c-form', 'c-electronic', 'c-issuer', 'c-code', 'c-number', 'c-place', 'c-date', 'c-authority', 'c-head', 'c-title', 'c-name', 'c-distribution', 'c-signed-at'];

function showCopy() {
  $('#copy-fields').hidden = !$('#c-form').value;
}

function fillCopy(c) {
  const set = (id, v) => { const e = $('#' + id); if (e.type === 'checkbox') e.checked = !!v; else e.value = v ?? ''; };
  set('c-form', c?.form || '');
  set('c-electronic', c?.electronic);
  set('c-issuer', c?.issuer?.name);
  set('c-code', c?.issuer?.code);
  set('c-number', c?.number);
  set('c-place', c?.place);
  set('c-date', c?.date);
  const sf = fieldsOf(c?.signer);
  set('c-authority', sf.authority);
  set('c-head', sf.authority === 'TM.' ? sf.collective : sf.head);
  set('c-title', sf.title);
  set('c-name', sf.name);
  set('c-distribution', (c?.distribution || []).join('\n'));
  set('c-signed-at', c?.signed_at);
  showCopy();
}

function readCopy(base) {
  const v = (id) => $('#' + id).value.trim();
  if (!v('c-form')) return null;
  const c = { ...(base || {}) };
  c.form = v('c-form');
  const issuer = { ...(c.issuer || {}), name: v('c-issuer') };
  if (v('c-code')) issuer.code = v('c-code'); else delete issuer.code;
  if (issuer.name || issuer.code) c.issuer = issuer; else delete c.issuer;
  for (const [id, k] of [['c-place', 'place'], ['c-date', 'date'], ['c-signed-at', 'signed_at']]) { if (v(id)) c[k] = v(id); else delete c[k]; }
  if (v('c-number')) c.number = /^\d+$/.test(v('c-number')) ? Number(v('c-number')) : v('c-number'); else delete c.number;
  if ($('#c-electronic').checked) c.electronic = true; else delete c.electronic;
  const a = v('c-authority');
  // One field says whom the copy is signed for: the collective under TM., the head otherwise.
  const s = signerOf({ authority: a, collective: a === 'TM.' ? v('c-head') : '', head: v('c-head'), title: v('c-title'), name: v('c-name') });
  if (Object.keys(s).length) c.signer = s; else delete c.signer;
  const d = v('c-distribution').split('\n').map((x) => x.trim()).filter(Boolean);
  if (d.length) c.distribution = d; else delete c.distribution;
  return c;
}

// ---- the document ----

/** Fill the parts from a document; the appendices' bodies become text on the server. */
export async function fill(doc) {
  $('#other-signers').replaceChildren();
  $('#appendices').replaceChildren();
  appendixTexts = [];
  for (const s of (doc.signers || []).slice(1)) addSigner(s);
  for (const a of doc.appendices || []) addAppendix(a, await json('/v1/body/text', { body: a.body || [] }));
  fillCopy(doc.copy);
  loaded = { signers: JSON.stringify(readSigners()), appendices: null, copy: JSON.stringify(readCopy(doc.copy)) };
  loaded.appendices = JSON.stringify(await readAppendices(doc.profile || 'nd30'));
}

function readSigners() {
  return [...$('#other-signers').children].map(readSigner);
}

async function readAppendices(profile) {
  const out = [];
  for (const row of $('#appendices').children) out.push(await readAppendix(row, profile));
  return out;
}

/** Put what the parts changed into the document (the form has set its own signer first). */
export async function read(doc) {
  const others = readSigners();
  if (JSON.stringify(others) !== loaded.signers) {
    const main = doc.signers ? doc.signers[0] : doc.signer || {};
    if (others.length) {
      doc.signers = [main, ...others];
      delete doc.signer;
    } else {
      doc.signer = main;
      delete doc.signers;
    }
  }
  const apps = await readAppendices(doc.profile || 'nd30');
  if (JSON.stringify(apps) !== loaded.appendices) {
    if (apps.length) doc.appendices = apps; else delete doc.appendices;
  }
  const copy = readCopy(doc.copy);
  if (JSON.stringify(copy) !== loaded.copy) {
    if (copy) doc.copy = copy; else delete doc.copy;
  }
  return doc;
}

/** After a save: the current values are the loaded ones. */
export async function settle(doc) {
  loaded = { signers: JSON.stringify(readSigners()), appendices: JSON.stringify(await readAppendices(doc.profile || 'nd30')), copy: JSON.stringify(readCopy(doc.copy)) };
  for (const [i, row] of [...$('#appendices').children].entries()) {
    const t = appendixTexts[Number(row.dataset.k)];
    const a = JSON.parse(loaded.appendices)[i];
    t.text = row.querySelector('textarea').value;
    t.blocks = a.body;
  }
}

export const FIELDS = COPY_FIELDS;
