// Errors where they are, and the page tied to the form: 31/02 shows at "Ngày" in Vietnamese
// once the field is left, with aria-invalid and aria-describedby; the summary's link focuses
// the field; fixing clears both. A click on the signer's name on the page focuses "Họ tên người
// ký"; focusing "Trích yếu" outlines the subject on the page.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { browser, edit, fixture, open, settled, tempDir } from './helpers.mjs';

test('an impossible date is shown at Ngày, summarised, and cleared when fixed', async () => {
  const dir = tempDir('errors');
  copyFileSync(fixture('cong-van-xa.json'), join(dir, 'cong-van-xa.json'));
  const server = await edit(dir);
  const { page, problems, close } = await browser();
  const label = (name) => page.getByLabel(name, { exact: true });
  try {
    await open(page, server.url);
    await page.getByRole('button', { name: 'cong-van-xa', exact: true }).click();
    await settled(page);
    const day = label('Ngày');
    await label('Tháng').fill('02');
    await day.fill('31');
    // Not while typing: the field's message waits until it is left (or a pause).
    await label('Trích yếu').focus();
    const summary = page.getByRole('alert');
    await summary.waitFor({ state: 'visible' });
    assert.equal(await day.getAttribute('aria-invalid'), 'true');
    const msgId = await day.getAttribute('aria-describedby');
    const msg = await page.locator(`#${msgId}`).innerText();
    assert.match(msg, /^Lỗi: Ngày tháng không hợp lệ/, msg);
    assert.match(await summary.innerText(), /Có lỗi cần sửa[\s\S]*Ngày: Ngày tháng không hợp lệ/);
    // The stale pages stay, marked.
    assert.ok(await page.locator('#pages img').count() > 0);
    assert.ok(await page.getByText('Bản xem trước chưa cập nhật').isVisible());
    // The summary's link takes the focus to the field.
    await summary.getByRole('link', { name: /^Ngày:/ }).click();
    assert.equal(await page.evaluate(() => document.activeElement.id), 'f-day');
    // "Lưu" with an error: saved as a draft, and the summary takes the focus.
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.waitForFunction(() => document.activeElement?.id === 'error-summary');
    // Fixed: both clear.
    await day.fill('28');
    await label('Trích yếu').focus();
    await summary.waitFor({ state: 'hidden' });
    await page.waitForFunction(() => !document.querySelector('#f-day').hasAttribute('aria-invalid'));
    assert.equal(await day.getAttribute('aria-describedby'), null);
    assert.equal(await page.locator('#stale-note').isVisible(), false);
    assert.deepEqual(problems, []);
  } finally {
    await close();
    server.stop();
  }
});

test('the page and the form point at each other', async () => {
  const dir = tempDir('pointing');
  copyFileSync(fixture('cong-van-xa.json'), join(dir, 'cv.json'));
  const server = await edit(dir);
  const { page, problems, close } = await browser();
  try {
    await open(page, server.url);
    await page.getByRole('button', { name: 'cv', exact: true }).click();
    await settled(page);
    // Where the signer's name is on page 1 (from the preview's own element boxes, in mm).
    const img = page.getByRole('img', { name: 'Trang 1/1' });
    const box = await img.boundingBox();
    const el = await page.evaluate(async () => {
      const doc = await (await fetch('/v1/edit/files/cv')).json();
      const r = await fetch('/v1/layout', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(doc) });
      return (await r.json()).elements.find((e) => e.element === 'signer_name');
    });
    assert.ok(el, 'the layout has the signer\'s name');
    await page.mouse.click(box.x + ((el.x + el.w / 2) / 210) * box.width, box.y + ((el.y + el.h / 2) / 297) * box.height);
    assert.equal(await page.evaluate(() => document.activeElement.id), 'f-name');
    // Focusing the subject outlines it on the page, over the subject's box.
    await page.getByLabel('Trích yếu', { exact: true }).focus();
    const outline = page.locator('.outline[data-element="subject"]');
    await outline.first().waitFor();
    const ob = await outline.first().boundingBox();
    const box2 = await img.boundingBox();
    const subject = await page.evaluate(async () => {
      const doc = await (await fetch('/v1/edit/files/cv')).json();
      const r = await fetch('/v1/layout', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(doc) });
      return (await r.json()).elements.find((e) => e.element === 'subject');
    });
    assert.ok(Math.abs(ob.x - (box2.x + (subject.x / 210) * box2.width)) < 3, 'the outline is on the subject');
    assert.ok(Math.abs(ob.y - (box2.y + (subject.y / 297) * box2.height)) < 3);
    assert.deepEqual(problems, []);
  } finally {
    await close();
    server.stop();
  }
});
