// A Word file dropped on the start screen: the header in a table, the closing aligned with
// tabs (tests/editor/make_word.py, python-docx). The form is filled and the importer's
// warnings are listed; nothing is reached outside 127.0.0.1.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, axe, browser, edit, open, settled, tempDir } from './helpers.mjs';

test('a Word file dropped fills the form', async () => {
  const dir = tempDir('word');
  const file = join(dir, 'cong-van-word.docx');
  execFileSync('python3', [join(ROOT, 'tests/editor/make_word.py'), file]);
  const server = await edit(dir);
  const { page, problems, close } = await browser();
  const label = (name) => page.getByLabel(name, { exact: true });
  try {
    await open(page, server.url);
    const bytes = [...readFileSync(file)];
    const dt = await page.evaluateHandle((b) => {
      const t = new DataTransfer();
      t.items.add(new File([new Uint8Array(b)], 'cong-van-word.docx', { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }));
      return t;
    }, bytes);
    await page.dispatchEvent('#drop', 'drop', { dataTransfer: dt });
    await page.waitForSelector('#workspace:not([hidden])');
    await settled(page);
    assert.equal(await label('Loại văn bản').inputValue(), 'cong-van');
    assert.equal(await label('Cơ quan ban hành').inputValue(), 'Ủy ban nhân dân\nxã Hương Xuân');
    assert.equal(await label('Số').inputValue(), '215');
    assert.equal(await label('Trích yếu').inputValue(), 'triển khai chữ ký số trên địa bàn xã');
    assert.equal(await label('Ngày').inputValue(), '09');
    assert.equal(await label('Quyền hạn ký').inputValue(), 'KT.');
    assert.equal(await label('Cấp trưởng').inputValue(), 'Chủ tịch');
    assert.equal(await label('Chức vụ người ký').inputValue(), 'Phó Chủ tịch');
    assert.equal(await label('Họ tên người ký').inputValue(), 'Hồ Văn Tuấn');
    assert.equal(await label('Nơi nhận').inputValue(), 'Như trên\nLưu: VT, VP');
    assert.match(await label('Nội dung').inputValue(), /^Thực hiện kế hoạch chuyển đổi số năm 2026/);
    // The importer's warnings, in Vietnamese, listed for review.
    const warnings = await page.locator('#warning-list li').allInnerTexts();
    // At the field it concerns (the body's size), in Vietnamese.
    assert.ok(warnings.some((w) => /^Cỡ chữ nội dung: Định dạng trong tệp Word khác quy định, dùng mặc định \(the body is 11 pt/.test(w)), warnings.join('\n'));
    assert.equal(await page.getByRole('img', { name: 'Trang 1/1' }).count(), 1);
    assert.deepEqual(await axe(page), [], 'axe after a Word import');
    assert.deepEqual(problems, []);
  } finally {
    await close();
    server.stop();
  }
});
