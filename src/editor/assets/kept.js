// The blocks the body's text cannot say (⟦N: …⟧ lines): listed under "Nội dung" in a view of
// their own, where they are moved (their line goes up or down), removed, and changed — results
// as a grid (mã, nội dung, giá trị, đánh giá, ghi chú), a table with spans turned into plain
// rows, a paragraph's text and alignment. The text field is written only from these buttons,
// never while a person types in it.

import { $, el } from './dom.js';
import * as body from './body.js';

let onChange = () => {};

export function wire(changed) { onChange = changed; }

const lineOf = (k) => new RegExp(`^⟦${k}:[^\\n]*⟧$`, 'm');

/** Move block k's line by `by` lines (−1 up, +1 down) or remove it (0). */
function moveLine(k, by) {
  const area = $('#f-body');
  const lines = area.value.split('\n');
  const i = lines.findIndex((l) => lineOf(k).test(l));
  if (i < 0) return;
  const [line] = lines.splice(i, 1);
  if (by !== 0) lines.splice(Math.max(0, Math.min(lines.length, i + by)), 0, line);
  area.value = lines.join('\n');
  render();
  onChange();
}

// ---- results ----

/** A value as the grid shows it: "48/28", "Có", "99,59", "123 TTHC". */
function valueText(v) {
  if (v === undefined || v === null) return '';
  if (v === true) return 'Có';
  if (v === false) return 'Không';
  if (typeof v === 'number') return String(v).replace('.', ',');
  if (v.ratio) return `${v.ratio[0]}/${v.ratio[1]}`;
  if ('count' in v) return `${String(v.count).replace('.', ',')}${v.unit ? ' ' + v.unit : ''}`;
  return '';
}

/** The grid's text back to a value; `old` keeps a ratio's display options. */
function valueOf(text, old) {
  const t = text.trim();
  if (!t) return undefined;
  if (/^có$/i.test(t)) return true;
  if (/^không$/i.test(t)) return false;
  let m = t.match(/^(\d+)\s*\/\s*(\d+)$/);
  if (m) return { ...(old && old.ratio ? old : {}), ratio: [Number(m[1]), Number(m[2])] };
  m = t.match(/^(\d+(?:[.,]\d+)?)$/);
  if (m) return Number(m[1].replace(',', '.'));
  m = t.match(/^(\d+(?:[.,]\d+)?)\s+(.+)$/);
  if (m) return { count: Number(m[1].replace(',', '.')), unit: m[2] };
  return t; // the server says why it is not a value
}

function resultsGrid(k, block) {
  const r = block.results;
  const save = () => body.setKept(k - 1, block) || onChange();
  const cols = [['code', 'Mã'], ['label', 'Nội dung'], ['value', 'Giá trị'], ['status', 'Đánh giá'], ['note', 'Ghi chú']];
  const rowOf = (item, i) => el('tr', {},
    cols.map(([key, name]) => {
      const label = `${name}, dòng ${i + 1} (khối ${k})`;
      if (key === 'status') {
        return el('td', {}, el('select', { 'aria-label': label, onchange: (ev) => { if (ev.target.value) item.status = ev.target.value; else delete item.status; save(); } },
          [['', '—'], ['dat', 'Đạt'], ['chua-dat', 'Chưa đạt']].map(([v, t]) => el('option', { value: v, selected: (item.status || '') === v }, t))));
      }
      const text = key === 'value' ? valueText(item.value) : item[key] ?? '';
      return el('td', {}, el('input', { 'aria-label': label, value: text, oninput: (ev) => {
        const v = ev.target.value;
        if (key === 'value') { const x = valueOf(v, item.value); if (x === undefined) delete item.value; else item.value = x; }
        else if (v.trim() || key === 'label') item[key] = v; else delete item[key];
        save();
      } }));
    }),
    el('td', {}, el('button', { type: 'button', class: 'small', 'aria-label': `Bỏ dòng ${i + 1} (khối ${k})`, onclick: () => { r.items.splice(i, 1); save(); render(); } }, 'Bỏ')));
  return el('div', {},
    el('div', { class: 'row' }, el('label', { for: `k${k}-as` }, `Trình bày kết quả (khối ${k})`),
      el('select', { id: `k${k}-as`, onchange: (ev) => { if (ev.target.value === 'table') r.as = 'table'; else delete r.as; save(); } },
        el('option', { value: 'list', selected: r.as !== 'table' }, 'Danh sách'), el('option', { value: 'table', selected: r.as === 'table' }, 'Bảng'))),
    el('table', { class: 'grid' },
      el('thead', {}, el('tr', {}, cols.map(([, n]) => el('th', { scope: 'col' }, n)), el('th', { scope: 'col' }, el('span', { class: 'sr' }, 'Bỏ')))),
      el('tbody', {}, r.items.map(rowOf))),
    el('button', { type: 'button', class: 'small', onclick: () => { r.items.push({ label: '' }); save(); render(); } }, `Thêm dòng (khối ${k})`),
    el('p', { class: 'help' }, 'Giá trị: "48/28" (tỷ lệ), "99,59" (số), "123 TTHC" (số lượng), "Có"/"Không".'));
}

// ---- other kinds ----

function tableView(k, block) {
  const plain = () => {
    const t = block.table;
    const cell = (c) => (typeof c === 'string' ? c : c?.text ?? c?.title ?? '').replace(/\s*\n\s*/g, ' ');
    const lines = [(t.columns || []).map(cell).join('\t'), ...(t.rows || []).map((r) => r.map(cell).join('\t'))];
    const area = $('#f-body');
    area.value = area.value.replace(lineOf(k), lines.join('\n'));
    render();
    onChange();
  };
  const cols = (block.table.columns || []).length;
  return el('div', {}, el('p', {}, `Bảng ${cols} cột, ${(block.table.rows || []).length} dòng (có ô gộp hoặc định dạng riêng).`),
    el('button', { type: 'button', class: 'small', onclick: plain }, `Chuyển bảng (khối ${k}) thành các dòng`));
}

function paragraphView(k, block) {
  const save = () => body.setKept(k - 1, block) || onChange();
  return el('div', {},
    el('div', { class: 'row' }, el('label', { for: `k${k}-text` }, `Đoạn (khối ${k})`),
      el('textarea', { id: `k${k}-text`, rows: 2, oninput: (ev) => { block.paragraph = ev.target.value; save(); } }, block.paragraph)),
    el('div', { class: 'row' }, el('label', { for: `k${k}-align` }, `Căn lề (khối ${k})`),
      el('select', { id: `k${k}-align`, onchange: (ev) => { if (ev.target.value) block.align = ev.target.value; else delete block.align; save(); } },
        [['', 'Đều hai bên'], ['left', 'Trái'], ['center', 'Giữa'], ['right', 'Phải']].map(([v, t]) => el('option', { value: v, selected: (block.align || '') === v }, t)))));
}

function summary(block) {
  const s = JSON.stringify(block);
  return s.length > 120 ? s.slice(0, 120) + '…' : s;
}

let shown = null;

/** List the kept blocks whose lines are in the text (again only when that set changed, or
 *  `force`: a person may be typing in the list's own fields). */
export function render(force = true) {
  const text = $('#f-body').value;
  const kept = body.keptBlocks();
  const key = kept.map((_, i) => (lineOf(i + 1).test(text) ? '1' : '0')).join('') + kept.length;
  if (!force && key === shown) return;
  shown = key;
  const items = [];
  kept.forEach((block, i) => {
    const k = i + 1;
    if (!lineOf(k).test(text)) return;
    const view = block.results ? resultsGrid(k, block) : block.table ? tableView(k, block) : 'paragraph' in block ? paragraphView(k, block) : el('p', { class: 'help' }, summary(block));
    items.push(el('li', { class: 'kept' },
      el('div', { class: 'kept-head' }, el('strong', {}, `Khối ${k}`), ' ',
        el('button', { type: 'button', class: 'small', 'aria-label': `Lên (khối ${k})`, onclick: () => moveLine(k, -1) }, 'Lên'),
        el('button', { type: 'button', class: 'small', 'aria-label': `Xuống (khối ${k})`, onclick: () => moveLine(k, 1) }, 'Xuống'),
        el('button', { type: 'button', class: 'small', 'aria-label': `Bỏ khối ${k}`, onclick: () => moveLine(k, 0) }, 'Bỏ')),
      view));
  });
  const box = $('#kept');
  box.hidden = !items.length;
  $('#kept-list').replaceChildren(...items);
}
