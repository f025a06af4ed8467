// The editor in `vanban serve`: no folder, drafts in the browser's storage; with --tokens the
// page asks for the token once per tab (sessionStorage) and sends it as a bearer; no signing
// in the page; "Tải PDF" gives `vanban render`'s bytes.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { browser, fixture, open, serve, settled, tempDir, saveDownload, vanban } from './helpers.mjs';

test('the service: a token asked once, drafts in the browser, the same PDF', async () => {
  const dir = tempDir('service');
  const secret = 'van-phong-2026-Bi-mat';
  writeFileSync(join(dir, 'tokens.txt'), `van-phong ${createHash('sha256').update(secret).digest('hex')} * render,check,layout,import,preview\n`);
  const server = await serve(['--tokens', join(dir, 'tokens.txt')]);
  const { page, problems, close } = await browser();
  try {
    await page.goto(server.base + '/');
    const ask = page.getByRole('dialog', { name: 'Mã truy cập' });
    await ask.waitFor();
    await ask.getByRole('textbox', { name: 'Mã truy cập' }).fill(secret);
    await ask.getByRole('button', { name: 'Tiếp tục' }).click();
    await page.waitForSelector('body[data-ready="1"]');
    assert.equal(await page.evaluate(() => sessionStorage.getItem('vanban-token')), secret);
    assert.equal(await page.getByRole('button', { name: 'Ký số' }).isVisible(), false, 'no signing in the service page');
    // Open a fixture, change nothing, save as a draft, download: vanban render's bytes.
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Mở tệp' }).click()]);
    await chooser.setFiles(fixture('giay-moi-hoi-nghi.json'));
    await settled(page);
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải PDF' }).click()]);
    const pdf = await saveDownload(dl, join(dir, 'gm.pdf'));
    assert.ok(pdf.equals(vanban(['render', fixture('giay-moi-hoi-nghi.json'), '--to', 'pdf', '-o', '-'])));
    // The draft is in the browser's storage, and comes back after a reload (the token too).
    await page.getByLabel('Trích yếu', { exact: true }).fill('Hội nghị sơ kết 6 tháng');
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.waitForFunction(() => /Đã lưu/.test(document.querySelector('#status').textContent));
    await page.reload();
    await page.waitForSelector('body[data-ready="1"]');
    assert.equal(await page.getByLabel('Trích yếu', { exact: true }).inputValue(), 'Hội nghị sơ kết 6 tháng');
    const drafts = await page.evaluate(() => Object.keys(JSON.parse(localStorage.getItem('vanban-drafts'))));
    assert.deepEqual(drafts, ['giay-moi-hoi-nghi']);
    const [js] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải JSON' }).click()]);
    const json = JSON.parse((await saveDownload(js, join(dir, 'gm.json'))).toString());
    assert.equal(json.subject, 'Hội nghị sơ kết 6 tháng');
    assert.deepEqual({ ...json, subject: null }, { ...JSON.parse(readFileSync(fixture('giay-moi-hoi-nghi.json'), 'utf8')), subject: null }, 'only the subject changed');
    assert.deepEqual(problems, []);
  } finally {
    await close();
    server.stop();
  }
});
