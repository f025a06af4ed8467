// Usable by everyone: axe-core (WCAG 2.0/2.1 A and AA) finds nothing on the start screen and
// on the form with an error standing; a công văn is written and downloaded with the keyboard
// alone. (After a Word import and in the signing dialog: word.test.mjs, sign.test.mjs.)

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { axe, browser, edit, open, settled, tempDir, saveDownload } from './helpers.mjs';

/** Tab until the focused element satisfies `pred` (at most `max` presses). */
async function tabTo(page, pred, max = 120) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(pred)) return;
  }
  throw new Error(`not reached by Tab: ${pred}`);
}

test('axe finds nothing; the keyboard alone writes and downloads a công văn', async () => {
  const dir = tempDir('a11y');
  const server = await edit(dir);
  const { page, problems, close } = await browser();
  try {
    await open(page, server.url);
    assert.deepEqual(await axe(page), [], 'the start screen');

    await tabTo(page, () => document.activeElement?.textContent === 'Công văn');
    await page.keyboard.press('Enter');
    await settled(page);
    await tabTo(page, () => document.activeElement?.id === 'f-issuer');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Ủy ban nhân dân xã Hương Xuân');
    await tabTo(page, () => document.activeElement?.id === 'f-place');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Hương Xuân');
    await tabTo(page, () => document.activeElement?.id === 'f-day');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('31');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('02');
    await page.keyboard.press('Tab');
    await settled(page);
    await page.getByRole('alert').waitFor();
    assert.deepEqual(await axe(page), [], 'the form with an error');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('27');
    await tabTo(page, () => document.activeElement?.id === 'f-subject');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Triển khai chữ ký số trên địa bàn xã');
    await tabTo(page, () => document.activeElement?.id === 'f-recipients');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Các thôn trên địa bàn xã');
    await tabTo(page, () => document.activeElement?.id === 'f-body');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Ủy ban nhân dân xã đề nghị các thôn triển khai chữ ký số.');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Trân trọng./.');
    await tabTo(page, () => document.activeElement?.id === 'f-authority');
    // A select with the keyboard: the first letter picks "TM.".
    await page.keyboard.press('T');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Ủy ban nhân dân');
    await tabTo(page, () => document.activeElement?.id === 'f-title');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Chủ tịch');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Nguyễn Thị Bích Ngọc');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('Như trên\nLưu: VT, VP');
    await settled(page);
    assert.equal(await page.locator('#error-list li').count(), 0, await page.locator('#error-list').innerText());
    // Back up to the toolbar and download.
    let found = false;
    for (let i = 0; i < 80 && !found; i++) {
      await page.keyboard.press('Shift+Tab');
      found = await page.evaluate(() => document.activeElement?.textContent === 'Tải PDF');
    }
    assert.ok(found, 'Tải PDF reached by Shift+Tab');
    const [dl] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
    const pdf = await saveDownload(dl, join(dir, 'kb.pdf'));
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    assert.deepEqual(problems, []);
  } finally {
    await close();
    server.stop();
  }
});
