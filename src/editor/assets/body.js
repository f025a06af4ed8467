// The body ("Nội dung") as typed text: read into blocks by the server's reader (the
// importer's own), written back to text when a document is loaded. Blocks the text cannot
// say are kept and shown as ⟦N: …⟧ lines. Pasted tables (Excel, Word) become tab-separated
// rows. Ctrl+B and Ctrl+I wrap the selection in ** and *.

import { json } from './api.js';

let kept = [];
let keptVersion = 0; // bumped when a kept block is edited in its own view
let lastKey = null;
let lastText = null;
let lastBlocks = [];
let lastWarnings = [];
let loadedText = '';

export async function load(blocks, profile) {
  const t = await json('/v1/body/text', { body: blocks || [] });
  kept = t.kept || [];
  keptVersion = 0;
  loadedText = t.text;
  lastText = t.text;
  lastKey = `0\u0000${t.text}`;
  lastBlocks = blocks || [];
  lastWarnings = [];
  return t.text;
}

/** Whether the text (or a kept block) differs from what was loaded (the loaded blocks are
 *  kept otherwise). */
export function changed(text) { return text !== loadedText || keptVersion > 0; }

/** The blocks the text shows as ⟦N: …⟧ lines. */
export function keptBlocks() { return kept; }

/** A kept block edited in its own view (kept.js). */
export function setKept(i, block) { kept[i] = block; keptVersion++; }

export function settle(text) { loadedText = text; keptVersion = 0; lastKey = `0\u0000${text}`; }

/** The blocks of the text (asked of the server only when the text changed). */
export async function blocks(text, profile) {
  const key = `${keptVersion}\u0000${text}`;
  if (key !== lastKey) {
    const r = await json('/v1/body?lang=vi', { text, kept, profile });
    lastKey = key;
    lastText = text;
    lastBlocks = r.body;
    lastWarnings = r.diagnostics || [];
  }
  return { blocks: lastBlocks, warnings: lastWarnings };
}

/** Rows of an HTML table as tab-separated lines. */
function tableText(html) {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const t = doc.querySelector('table');
  if (!t) return null;
  return [...t.rows].map((r) => [...r.cells].map((c) => c.textContent.replace(/\s+/g, ' ').trim()).join('\t')).join('\n');
}

function insert(area, text) {
  // execCommand keeps the browser's undo history; setRangeText where it is missing.
  if (!document.execCommand?.('insertText', false, text)) {
    area.setRangeText(text, area.selectionStart, area.selectionEnd, 'end');
    area.dispatchEvent(new Event('input', { bubbles: true }));
  }
}

export function wire(area) {
  area.addEventListener('paste', (ev) => {
    const html = ev.clipboardData?.getData('text/html');
    const tsv = html && tableText(html);
    if (tsv) {
      ev.preventDefault();
      insert(area, tsv);
    }
  });
  area.addEventListener('keydown', (ev) => {
    if (!(ev.ctrlKey || ev.metaKey) || ev.isComposing) return;
    const k = ev.key.toLowerCase();
    if (k !== 'b' && k !== 'i') return;
    ev.preventDefault();
    const mark = k === 'b' ? '**' : '*';
    const { selectionStart: s, selectionEnd: e } = area;
    insert(area, mark + area.value.slice(s, e) + mark);
    if (s === e) area.setSelectionRange(s + mark.length, s + mark.length);
  });
  // Tab in the body types a tab (table cells); Ctrl+Tab / Esc then Tab leave the field.
  area.addEventListener('keydown', (ev) => {
    if (ev.key === 'Tab' && !ev.shiftKey && !ev.ctrlKey && area.dataset.tabs === 'on') {
      ev.preventDefault();
      insert(area, '\t');
    }
    if (ev.key === 'Escape') area.dataset.tabs = 'off';
  });
  area.addEventListener('focus', () => { area.dataset.tabs = 'off'; });
}
