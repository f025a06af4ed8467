// Signing in `vanban edit` only: "Ký số" (the leader signs `signer`) and "Ban hành" (the văn
// thư signs `agency` with the number and date, typed or from the register). The .p12 and its
// password, or the token's PIN, go to the local server for that one signature and are not kept
// in the page after it.

import { $, el, status } from './dom.js';
import { call, diagnosticsOf } from './api.js';
import * as profiles from './profiles.js';

let info = {};
let currentStem = () => null;
let beforeSign = async () => true;

export function wire(editInfo, stemOf, prepare) {
  info = editInfo;
  currentStem = stemOf;
  beforeSign = prepare;
  $('#s-token-box').hidden = !info.pkcs11;
  $('#s-register-row').hidden = !info.register;
  $('#s-cancel').addEventListener('click', () => $('#sign-dialog').close());
  $('#s-register').addEventListener('change', () => { $('#s-number-row').hidden = $('#s-register').checked; });
  $('#sign-form').addEventListener('submit', submit);
}

export async function open(field) {
  if (!(await beforeSign())) return;
  const d = $('#sign-dialog');
  d.dataset.field = field;
  $('#sign-title').textContent = field === 'agency' ? 'Ban hành: số, ngày và chữ ký số của cơ quan' : 'Ký số của người ký';
  $('#s-agency-box').hidden = field !== 'agency';
  $('#s-result').replaceChildren();
  $('#s-password').value = '';
  $('#s-pin').value = '';
  d.showModal();
  $('#s-p12').focus();
}

/** A data: URL's bytes (decoded here: the page's policy lets fetch reach its origin only). */
function dataUrlBytes(u) {
  const m = u && u.match(/^data:([^;,]+)?(;base64)?,(.*)$/s);
  if (!m) return null;
  const raw = m[2] ? atob(m[3]) : decodeURIComponent(m[3]);
  const bytes = Uint8Array.from(raw, (c) => c.charCodeAt(0));
  return new Blob([bytes], { type: m[1] || 'application/octet-stream' });
}

async function submit(ev) {
  ev.preventDefault();
  const d = $('#sign-dialog');
  const field = d.dataset.field;
  const fd = new FormData();
  fd.append('stem', currentStem());
  fd.append('field', field);
  const p12 = $('#s-p12').files[0];
  if (p12) {
    fd.append('p12', p12);
    fd.append('password', $('#s-password').value);
  } else {
    fd.append('token', $('#s-token').value);
    fd.append('key', $('#s-key').value);
    fd.append('pin', $('#s-pin').value);
  }
  if (field === 'agency') {
    if ($('#s-register').checked) fd.append('register', '1');
    else {
      fd.append('number', $('#s-number').value.trim());
      const m = $('#s-date').value.trim().match(/^(\d{1,2})\/(\d{1,2})\/(\d{4})$/);
      if (m) fd.append('date', `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}`);
      else if ($('#s-date').value.trim()) fd.append('date', $('#s-date').value.trim());
    }
  }
  const img = profiles.active()?.images?.[field === 'agency' ? 'seal' : 'signature'];
  const blob = dataUrlBytes(img);
  if (blob) fd.append('image', blob);
  const out = $('#s-result');
  out.replaceChildren(el('p', {}, 'Đang ký…'));
  try {
    const r = await (await call('/v1/edit/sign', { method: 'POST', body: fd })).json();
    $('#s-password').value = '';
    $('#s-pin').value = '';
    const rep = r.report;
    const ok = rep.verdict === 'valid';
    out.replaceChildren(
      el('p', { class: ok ? 'ok' : 'error', role: 'status' }, ok ? `Đã ký. Kiểm tra: hợp lệ (${rep.signatures} chữ ký).` : `Đã ký, nhưng kiểm tra báo: ${rep.verdict}`),
      r.issued ? el('p', {}, `Số, ký hiệu: ${r.issued.symbol}; ngày ${r.issued.date}`) : null,
      el('ul', {}, (rep.fields || []).filter((f) => f.signed).map((f) => el('li', {}, `${f.field}: ${f.signer || ''} — ${f.verdict === 'valid' ? 'hợp lệ' : f.verdict || ''}`))),
      el('a', { href: r.download, download: '' }, 'Tải bản đã ký (PDF)'));
    status('Đã ký số');
  } catch (e) {
    $('#s-password').value = '';
    $('#s-pin').value = '';
    out.replaceChildren(el('div', { role: 'alert', class: 'error' }, diagnosticsOf(e).map((x) => el('p', {}, x.message + (x.hint ? ` (${x.hint})` : '')))));
  }
}
