// Every fixture opened in the editor and saved unchanged stays byte for byte the same, so
// `vanban render` gives the same PDF as from the fixture. Local mode: saved, the page
// reloaded, the document is there.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, browser, edit, open, settled, tempDir, vanban } from './helpers.mjs';

test('each fixture opened and saved unchanged renders the same PDF', async () => {
  const dir = tempDir('fixtures');
  const server = await edit(dir);
  const { page, problems, close } = await browser();
  try {
    await open(page, server.url);
    const names = readdirSync(join(ROOT, 'fixtures')).filter((f) => f.endsWith('.json')).sort();
    assert.ok(names.length >= 20);
    for (const name of names) {
      const src = join(ROOT, 'fixtures', name);
      await page.getByRole('button', { name: 'Văn bản mới' }).click();
      const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Mở tệp' }).click()]);
      await chooser.setFiles(src);
      await page.waitForFunction((n) => document.querySelector('#doc-stem').textContent === n && !document.querySelector('#workspace').hidden, name.replace(/\.json$/, ''));
      await settled(page);
      await page.getByRole('button', { name: 'Lưu' }).click();
      await page.waitForFunction((n) => document.querySelector('#status').textContent === `Đã lưu ${n}`, name.replace(/\.json$/, ''));
      const saved = readFileSync(join(dir, name));
      assert.ok(saved.equals(readFileSync(src)), `${name}: saved unchanged`);
      const a = vanban(['render', src, '--to', 'pdf', '-o', '-']);
      const b = vanban(['render', join(dir, name), '--to', 'pdf', '-o', '-']);
      assert.ok(a.equals(b), `${name}: the same PDF`);
    }
    assert.deepEqual(problems, []);
  } finally {
    await close();
    server.stop();
  }
});

test('local mode: a saved document is there after a reload', async () => {
  const dir = tempDir('reload');
  const server = await edit(dir);
  const { page, problems, close } = await browser();
  try {
    await open(page, server.url);
    await page.getByRole('button', { name: 'Tờ trình', exact: true }).click();
    await settled(page);
    await page.getByLabel('Trích yếu', { exact: true }).fill('Đề nghị phê duyệt kế hoạch chuyển đổi số năm 2027');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.waitForFunction(() => /Đã lưu/.test(document.querySelector('#status').textContent));
    await page.reload();
    await page.waitForSelector('body[data-ready="1"]');
    assert.equal(await page.getByLabel('Trích yếu', { exact: true }).inputValue(), 'Đề nghị phê duyệt kế hoạch chuyển đổi số năm 2027', 'the document reopened');
    await page.getByRole('button', { name: 'Văn bản mới' }).click();
    await page.locator('#recent li', { hasText: 'to-trinh-' }).first().waitFor();
    assert.ok((await page.locator('#recent li').first().innerText()).startsWith('to-trinh-'), 'the newest first');
    assert.deepEqual(problems, []);
  } finally {
    await close();
    server.stop();
  }
});
