// The signing block's fields and the contract's signer object, both ways — one place for the
// form's signer, the other signers, the copy's signer and the agency profiles.

export const AUTHORITIES = ['Ký trực tiếp', 'TM.', 'KT.', 'TL.', 'TUQ.', 'Q.'];

/** The authority a signer signs under ("TM. … / KT. …" is KT. with its collective). */
export function authorityOf(s = {}) {
  return s.for ? 'KT.' : s.on_behalf_of ? 'TM.' : s.by_order_of ? 'TL.' : s.by_delegation_of ? 'TUQ.' : s.acting ? 'Q.' : 'Ký trực tiếp';
}

/** The fields of a signer: authority, collective (TM.'s, or above a KT.), head, title, name. */
export function fieldsOf(s = {}) {
  return { authority: authorityOf(s), collective: s.on_behalf_of || '', head: s.for || s.by_order_of || s.by_delegation_of || '', title: s.title || '', name: s.name || '' };
}

const KEYS = ['on_behalf_of', 'for', 'by_order_of', 'by_delegation_of', 'acting', 'title', 'name'];

/** A signer object from its fields, keys in the contract's order; `rest` keeps the signer's
 *  other keys (lines, note). */
export function signerOf(f, rest = {}) {
  const s = {};
  const a = f.authority;
  if ((a === 'TM.' || a === 'KT.') && f.collective?.trim()) s.on_behalf_of = f.collective.trim();
  if (a === 'KT.') s.for = (f.head || '').trim();
  if (a === 'TL.') s.by_order_of = (f.head || '').trim();
  if (a === 'TUQ.') s.by_delegation_of = (f.head || '').trim();
  if (a === 'Q.') s.acting = true;
  if (f.title?.trim()) s.title = f.title;
  if (f.name?.trim()) s.name = f.name;
  for (const [k, v] of Object.entries(rest)) if (!KEYS.includes(k) && v !== undefined && v !== '') s[k] = v;
  return s;
}

/** One line for a choice list: "TM. Ủy ban nhân dân / KT. Chủ tịch / Phó Chủ tịch / Hồ Văn Tuấn". */
export function describe(s) {
  return [s.on_behalf_of && `TM. ${s.on_behalf_of}`, s.for && `KT. ${s.for}`, s.by_order_of && `TL. ${s.by_order_of}`, s.by_delegation_of && `TUQ. ${s.by_delegation_of}`, s.acting && 'Q.', s.title, s.name].filter(Boolean).join(' / ');
}
