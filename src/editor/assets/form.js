// The form <-> the document. The form never holds a key it did not show: reading starts from
// the document as loaded and replaces only what a field changed, so a document opened and
// saved unchanged stays byte for byte the same. Fields are filled only when a document is
// loaded, never while a person types in them.

import { $, $$ } from './dom.js';
import { fieldsOf, signerOf } from './signer.js';

const UNIT_WORDS = ['xã', 'phường', 'đặc', 'tỉnh', 'thành', 'huyện', 'quận', 'thị'];

const lines = (v) => v.split('\n').map((s) => s.trim()).filter(Boolean);
const val = (id) => $('#' + id).value;

/** What each field held when the document was loaded. */
let filled = {};

// A checkbox's value is its checked state, as text.
const value = (e) => (e.type === 'checkbox' ? String(e.checked) : e.value);

function set(id, v) {
  const e = $('#' + id);
  if (e.type === 'checkbox') e.checked = !!v;
  else e.value = v ?? '';
  filled[id] = value(e);
}

export function changed(id) {
  const e = $('#' + id);
  return value(e) !== (filled[id] ?? (e.type === 'checkbox' ? 'false' : ''));
}

/** Mark the current values as the loaded ones (after a save the form is clean). */
export function settle() {
  for (const e of $$('#form [id^="f-"]')) if ('value' in e) filled[e.id] = value(e);
}


/** The collective an issuer's name begins with: "Ủy ban nhân dân" for "Ủy ban nhân dân xã Hương Xuân". */
export function collective(issuer) {
  const words = (issuer || '').replace(/\n/g, ' ').split(/\s+/).filter(Boolean);
  const i = words.findIndex((w, k) => k > 0 && UNIT_WORDS.includes(w));
  return (i > 0 ? words.slice(0, i) : words).join(' ');
}

/** The head's title a deputy signs for: "Chủ tịch" for "Phó Chủ tịch"; without a title, the
 *  usual head of the issuer ("Chủ tịch" of an Ủy ban, "Giám đốc" of a Sở, …). */
export function headOf(title, issuer = '') {
  const t = (title || '').trim();
  if (/^Phó\s+/i.test(t)) { const r = t.replace(/^Phó\s+/i, ''); return r.charAt(0).toUpperCase() + r.slice(1); }
  const heads = [[/^(Ủy|Uỷ) ban/i, 'Chủ tịch'], [/^Hội đồng nhân dân/i, 'Chủ tịch'], [/^Sở(\s|$)/i, 'Giám đốc'], [/^(Trung tâm|Ban quản lý)/i, 'Giám đốc'],
    [/^Văn phòng/i, 'Chánh Văn phòng'], [/^Thanh tra/i, 'Chánh Thanh tra'], [/^Phòng\b/i, 'Trưởng phòng'], [/^Chi cục\b/i, 'Chi cục trưởng'], [/^Cục\b/i, 'Cục trưởng'], [/^Trường\b/i, 'Hiệu trưởng']];
  const i = (issuer || '').replace(/\n/g, ' ').trim();
  return heads.find(([re]) => re.test(i))?.[1] || '';
}

/** Show the field that goes with the chosen authority. */
export function showAuthority() {
  const a = val('f-authority');
  // KT. may stand under TM. (a deputy of a collective body: "TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH").
  $('#row-on-behalf').hidden = a !== 'TM.' && a !== 'KT.';
  $('#row-head').hidden = !['KT.', 'TL.', 'TUQ.'].includes(a);
}

/** Prefill "Thay mặt" / "Cấp trưởng" when an authority is chosen and they are empty. */
export function prefillAuthority() {
  const a = val('f-authority');
  if (a === 'TM.' && !val('f-on-behalf').trim()) $('#f-on-behalf').value = collective(val('f-issuer'));
  if (['KT.', 'TL.', 'TUQ.'].includes(a) && !val('f-head').trim()) $('#f-head').value = headOf(val('f-title'), val('f-issuer'));
  showAuthority();
}

/** Fill every field from a document. */
export function fill(doc) {
  filled = {};
  set('f-profile', doc.profile || 'nd30');
  set('f-type', doc.type || '');
  set('f-parent', doc.issuer?.parent);
  set('f-issuer', doc.issuer?.name);
  set('f-code', doc.issuer?.code);
  set('f-number', doc.number);
  set('f-symbol', doc.symbol);
  set('f-unit', doc.unit);
  set('f-place', doc.place);
  const d = String(doc.date ?? '');
  const m = d.match(/^(\d{4})(?:-(\d{2})-(\d{2}))?$/);
  set('f-year', m ? m[1] : d);
  set('f-month', m && m[2] ? m[2] : '');
  set('f-day', m && m[3] ? m[3] : '');
  set('f-subject', doc.subject);
  set('f-recipients', (doc.recipients || []).join('\n'));
  set('f-bases', (doc.bases || []).join('\n'));
  set('f-proposal', doc.proposal);
  set('f-authority-line', doc.authority);
  set('f-urgency', doc.urgency || '');
  set('f-secrecy', doc.secrecy || '');
  set('f-circulation', doc.circulation);
  const s = doc.signer || (doc.signers || [])[0] || {};
  const sf = fieldsOf(s);
  set('f-authority', sf.authority);
  set('f-on-behalf', sf.collective);
  set('f-head', sf.head);
  set('f-title', sf.title);
  set('f-name', sf.name);
  set('f-signer-note', s.note);
  set('f-distribution', (doc.distribution || []).join('\n'));
  set('f-initials', doc.drafter?.initials);
  set('f-copies', doc.drafter?.copies);
  for (const k of ['address', 'phone', 'email', 'website']) set('f-' + k, doc.contact?.[k]);
  set('f-body-size', doc.style?.body_size ?? '');
  set('f-indent', doc.style?.indent ?? '');
  set('f-line-spacing', doc.style?.line_spacing ?? '');
  set('f-paragraph-spacing', doc.style?.paragraph_spacing ?? '');
  set('f-header-size', doc.style?.header_size ?? '');
  for (const k of ['top', 'bottom', 'left', 'right']) set(`f-margin-${k}`, doc.style?.margins?.[k]);
  set('f-seal', doc.style?.seal);
  set('f-duplex', doc.style?.duplex);
  set('f-lead', doc.lead);
  set('f-draft', doc.draft);
  showAuthority();
}

function put(doc, key, v) {
  if (v === undefined || v === null || v === '' || (Array.isArray(v) && !v.length)) delete doc[key];
  else doc[key] = v;
}

const num = (s) => (/^\s*\d+\s*$/.test(s) ? parseInt(s, 10) : s.trim());

/** The document: `base` with what the fields changed. `body` is the body's blocks. */
export function read(base, body, bodyChanged) {
  const doc = structuredClone(base || {});
  const c = (...ids) => ids.some(changed);
  if (c('f-profile')) put(doc, 'profile', val('f-profile') === 'nd30' ? undefined : val('f-profile'));
  if (c('f-type')) doc.type = val('f-type');
  if (c('f-parent', 'f-issuer', 'f-code')) {
    const issuer = { ...(doc.issuer || {}) };
    for (const [id, k] of [['f-parent', 'parent'], ['f-issuer', 'name'], ['f-code', 'code']]) {
      if (!changed(id)) continue;
      if (val(id).trim()) issuer[k] = val(id); else delete issuer[k];
    }
    doc.issuer = issuer;
  }
  if (c('f-number')) put(doc, 'number', val('f-number').trim() ? num(val('f-number')) : undefined);
  if (c('f-symbol')) put(doc, 'symbol', val('f-symbol').trim());
  if (c('f-unit')) put(doc, 'unit', val('f-unit').trim());
  if (c('f-place')) put(doc, 'place', val('f-place'));
  if (c('f-day', 'f-month', 'f-year')) {
    const [dd, mm, yy] = ['f-day', 'f-month', 'f-year'].map((id) => val(id).trim());
    const pad = (s) => (/^\d$/.test(s) ? '0' + s : s);
    put(doc, 'date', dd || mm ? `${yy}-${pad(mm)}-${pad(dd)}` : yy);
  }
  if (c('f-subject')) put(doc, 'subject', val('f-subject'));
  if (c('f-recipients')) put(doc, 'recipients', lines(val('f-recipients')));
  if (c('f-bases')) put(doc, 'bases', lines(val('f-bases')));
  if (c('f-proposal')) put(doc, 'proposal', val('f-proposal').trim());
  if (c('f-authority-line')) put(doc, 'authority', val('f-authority-line').trim());
  if (c('f-urgency')) put(doc, 'urgency', val('f-urgency'));
  if (c('f-lead')) put(doc, 'lead', val('f-lead').trim());
  if (c('f-draft')) put(doc, 'draft', val('f-draft').trim());
  if (c('f-secrecy')) put(doc, 'secrecy', val('f-secrecy'));
  if (c('f-circulation')) put(doc, 'circulation', val('f-circulation').trim());
  if (bodyChanged) doc.body = body;
  if (c('f-authority', 'f-on-behalf', 'f-head', 'f-title', 'f-name', 'f-signer-note')) {
    // The first signer: `signer`, or the first of `signers` (biên bản, joint documents).
    const old = (doc.signers ? doc.signers[0] : doc.signer) || {};
    const { note, ...rest } = old;
    void note;
    if (val('f-signer-note').trim()) rest.note = val('f-signer-note').trim();
    const sorted = signerOf({ authority: val('f-authority'), collective: val('f-on-behalf'), head: val('f-head'), title: val('f-title'), name: val('f-name') }, rest);
    if (doc.signers) doc.signers[0] = sorted; else doc.signer = sorted;
  }
  if (c('f-distribution')) put(doc, 'distribution', lines(val('f-distribution')));
  if (c('f-initials', 'f-copies')) {
    const d = { ...(doc.drafter || {}) };
    if (val('f-initials').trim()) d.initials = val('f-initials').trim(); else delete d.initials;
    if (val('f-copies').trim()) d.copies = num(val('f-copies')); else delete d.copies;
    put(doc, 'drafter', Object.keys(d).length ? d : undefined);
  }
  if (c('f-address', 'f-phone', 'f-email', 'f-website')) {
    const ct = { ...(doc.contact || {}) };
    for (const k of ['address', 'phone', 'email', 'website']) { if (val('f-' + k).trim()) ct[k] = val('f-' + k).trim(); else delete ct[k]; }
    put(doc, 'contact', Object.keys(ct).length ? ct : undefined);
  }
  if (c('f-body-size', 'f-indent', 'f-line-spacing', 'f-paragraph-spacing', 'f-header-size', 'f-margin-top', 'f-margin-bottom', 'f-margin-left', 'f-margin-right', 'f-seal', 'f-duplex')) {
    const st = { ...(doc.style || {}) };
    const setStyle = (id, k, conv) => { if (!changed(id)) return; const v = val(id).trim(); if (v) st[k] = conv(v); else delete st[k]; };
    setStyle('f-body-size', 'body_size', (v) => Number(v));
    setStyle('f-indent', 'indent', (v) => v);
    setStyle('f-line-spacing', 'line_spacing', (v) => (/^[\d.]+$/.test(v) ? Number(v) : v));
    setStyle('f-paragraph-spacing', 'paragraph_spacing', (v) => v);
    setStyle('f-header-size', 'header_size', (v) => Number(v));
    setStyle('f-seal', 'seal', (v) => v);
    if (changed('f-duplex')) { if ($('#f-duplex').checked) st.duplex = true; else delete st.duplex; }
    if (['top', 'bottom', 'left', 'right'].some((k) => changed(`f-margin-${k}`))) {
      const mg = { ...(st.margins || {}) };
      for (const k of ['top', 'bottom', 'left', 'right']) { const v = val(`f-margin-${k}`).trim(); if (v) mg[k] = v; else delete mg[k]; }
      if (Object.keys(mg).length) st.margins = mg; else delete st.margins;
    }
    put(doc, 'style', Object.keys(st).length ? st : undefined);
  }
  return doc;
}

/** Fill the issuer, place, signer and Nơi nhận of a new document from an agency profile. */
export function applyProfile(doc, p, signerIndex = 0) {
  if (!p) return doc;
  doc.issuer = { ...(p.issuer || {}) };
  if (!doc.issuer.parent) delete doc.issuer.parent;
  if (p.place) doc.place = p.place;
  const s = (p.signers || [])[signerIndex];
  if (s) doc.signer = structuredClone(s);
  if (p.distribution?.length) doc.distribution = [...p.distribution];
  if (p.contact && Object.keys(p.contact).length) doc.contact = { ...p.contact };
  return doc;
}
