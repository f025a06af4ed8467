// Keystroke → page: for the seed report, the time from the last keystroke of an edit to the
// page image showing it (p50 and p95 of 50 edits), measured here in Debian's chromium headless
// and printed (recorded in BENCHMARKS.md; not asserted: speed goals live in benchmarks).

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { browser, edit, fixture, open, settled, tempDir } from './helpers.mjs';

test('keystroke to page, the seed report', async () => {
  const dir = tempDir('latency');
  copyFileSync(fixture('bao-cao-612.json'), join(dir, 'bc.json'));
  const server = await edit(dir);
  const { page, close } = await browser();
  try {
    await open(page, server.url);
    await page.getByRole('button', { name: 'bc', exact: true }).click();
    await settled(page);
    const subject = page.getByLabel('Trích yếu', { exact: true });
    await subject.focus();
    await subject.evaluate((e) => e.setSelectionRange(e.value.length, e.value.length));
    const times = [];
    for (let i = 0; i < 50; i++) {
      const before = await page.evaluate(() => document.querySelector('#pages img')?.dataset.hash);
      await page.keyboard.type(i % 2 ? 'a' : 'b');
      const t0 = await page.evaluate(() => performance.now());
      const t1 = await page.evaluate((h) => new Promise((resolve) => {
        const check = () => {
          const img = document.querySelector('#pages img');
          if (img && img.dataset.hash !== h && img.complete) resolve(performance.now());
          else requestAnimationFrame(check);
        };
        check();
      }), before);
      times.push(t1 - t0);
    }
    times.sort((a, b) => a - b);
    const p = (q) => times[Math.min(times.length - 1, Math.ceil(q * times.length) - 1)];
    console.log(`keystroke → page (seed report, 3 pages, 50 edits): p50 ${p(0.5).toFixed(0)} ms, p95 ${p(0.95).toFixed(0)} ms, max ${times.at(-1).toFixed(0)} ms`);
    assert.equal(times.length, 50);
  } finally {
    await close();
    server.stop();
  }
});
