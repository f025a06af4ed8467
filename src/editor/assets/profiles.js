// Agency profiles ("Hồ sơ cơ quan"): issuer and parent, code, place, the people who sign,
// the usual Nơi nhận, contact lines, signature and seal images. One format everywhere:
// {"profiles": [{"name", "issuer": {"parent", "name", "code"}, "place", "signers": [signer],
// "distribution", "contact", "images": {"signature", "seal"}}]} — in the folder's
// vanban-profiles.json (vanban edit), in the browser's storage (vanban serve), and from an
// organisation's file (vanban edit --profiles, read only).

import { $, el, download, status } from './dom.js';
import { get, json } from './api.js';
import * as store from './store.js';
import { AUTHORITIES, fieldsOf, signerOf } from './signer.js';

const KEY = 'vanban-profiles';
const ACTIVE = 'vanban-active-profile';

let own = [];
let curated = [];

export async function loadAll() {
  if (store.local) {
    const r = await get('/v1/edit/profiles');
    own = r.profiles || [];
    curated = r.curated || [];
  } else {
    try { own = JSON.parse(localStorage.getItem(KEY) || '{"profiles": []}').profiles || []; } catch { own = []; }
    curated = [];
  }
  return all();
}

export function all() { return [...own, ...curated.filter((c) => !own.some((o) => o.name === c.name))]; }

export function active() {
  const name = localStorage.getItem(ACTIVE);
  return all().find((p) => p.name === name) || null;
}

async function persist() {
  if (store.local) await json('/v1/edit/profiles', { profiles: own }, 'PUT');
  else localStorage.setItem(KEY, JSON.stringify({ profiles: own }));
}

function rowOf(s = {}, k) {
  const f = fieldsOf(s);
  const id = (x) => `p-s${k}-${x}`;
  return el('fieldset', { class: 'signer-row' },
    el('legend', {}, `Người ký ${k + 1}`),
    el('label', { for: id('a') }, 'Quyền hạn'), el('select', { id: id('a') }, AUTHORITIES.map((x) => el('option', { value: x, selected: x === f.authority }, x))),
    el('label', { for: id('c') }, 'Thay mặt (hồ sơ)'), el('input', { id: id('c'), value: f.collective }),
    el('label', { for: id('h') }, 'Cấp trưởng (hồ sơ)'), el('input', { id: id('h'), value: f.head }),
    el('label', { for: id('t') }, 'Chức vụ'), el('input', { id: id('t'), value: f.title }),
    el('label', { for: id('n') }, 'Họ tên'), el('input', { id: id('n'), value: f.name }),
    el('button', { type: 'button', class: 'small', onclick: (ev) => ev.target.closest('fieldset').remove() }, `Bỏ người ký ${k + 1}`));
}

let images = {};

function fileToDataUrl(file) {
  return new Promise((res, rej) => { const r = new FileReader(); r.onload = () => res(r.result); r.onerror = rej; r.readAsDataURL(file); });
}

/** Open the dialog on a profile (or a new one). */
export function edit(p = null, onDone = () => {}) {
  const d = $('#profile-dialog');
  const q = p || { name: '', issuer: {}, signers: [{}], distribution: ['Lưu: VT, VP.'], contact: {} };
  images = { ...(q.images || {}) };
  $('#p-name').value = q.name || '';
  $('#p-parent').value = q.issuer?.parent || '';
  $('#p-issuer').value = q.issuer?.name || '';
  $('#p-code').value = q.issuer?.code || '';
  $('#p-place').value = q.place || '';
  $('#p-distribution').value = (q.distribution || []).join('\n');
  for (const k of ['address', 'phone', 'email', 'website']) $('#p-' + k).value = q.contact?.[k] || '';
  $('#p-signers').replaceChildren(...(q.signers?.length ? q.signers : [{}]).map(rowOf));
  d.dataset.original = q.name || '';
  d.onDone = onDone;
  d.showModal();
  $('#p-name').focus();
}

export function wire() {
  $('#p-add-signer').addEventListener('click', () => { const n = $('#p-signers').children.length; $('#p-signers').append(rowOf({}, n)); });
  for (const k of ['signature', 'seal']) {
    $('#p-' + k).addEventListener('change', async (ev) => { const f = ev.target.files[0]; if (f) images[k] = await fileToDataUrl(f); });
  }
  $('#p-cancel').addEventListener('click', () => $('#profile-dialog').close());
  $('#profile-form').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const d = $('#profile-dialog');
    const signers = [...$('#p-signers').querySelectorAll('fieldset')].map((f) => {
      const [authority, collective, head, title, name] = [...f.querySelectorAll('select, input')].map((x) => x.value.trim());
      return signerOf({ authority, collective, head, title, name });
    }).filter((s) => s.name || s.title);
    const lines = (v) => v.split('\n').map((s) => s.trim()).filter(Boolean);
    const contact = {};
    for (const k of ['address', 'phone', 'email', 'website']) if ($('#p-' + k).value.trim()) contact[k] = $('#p-' + k).value.trim();
    const issuer = { name: $('#p-issuer').value.trim(), code: $('#p-code').value.trim() };
    if ($('#p-parent').value.trim()) issuer.parent = $('#p-parent').value.trim();
    const p = { name: $('#p-name').value.trim() || issuer.name, issuer: { parent: issuer.parent, name: issuer.name, code: issuer.code }, place: $('#p-place').value.trim(), signers, distribution: lines($('#p-distribution').value), contact, images };
    if (!p.issuer.parent) delete p.issuer.parent;
    own = own.filter((o) => o.name !== d.dataset.original && o.name !== p.name);
    own.push(p);
    await persist();
    localStorage.setItem(ACTIVE, p.name);
    d.close();
    status(`Đã lưu hồ sơ "${p.name}"`);
    d.onDone?.(p);
  });
}

/** Fill the start screen's profile choice. */
export function renderChoice(onChange) {
  const sel = $('#profile-choice');
  const list = all();
  const cur = active()?.name || '';
  sel.replaceChildren(el('option', { value: '' }, '(không dùng hồ sơ)'), ...list.map((p) => el('option', { value: p.name, selected: p.name === cur }, p.name)));
  sel.onchange = () => { localStorage.setItem(ACTIVE, sel.value); onChange?.(active()); };
}

export function exportAll() {
  download(new Blob([JSON.stringify({ profiles: own }, null, 2) + '\n'], { type: 'application/json' }), 'vanban-profiles.json');
}

export async function importFile(file) {
  const v = JSON.parse(await file.text());
  if (!Array.isArray(v.profiles)) throw new Error('Tệp không có "profiles"');
  for (const p of v.profiles) { own = own.filter((o) => o.name !== p.name); own.push(p); }
  await persist();
}
