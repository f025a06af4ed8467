// Vietnamese typing never breaks: a công văn from an agency profile, its subject typed through
// an input method's composition (CDP Input.imeSetComposition / insertText) and Unikey-style
// (the keys, backspaces, then the rewritten syllable), also with the caret mid-text, while
// previews arrive. The field, the saved JSON and the PDF hold exactly what was typed.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { browser, edit, open, settled, tempDir, pdfText, saveDownload } from './helpers.mjs';

const SUBJECT = 'Triển khai chữ ký số trên địa bàn xã';

export const PROFILE = {
  name: 'UBND xã Hương Xuân',
  issuer: { parent: '', name: 'Ủy ban nhân dân xã Hương Xuân', code: 'UBND' },
  place: 'Hương Xuân',
  signers: [
    { on_behalf_of: 'Ủy ban nhân dân', title: 'Chủ tịch', name: 'Nguyễn Thị Bích Ngọc' },
    { for: 'Chủ tịch', title: 'Phó Chủ tịch', name: 'Hồ Văn Tuấn' },
  ],
  distribution: ['Như trên', 'Lưu: VT, VP'],
  contact: {},
  images: {},
};

const plain = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');

/** Composition: the preedit grows letter by letter (as Telex shows it), then commits. */
async function compose(cdp, word) {
  for (let i = 1; i <= word.length; i++) {
    const s = word.slice(0, i);
    await cdp.send('Input.imeSetComposition', { text: s, selectionStart: s.length, selectionEnd: s.length });
  }
  await cdp.send('Input.insertText', { text: word });
}

/** Unikey: the bare letters as keys, then backspaces over what changes, then the new tail. */
async function unikey(page, cdp, word) {
  const bare = plain(word);
  await page.keyboard.type(bare, { delay: 5 });
  let same = 0;
  while (same < word.length && word[same] === bare[same]) same++;
  for (let i = same; i < bare.length; i++) await page.keyboard.press('Backspace');
  if (same < word.length) await cdp.send('Input.insertText', { text: word.slice(same) });
}

test('the subject typed by composition and by Unikey, at the end and mid-text', async () => {
  const dir = tempDir('typing');
  writeFileSync(join(dir, 'vanban-profiles.json'), JSON.stringify({ profiles: [PROFILE] }));
  const server = await edit(dir);
  const { page, problems, close } = await browser();
  try {
    await open(page, server.url);
    await page.getByLabel('Hồ sơ cơ quan dùng cho văn bản mới', { exact: true }).selectOption(PROFILE.name);
    await page.getByRole('button', { name: 'Công văn', exact: true }).click();
    await settled(page);
    // The profile filled the header and the signer.
    assert.equal(await page.getByLabel('Cơ quan ban hành', { exact: true }).inputValue(), 'Ủy ban nhân dân xã Hương Xuân');
    assert.equal(await page.getByLabel('Họ tên người ký', { exact: true }).inputValue(), 'Nguyễn Thị Bích Ngọc');
    assert.equal(await page.getByLabel('Quyền hạn ký', { exact: true }).inputValue(), 'TM.');
    const cdp = await page.context().newCDPSession(page);
    const field = page.getByLabel('Trích yếu', { exact: true });

    // 1. Composition (Telex through an input method), previews arriving in between.
    await field.fill('');
    await field.focus();
    const words = SUBJECT.split(' ');
    for (const [i, w] of words.entries()) {
      await compose(cdp, w);
      if (i < words.length - 1) await cdp.send('Input.insertText', { text: ' ' });
      await page.waitForTimeout(60); // a preview may answer now
    }
    await settled(page);
    assert.equal(await field.inputValue(), SUBJECT, 'composition');

    // 2. Unikey-style rewriting, word by word.
    await field.fill('');
    await field.focus();
    for (const [i, w] of words.entries()) {
      await unikey(page, cdp, w);
      if (i < words.length - 1) await page.keyboard.type(' ');
      await page.waitForTimeout(40);
    }
    await settled(page);
    assert.equal(await field.inputValue(), SUBJECT, 'Unikey');

    // 3. The caret mid-text: "ký số " removed and typed again in its place, both ways.
    const at = SUBJECT.indexOf('ký số ');
    for (const how of ['unikey', 'compose']) {
      await field.evaluate((e, [a, b]) => { e.focus(); e.setSelectionRange(a, b); }, [at, at + 'ký số '.length]);
      await page.keyboard.press('Backspace');
      for (const w of ['ký', 'số']) {
        if (how === 'unikey') await unikey(page, cdp, w); else await compose(cdp, w);
        await page.keyboard.type(' ');
        await page.waitForTimeout(80);
      }
      await settled(page);
      assert.equal(await field.inputValue(), SUBJECT, `mid-text, ${how}`);
    }

    // Saved, and printed exactly.
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.waitForFunction(() => /Đã lưu/.test(document.querySelector('#status').textContent));
    const saved = readdirSync(dir).filter((f) => f.endsWith('.json') && !f.startsWith('vanban-'));
    assert.equal(saved.length, 1, saved.join(','));
    const doc = JSON.parse(readFileSync(join(dir, saved[0]), 'utf8'));
    assert.equal(doc.subject, SUBJECT);
    assert.equal(doc.issuer.name, 'Ủy ban nhân dân xã Hương Xuân');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải PDF' }).click()]);
    const pdf = await saveDownload(download, join(dir, 'out.pdf'));
    assert.equal(pdf.subarray(0, 5).toString(), '%PDF-');
    const text = pdfText(join(dir, 'out.pdf')).replace(/\s+/g, ' ');
    assert.ok(text.includes(`V/v ${SUBJECT}`.replace(/\s+/g, ' ')) || text.includes('V/v Triển khai chữ ký số'), text.slice(0, 600));
    for (const w of words) assert.ok(text.includes(w), `${w} in the PDF`);
    assert.deepEqual(problems, []);
  } finally {
    await close();
    server.stop();
  }
});
