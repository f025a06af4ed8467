// Shared by the browser tests: start `vanban edit` or `vanban serve` (the binary cargo built,
// VANBAN_BIN), launch Debian's chromium through playwright-core (never `playwright install`),
// refuse any request that leaves 127.0.0.1, and catch CSP violations and page errors.

import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';

export const BIN = process.env.VANBAN_BIN;
export const ROOT = process.env.VANBAN_ROOT;
const CHROMIUM = process.env.CHROMIUM || execFileSync('sh', ['-c', 'command -v chromium']).toString().trim();
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function tempDir(tag) {
  return mkdtempSync(join(tmpdir(), `vanban-editor-${tag}-`));
}

export function fixture(name) {
  return join(ROOT, 'fixtures', name);
}

/** Run the binary; its stdout (throws on a non-zero exit). */
export function vanban(args, opts = {}) {
  return execFileSync(BIN, args, { maxBuffer: 64 << 20, ...opts });
}

/** Start a server; resolves with {url, proc, stop}. */
function start(args, env = {}) {
  return new Promise((resolve, reject) => {
    const proc = spawn(BIN, args, { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
    const rl = createInterface({ input: proc.stderr });
    let first = true;
    rl.on('line', (line) => {
      if (!first) return;
      first = false;
      const m = line.match(/(http:\/\/\S+)/);
      if (!m) reject(new Error(`no address in ${line}`));
      resolve({ url: m[1], proc, stop: () => proc.kill() });
    });
    proc.on('exit', (code) => { if (first) reject(new Error(`exited ${code}`)); });
  });
}

/** `vanban edit DIR --no-open --port 0 ...`: {url (with the token), base, stop}. */
export async function edit(dir, extra = [], env = {}) {
  const s = await start(['edit', dir, '--no-open', '--port', '0', ...extra], env);
  return { ...s, base: s.url.replace(/\/\?token=.*$/, '') };
}

/** `vanban serve --listen 127.0.0.1:0 ...`. */
export async function serve(extra = []) {
  const s = await start(['serve', '--listen', '127.0.0.1:0', ...extra]);
  return { ...s, base: s.url };
}

/** A browser page that may reach nothing but 127.0.0.1; `problems` collects CSP violations,
 *  page errors and refused requests. */
export async function browser() {
  const b = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
  const context = await b.newContext({ acceptDownloads: true, locale: 'vi-VN', viewport: { width: 1366, height: 900 } });
  const problems = [];
  await context.route('**/*', (route) => {
    const u = new URL(route.request().url());
    if (u.protocol === 'blob:' || u.protocol === 'data:' || u.hostname === '127.0.0.1' || u.hostname === 'localhost') return route.continue();
    problems.push(`request to ${route.request().url()}`);
    return route.abort();
  });
  const page = await context.newPage();
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('console', (m) => { if (m.type() === 'error' && /Content Security Policy|Refused to/.test(m.text())) problems.push(`console: ${m.text()}`); });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => { (window.__csp ||= []).push(`${e.violatedDirective} ${e.blockedURI}`); });
  });
  return { b, context, page, problems, close: () => b.close() };
}

/** Open the editor and wait until it is ready. */
export async function open(page, url) {
  await page.goto(url);
  await page.waitForSelector('body[data-ready="1"]');
}

/** Wait until the preview shows pages for the current text and no request is pending. */
export async function settled(page) {
  await page.waitForTimeout(250);
  await page.waitForFunction(() => document.querySelectorAll('#pages img').length > 0);
  await page.waitForTimeout(400);
}

/** axe-core on the page (WCAG 2.0/2.1 A and AA); its violations. Evaluated through the
 *  DevTools protocol, which the page's CSP does not govern. */
export async function axe(page) {
  const src = readFileSync(join(ROOT, 'tests/editor/node_modules/axe-core/axe.min.js'), 'utf8');
  await page.evaluate(src);
  const r = await page.evaluate(() => window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }));
  return r.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join('; ')})`);
}

/** Text of a PDF (pdftotext). */
export function pdfText(path) {
  return execFileSync('pdftotext', ['-layout', path, '-']).toString();
}

/** Save a download to a path; its bytes. */
export async function saveDownload(download, path) {
  await download.saveAs(path);
  return readFileSync(path);
}

/** The CSP violations the page recorded. */
export async function cspViolations(page) {
  return page.evaluate(() => window.__csp || []);
}
