// The page's words (Vietnamese) and the map between the contract's paths and the form's fields.

/** Field id for a JSON path of the contract (the longest known prefix wins). */
const FIELDS = [
  ['$.type', 'f-type'], ['$.profile', 'f-profile'],
  ['$.issuer.parent', 'f-parent'], ['$.issuer.name', 'f-issuer'], ['$.issuer.code', 'f-code'], ['$.issuer', 'f-issuer'],
  ['$.number', 'f-number'], ['$.symbol', 'f-symbol'], ['$.unit', 'f-unit'], ['$.place', 'f-place'], ['$.date', 'f-day'],
  ['$.subject', 'f-subject'], ['$.recipients', 'f-recipients'], ['$.bases', 'f-bases'], ['$.proposal', 'f-proposal'],
  ['$.authority', 'f-authority-line'], ['$.urgency', 'f-urgency'], ['$.secrecy', 'f-secrecy'], ['$.circulation', 'f-circulation'],
  ['$.body', 'f-body'],
  ['$.signer.on_behalf_of', 'f-on-behalf'], ['$.signer.for', 'f-head'], ['$.signer.by_order_of', 'f-head'],
  ['$.signer.by_delegation_of', 'f-head'], ['$.signer.acting', 'f-authority'], ['$.signer.title', 'f-title'],
  ['$.signer.note', 'f-signer-note'], ['$.signer.name', 'f-name'], ['$.signer', 'f-name'],
  ['$.distribution', 'f-distribution'],
  ['$.drafter.initials', 'f-initials'], ['$.drafter.copies', 'f-copies'], ['$.drafter', 'f-initials'],
  ['$.contact.address', 'f-address'], ['$.contact.phone', 'f-phone'], ['$.contact.email', 'f-email'], ['$.contact.website', 'f-website'],
  ['$.style.body_size', 'f-body-size'], ['$.style.indent', 'f-indent'], ['$.style.line_spacing', 'f-line-spacing'],
  ['$.style.paragraph_spacing', 'f-paragraph-spacing'], ['$.style.header_size', 'f-header-size'], ['$.style', 'f-body-size'],
  ['$.style.margins.top', 'f-margin-top'], ['$.style.margins.bottom', 'f-margin-bottom'], ['$.style.margins.left', 'f-margin-left'], ['$.style.margins.right', 'f-margin-right'], ['$.style.margins', 'f-margin-top'],
  ['$.style.seal', 'f-seal'], ['$.style.duplex', 'f-duplex'], ['$.lead', 'f-lead'], ['$.draft', 'f-draft'],
];

export function fieldOf(path) {
  if (!path) return null;
  // The repeatable parts: other signers, appendices, the copy.
  let m = path.match(/^\$\.signers\[(\d+)\](?:\.(\w+))?/);
  if (m && m[1] !== '0') return `g-s${Number(m[1]) + 1}-${{ title: 't', name: 'n', on_behalf_of: 'c' }[m[2]] || (m[2] ? 'h' : 'n')}`;
  if (m) return { title: 'f-title', on_behalf_of: 'f-on-behalf', note: 'f-signer-note' }[m[2]] || (m[2] && m[2] !== 'name' ? 'f-head' : 'f-name');
  m = path.match(/^\$\.appendices\[(\d+)\](?:\.(\w+))?/);
  if (m) return `g-a${Number(m[1]) + 1}-${['title', 'label', 'type', 'caption'].includes(m[2]) ? m[2] : m[2] ? 'body' : 'title'}`;
  m = path.match(/^\$\.copy(?:\.(\w+))?(?:\.(\w+))?/);
  if (m) return { form: 'c-form', electronic: 'c-electronic', issuer: m[2] === 'code' ? 'c-code' : 'c-issuer', number: 'c-number', place: 'c-place', date: 'c-date', signer: m[2] === 'name' ? 'c-name' : m[2] === 'title' ? 'c-title' : 'c-head', distribution: 'c-distribution', signed_at: 'c-signed-at' }[m[1]] || 'c-form';
  let best = null;
  for (const [p, id] of FIELDS) {
    if ((path === p || path.startsWith(p + '.') || path.startsWith(p + '[')) && (!best || p.length > best[0].length)) best = [p, id];
  }
  return best ? best[1] : null;
}

/** The field an element of the page belongs to (`vanban layout`'s element names). */
export const ELEMENT_FIELD = {
  parent: 'f-parent', issuer: 'f-issuer', issuer_rule: 'f-issuer', number: 'f-number', place_date: 'f-place',
  type: 'f-type', subject: 'f-subject', subject_rule: 'f-subject', recipients: 'f-recipients', body: 'f-body',
  signing_lines: 'f-title', signer_name: 'f-name', signature_field: 'f-name', distribution: 'f-distribution',
  contact: 'f-address', mark: 'f-urgency', authority: 'f-authority-line', bases: 'f-bases',
};

/** The elements a field outlines on the page. */
export function elementsOf(fieldId) {
  const out = Object.entries(ELEMENT_FIELD).filter(([, f]) => f === fieldId).map(([e]) => e);
  if (fieldId === 'f-day' || fieldId === 'f-month' || fieldId === 'f-year') out.push('place_date');
  if (fieldId === 'f-code' || fieldId === 'f-symbol' || fieldId === 'f-unit') out.push('number');
  if (fieldId === 'f-authority' || fieldId === 'f-on-behalf' || fieldId === 'f-head') out.push('signing_lines');
  return out;
}


export const WORDS = {
  error: 'Lỗi', warning: 'Cảnh báo', summary: 'Có lỗi cần sửa', warnings: 'Cần xem lại',
  saved: 'Đã lưu', stale: 'Bản xem trước chưa cập nhật: văn bản đang có lỗi',
};
