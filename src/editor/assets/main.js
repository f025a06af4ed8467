// The editor: start screen, form, live preview, saving, downloads, signing. Rules live on
// the server (validation, lint, the body's reader, the layout); the page shows their answers.
// Fields are never written while a person types in them (Vietnamese input methods rewrite
// the text around the caret, and a write in between breaks the word).

import { $, $$, el, status, download } from './dom.js';
import { get, json, call, diagnosticsOf, onTokenNeeded, setToken } from './api.js';
import * as form from './form.js';
import * as body from './body.js';
import * as preview from './preview.js';
import * as diag from './diagnostics.js';
import * as store from './store.js';
import * as profiles from './profiles.js';
import * as signing from './sign.js';
import * as groups from './groups.js';
import * as keptView from './kept.js';
import { describe, fieldsOf } from './signer.js';

const state = {
  stem: null,
  base: null, // the document as loaded or last saved
  sourceText: null, // its bytes as saved (kept when nothing changed)
  doc: null, // the document as the form says now
  bodyWarnings: [],
  types: { nd30: [], dang: [] },
  info: {},
};

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

// ---- start ----

async function types(profile) {
  if (!state.types[profile].length) state.types[profile] = await get(profile === 'dang' ? '/v1/types?profile=dang' : '/v1/types');
  return state.types[profile];
}

async function renderTypes() {
  const profile = $('#start-profile').value;
  const list = await types(profile);
  $('#type-list').replaceChildren(...list.map((t) => el('li', {},
    el('button', { type: 'button', class: 'type', 'aria-describedby': `purpose-${t.slug}`, onclick: () => newDocument(t.slug, profile) }, t.name),
    el('span', { id: `purpose-${t.slug}`, class: 'purpose' }, t.purpose || ''))));
}

async function renderRecent() {
  const files = await store.list();
  const when = (m) => (m ? new Date(m).toLocaleString('vi-VN') : '');
  $('#recent').replaceChildren(...(files.length ? files.slice(0, 30).map((f) => el('li', {},
    el('button', { type: 'button', class: 'link', onclick: () => openStored(f.stem) }, f.stem),
    el('span', { class: 'when' }, ` ${when(f.modified)} `),
    el('button', { type: 'button', class: 'small', 'aria-label': `Nhân bản ${f.stem}`, onclick: async () => { await store.duplicate(f.stem); renderRecent(); } }, 'Nhân bản'),
    el('button', { type: 'button', class: 'small', 'aria-label': `Xóa ${f.stem}`, onclick: async () => { if (confirm(`Xóa "${f.stem}"? (chuyển vào thùng rác)`)) { await store.remove(f.stem); renderRecent(); } } }, 'Xóa'))) : [el('li', {}, 'Chưa có văn bản nào.')]));
}

function showStart() {
  $('#start').hidden = false;
  $('#workspace').hidden = true;
  for (const b of $$('.doc-only')) b.hidden = true;
  renderRecent();
  $('#start-h').focus?.();
}

function showWorkspace() {
  $('#start').hidden = true;
  $('#workspace').hidden = false;
  for (const b of $$('.doc-only')) b.hidden = b.classList.contains('local-only') && !store.local;
  $('#doc-stem').textContent = state.stem;
}

// ---- loading ----

async function fillTypeSelect(profile, current) {
  const list = await types(profile);
  const sel = $('#f-type');
  sel.replaceChildren(...list.map((t) => el('option', { value: t.slug, selected: t.slug === current }, t.name)));
  if (current && !list.some((t) => t.slug === current)) sel.append(el('option', { value: current, selected: true }, current));
}

async function load(doc, stem, sourceText = null) {
  state.stem = stem;
  state.base = doc;
  state.sourceText = sourceText;
  state.importWarnings = [];
  preview.reset();
  diag.set([]);
  await fillTypeSelect(doc.profile || 'nd30', doc.type);
  form.fill(doc);
  $('#f-body').value = await body.load(doc.body || [], doc.profile || 'nd30');
  keptView.render();
  await groups.fill(doc);
  renderSignerPick();
  echoDate();
  showWorkspace();
  location.hash = `#doc=${encodeURIComponent(stem)}`;
  await update();
}

async function newDocument(slug, profile) {
  const starter = await get(`/v1/types/${slug}/starter${profile === 'dang' ? '?profile=dang' : ''}`);
  const doc = form.applyProfile(starter, profiles.active());
  await load(doc, store.newStem(slug));
  status(`Văn bản mới: ${$('#f-type').selectedOptions[0]?.textContent || slug}`);
  $('#f-subject').focus();
}

async function openStored(stem) {
  try {
    const text = await store.open(stem);
    await load(JSON.parse(text), stem, text);
    status(`Đã mở ${stem}`);
  } catch (e) {
    status(`Không mở được ${stem}: ${e.message}`);
  }
}

async function openFile(file) {
  const name = file.name.replace(/\.(json|docx)$/i, '') || 'van-ban';
  try {
    if (/\.docx$/i.test(file.name) || file.type === DOCX) {
      status(`Đang đọc ${file.name}…`);
      const r = await (await call('/v1/import?lang=vi', { method: 'POST', headers: { 'Content-Type': DOCX }, body: file })).json();
      await load(r.document, name);
      state.importWarnings = r.diagnostics || [];
      diag.touchAll();
      status(`Đã đọc ${file.name}: ${state.importWarnings.length} cảnh báo`);
    } else {
      const text = await file.text();
      await load(JSON.parse(text), name, text);
      status(`Đã mở ${file.name}`);
    }
  } catch (e) {
    const ds = e.name === 'SyntaxError' ? [{ message: `Tệp không phải JSON: ${e.message}` }] : diagnosticsOf(e);
    status(`Không mở được ${file.name}: ${ds.map((d) => d.message).join('; ')}`);
  }
}

// ---- typing → preview ----

let timer = null;
let firstUnsent = 0;

function schedule(now = false) {
  clearTimeout(timer);
  const t = performance.now();
  if (!firstUnsent) firstUnsent = t;
  const wait = now ? 0 : Math.max(0, Math.min(150, 600 - (t - firstUnsent)));
  timer = setTimeout(() => { firstUnsent = 0; update(); }, wait);
}

async function update() {
  if (!state.base) return;
  const text = $('#f-body').value;
  const bodyChanged = body.changed(text);
  let blocks = null;
  try {
    if (bodyChanged) {
      const r = await body.blocks(text, $('#f-profile').value);
      blocks = r.blocks;
      state.bodyWarnings = r.warnings;
    } else state.bodyWarnings = [];
  } catch (e) {
    state.bodyWarnings = diagnosticsOf(e);
  }
  try {
    state.doc = await groups.read(form.read(state.base, blocks, bodyChanged));
  } catch (e) {
    state.bodyWarnings = [...state.bodyWarnings, ...diagnosticsOf(e)];
    state.doc = form.read(state.base, blocks, bodyChanged);
  }
  preview.request(state.doc);
}

preview.onDiagnostics((diags, ok, err) => {
  if (diags === null) { diag.set(diagnosticsOf(err)); return; }
  diag.set([...diags, ...state.bodyWarnings, ...(state.importWarnings || [])]);
});

function echoDate() {
  // The page shows the date line as the decree writes it; here only what the fields mean.
  const [d, mth, y] = ['#f-day', '#f-month', '#f-year'].map((s) => $(s).value.trim());
  $('#date-echo').textContent = !d && !mth && y ? 'Chỉ có năm: văn bản chưa ghi ngày (dự thảo)' : '';
}

function renderSignerPick() {
  const p = profiles.active();
  const row = $('#row-pick');
  row.hidden = !p?.signers?.length;
  if (row.hidden) return;
  $('#f-signer-pick').replaceChildren(el('option', { value: '' }, '(chọn)'), ...p.signers.map((s, i) => el('option', { value: i }, describe(s))));
}

function pickSigner() {
  const p = profiles.active();
  const s = p?.signers?.[Number($('#f-signer-pick').value)];
  if (!s) return;
  // The person is on the select: the signer's fields are not being typed in.
  const f = fieldsOf(s);
  $('#f-authority').value = f.authority;
  $('#f-on-behalf').value = f.collective;
  $('#f-head').value = f.head;
  $('#f-title').value = f.title;
  $('#f-name').value = f.name;
  form.showAuthority();
  schedule(true);
}

// ---- saving and output ----

function savedText() {
  const doc = state.doc || state.base;
  if (state.sourceText && JSON.stringify(doc) === JSON.stringify(state.base)) return state.sourceText;
  return JSON.stringify(doc, null, 2) + '\n';
}

async function save() {
  await update();
  const text = savedText();
  await store.save(state.stem, text);
  state.base = JSON.parse(text);
  state.sourceText = text;
  form.settle();
  body.settle($('#f-body').value);
  await groups.settle(state.base);
  status(`Đã lưu ${state.stem}`);
  return text;
}

async function waitPreview() {
  // The diagnostics of the document as it is now.
  await update();
  const a = await json('/v1/check?lang=vi', state.doc).catch((e) => ({ diagnostics: diagnosticsOf(e) }));
  diag.set([...(a.diagnostics || []), ...state.bodyWarnings]);
}

async function act(name, f) {
  try {
    const text = await save();
    await waitPreview();
    if (diag.stopOnErrors()) { status(`${name}: văn bản còn lỗi`); return; }
    await f(text);
  } catch (e) {
    status(`${name}: ${diagnosticsOf(e).map((d) => d.message).join('; ')}`);
  }
}

async function output(format) {
  await act(`Tải ${format.toUpperCase()}`, async (text) => {
    const res = store.local
      ? await call(`/v1/edit/files/${encodeURIComponent(state.stem)}/${format}`)
      : await call(`/v1/render?format=${format}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: text });
    download(await res.blob(), `${state.stem}.${format}`);
    status(`Đã tải ${state.stem}.${format}`);
  });
}

async function print() {
  await act('In', async (text) => {
    const res = store.local
      ? await call(`/v1/edit/files/${encodeURIComponent(state.stem)}/pdf`)
      : await call('/v1/render?format=pdf', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: text });
    const url = URL.createObjectURL(await res.blob());
    window.open(url, '_blank');
  });
}

// ---- wiring ----

function wireForm() {
  const f = $('#form');
  f.addEventListener('input', (ev) => {
    const t = ev.target;
    if (ev.isComposing) return; // the syllable is not finished: wait for compositionend
    diag.edited(t.id);
    if (['f-day', 'f-month', 'f-year'].includes(t.id)) echoDate();
    if (t.id === 'f-body') keptView.render(false);
    schedule();
  });
  f.addEventListener('compositionend', () => schedule(true));
  f.addEventListener('change', (ev) => {
    const t = ev.target;
    if (t.id === 'f-authority') form.prefillAuthority();
    if (t.id === 'f-signer-pick') return pickSigner();
    if (t.id === 'f-profile') fillTypeSelect(t.value, $('#f-type').value);
    schedule(true);
  });
  f.addEventListener('focusout', (ev) => { diag.touch(ev.target.id); preview.outline(null); });
  f.addEventListener('focusin', (ev) => preview.outline(ev.target.id));
  f.addEventListener('paste', () => schedule(true));
  f.addEventListener('submit', (ev) => ev.preventDefault());
  // A pause of 1 s shows the diagnostics of the field being typed in.
  let pause = null;
  f.addEventListener('keyup', (ev) => { clearTimeout(pause); const id = ev.target.id; pause = setTimeout(() => diag.touch(id), 1000); });
  body.wire($('#f-body'));
}

function wireFiles() {
  const input = $('#file-input');
  $('#b-open').addEventListener('click', () => input.click());
  input.addEventListener('change', () => { if (input.files[0]) openFile(input.files[0]); input.value = ''; });
  const drop = $('#drop');
  drop.addEventListener('click', () => input.click());
  drop.addEventListener('keydown', (ev) => { if (ev.key === 'Enter' || ev.key === ' ') { ev.preventDefault(); input.click(); } });
  for (const target of [drop, document.body]) {
    target.addEventListener('dragover', (ev) => { ev.preventDefault(); drop.classList.add('over'); });
    target.addEventListener('dragleave', () => drop.classList.remove('over'));
    target.addEventListener('drop', (ev) => {
      ev.preventDefault();
      ev.stopPropagation();
      drop.classList.remove('over');
      const file = ev.dataTransfer?.files?.[0];
      if (file) openFile(file);
    });
  }
}

function askToken() {
  return new Promise((resolve) => {
    const d = $('#token-dialog');
    d.addEventListener('close', () => resolve($('#t-token').value.trim() || null), { once: true });
    d.showModal();
  });
}

/** The toolbar's height, for what sticks under it (it wraps on narrow screens). */
function trackBar() {
  const bar = $('.bar');
  const set = () => document.documentElement.style.setProperty('--bar-h', `${bar.offsetHeight}px`);
  new ResizeObserver(set).observe(bar);
  set();
}

async function boot() {
  trackBar();
  state.info = await store.detect();
  document.body.classList.toggle('local', store.local);
  onTokenNeeded(askToken);
  try { await profiles.loadAll(); } catch { /* no profiles yet */ }
  profiles.wire();
  profiles.renderChoice(() => renderSignerPick());
  $('#start-profile').addEventListener('change', renderTypes);
  await renderTypes();
  wireForm();
  wireFiles();
  groups.wire(() => schedule(true));
  keptView.wire(() => schedule(true));
  $('#b-new').addEventListener('click', showStart);
  $('#b-save').addEventListener('click', async () => { try { await save(); await waitPreview(); diag.stopOnErrors(); } catch (e) { status(`Lưu: ${diagnosticsOf(e).map((d) => d.message).join('; ')}`); } });
  $('#b-pdf').addEventListener('click', () => output('pdf'));
  $('#b-docx').addEventListener('click', () => output('docx'));
  $('#b-json').addEventListener('click', async () => { const text = await save(); download(new Blob([text], { type: 'application/json' }), `${state.stem}.json`); });
  $('#b-print').addEventListener('click', print);
  $('#b-profiles').addEventListener('click', () => profiles.edit(profiles.active(), () => { profiles.renderChoice(() => renderSignerPick()); renderSignerPick(); }));
  $('#p-export').addEventListener('click', profiles.exportAll);
  $('#p-import').addEventListener('change', async (ev) => { try { await profiles.importFile(ev.target.files[0]); profiles.renderChoice(() => renderSignerPick()); status('Đã nhập hồ sơ'); } catch (e) { status(`Không nhập được: ${e.message}`); } });
  if (store.local) {
    signing.wire(state.info, () => state.stem, async () => {
      await save();
      await waitPreview();
      return !diag.stopOnErrors();
    });
    $('#b-sign').addEventListener('click', () => signing.open('signer'));
    $('#b-issue').addEventListener('click', () => signing.open('agency'));
  }
  const m = location.hash.match(/^#doc=(.+)$/);
  if (m) await openStored(decodeURIComponent(m[1]));
  else showStart();
  document.body.dataset.ready = '1';
}

boot().catch((e) => status(`Không khởi động được: ${e.message}`));
setToken(sessionStorage.getItem('vanban-token'));
