// The parts under "Thêm" are set without JSON: another signer, an appendix with its own body
// (a table pasted in it), a copy (sao y); a biên bản's two signers and a copy are read back
// into their fields.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { axe, browser, edit, fixture, open, settled, tempDir } from './helpers.mjs';

test('appendices, other signers and a copy through the form', async () => {
  const dir = tempDir('parts');
  copyFileSync(fixture('bien-ban-hop.json'), join(dir, 'bien-ban.json'));
  copyFileSync(fixture('bao-cao-phu-luc-sao-y.json'), join(dir, 'sao-y.json'));
  const server = await edit(dir);
  const { page, problems, close } = await browser();
  const label = (name) => page.getByLabel(name, { exact: true });
  const more = async () => { if ((await page.locator('#more').getAttribute('open')) === null) await page.getByText('Thêm', { exact: true }).click(); };
  try {
    await open(page, server.url);
    // A biên bản's second signer and a copy, read into their fields.
    await page.getByRole('button', { name: 'bien-ban', exact: true }).click();
    await settled(page);
    await more();
    assert.equal(await label('Họ tên người ký').inputValue(), 'Nguyễn Thị Mai');
    assert.equal(await label('Họ tên (người ký thứ 2)').inputValue(), 'Lê Văn Thanh');
    await page.getByRole('button', { name: 'Văn bản mới' }).click();
    await page.getByRole('button', { name: 'sao-y', exact: true }).click();
    await settled(page);
    assert.equal(await label('Hình thức sao').inputValue(), 'sao-y');
    assert.equal(await label('Họ tên người ký bản sao').inputValue(), 'Lê Thị Hoa');
    assert.equal(await label('Tên phụ lục 1').inputValue(), 'Danh mục hệ thống thông tin dùng chung của tỉnh');

    // A new quyết định: an appendix with a table, a second signer, a copy.
    await page.getByRole('button', { name: 'Văn bản mới' }).click();
    await page.getByRole('button', { name: 'Quyết định', exact: true }).click();
    await settled(page);
    await more();
    await page.getByRole('button', { name: 'Thêm phụ lục' }).click();
    await label('Tên phụ lục 1').fill('Danh sách thôn triển khai chữ ký số');
    await label('Nội dung phụ lục 1').fill('STT\tThôn\tSố chứng thư\n1\tThôn 1\t12\n2\tThôn 2\t9');
    await page.getByRole('button', { name: 'Thêm người ký' }).first().click();
    await label('Chức vụ (người ký thứ 2)').fill('Chủ tịch Ủy ban Mặt trận Tổ quốc xã');
    await label('Họ tên (người ký thứ 2)').fill('Trần Văn Bình');
    await label('Hình thức sao').selectOption('sao-y');
    await label('Cơ quan sao').fill('Văn phòng HĐND và UBND xã');
    await label('Viết tắt cơ quan sao').fill('VP');
    await label('Số bản sao').fill('3');
    await label('Địa danh (bản sao)').fill('Hương Xuân');
    await label('Ngày sao (yyyy-mm-dd)').fill('2026-12-01');
    await label('Quyền hạn ký (bản sao)').selectOption('TL.');
    await label('Thay mặt / cấp trưởng (bản sao)').fill('Chủ tịch');
    await label('Chức vụ người ký bản sao').fill('Chánh Văn phòng');
    await label('Họ tên người ký bản sao').fill('Lê Văn Hải');
    await label('Nơi nhận bản sao').fill('Các thôn\nLưu: VT');
    await settled(page);
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.waitForFunction(() => /Đã lưu/.test(document.querySelector('#status').textContent));
    const stem = readdirSync(dir).find((f) => f.startsWith('quyet-dinh-') && f.endsWith('.json'));
    const doc = JSON.parse(readFileSync(join(dir, stem), 'utf8'));
    assert.equal(doc.appendices.length, 1);
    assert.equal(doc.appendices[0].title, 'Danh sách thôn triển khai chữ ký số');
    assert.deepEqual(doc.appendices[0].body, [{ table: { columns: [{ title: 'STT' }, { title: 'Thôn' }, { title: 'Số chứng thư' }], rows: [['1', 'Thôn 1', '12'], ['2', 'Thôn 2', '9']] } }]);
    assert.equal(doc.signers.length, 2);
    assert.equal(doc.signer, undefined);
    assert.deepEqual(doc.signers[1], { title: 'Chủ tịch Ủy ban Mặt trận Tổ quốc xã', name: 'Trần Văn Bình' });
    assert.deepEqual(doc.copy, { form: 'sao-y', issuer: { name: 'Văn phòng HĐND và UBND xã', code: 'VP' }, place: 'Hương Xuân', date: '2026-12-01', number: 3, signer: { by_order_of: 'Chủ tịch', title: 'Chánh Văn phòng', name: 'Lê Văn Hải' }, distribution: ['Các thôn', 'Lưu: VT'] });
    // The pages show them: the appendix on a page of its own, the copy's block.
    const n = await page.locator('#pages img').count();
    assert.ok(n >= 2, `${n} pages`);
    // Removing the second signer goes back to one `signer`.
    await page.getByRole('button', { name: 'Bỏ người ký thứ 2' }).click();
    await settled(page);
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.waitForTimeout(600);
    const again = JSON.parse(readFileSync(join(dir, stem), 'utf8'));
    assert.equal(again.signers, undefined);
    assert.ok(again.signer?.name, JSON.stringify(again.signer));
    assert.deepEqual(problems, []);
  } finally {
    await close();
    server.stop();
  }
});

test('blocks the text cannot say: results edited as a grid, moved, removed', async () => {
  const dir = tempDir('kept');
  copyFileSync(fixture('bao-cao-612.json'), join(dir, 'bc.json'));
  const original = JSON.parse(readFileSync(join(dir, 'bc.json'), 'utf8'));
  const server = await edit(dir);
  const { page, problems, close } = await browser();
  try {
    await open(page, server.url);
    await page.getByRole('button', { name: 'bc', exact: true }).click();
    await settled(page);
    const text = await page.getByLabel('Nội dung', { exact: true }).inputValue();
    assert.match(text, /^⟦1: bảng kết quả⟧$/m, text.slice(0, 400));
    assert.deepEqual(await axe(page), [], 'axe with the grid');
    // The first results block as a grid: its first value, changed.
    const value = page.getByLabel('Giá trị, dòng 1 (khối 1)', { exact: true });
    assert.equal(await value.inputValue(), '48/28');
    await value.fill('50/28');
    await page.getByLabel('Ghi chú, dòng 1 (khối 1)', { exact: true }).fill('đã bổ sung 2 máy');
    await page.getByLabel('Đánh giá, dòng 1 (khối 1)', { exact: true }).selectOption('dat');
    await settled(page);
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.waitForFunction(() => /Đã lưu/.test(document.querySelector('#status').textContent));
    const saved = JSON.parse(readFileSync(join(dir, 'bc.json'), 'utf8'));
    const find = (blocks) => { for (const b of blocks) { if (b.results) return b; const r = b.body && find(b.body); if (r) return r; } return null; };
    const item = find(saved.body).results.items[0];
    assert.deepEqual(item.value, { ratio: [50, 28] });
    assert.equal(item.note, 'đã bổ sung 2 máy');
    assert.equal(item.status, 'dat');
    assert.deepEqual(find(original.body).results.items.slice(1), find(saved.body).results.items.slice(1), 'the other rows as they were');
    // Removed: its line goes, the block with it.
    const before = (readFileSync(join(dir, 'bc.json'), 'utf8').match(/"results"/g) || []).length;
    await page.getByRole('button', { name: 'Bỏ khối 1' }).click();
    await settled(page);
    assert.doesNotMatch(await page.getByLabel('Nội dung', { exact: true }).inputValue(), /⟦1:/);
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.waitForTimeout(600);
    const after = (readFileSync(join(dir, 'bc.json'), 'utf8').match(/"results"/g) || []).length;
    assert.equal(after, before - 1);
    assert.deepEqual(problems, []);
  } finally {
    await close();
    server.stop();
  }
});

test('choosing an authority fills "Thay mặt" and "Cấp trưởng" so the block is valid', async () => {
  const dir = tempDir('authority');
  const server = await edit(dir);
  const { page, problems, close } = await browser();
  const label = (name) => page.getByLabel(name, { exact: true });
  try {
    await open(page, server.url);
    await page.getByRole('button', { name: 'Công văn', exact: true }).click();
    await settled(page);
    await label('Cơ quan ban hành').fill('Ủy ban nhân dân xã Hương Xuân');
    await label('Quyền hạn ký').selectOption('TM.');
    assert.equal(await label('Thay mặt').inputValue(), 'Ủy ban nhân dân');
    await label('Chức vụ người ký').fill('Chủ tịch');
    await label('Họ tên người ký').fill('Nguyễn Thị Bích Ngọc');
    await settled(page);
    const errs = await page.locator('#error-list li').allInnerTexts();
    assert.ok(!errs.some((e) => /Người ký|Thay mặt|Chức vụ/.test(e)), errs.join('\n'));
    // A Sở: a deputy signs for the Giám đốc.
    await label('Cơ quan ban hành').fill('Sở Nội vụ');
    await label('Thay mặt').fill('');
    await label('Chức vụ người ký').fill('');
    await label('Quyền hạn ký').selectOption('KT.');
    await label('Cấp trưởng').fill('');
    await label('Quyền hạn ký').selectOption('Ký trực tiếp');
    await label('Quyền hạn ký').selectOption('KT.');
    assert.equal(await label('Cấp trưởng').inputValue(), 'Giám đốc');
    await label('Chức vụ người ký').fill('Phó Giám đốc');
    await settled(page);
    const saved = await page.evaluate(() => document.querySelector('#f-head').value);
    assert.equal(saved, 'Giám đốc');
    assert.deepEqual(problems, []);
  } finally {
    await close();
    server.stop();
  }
});
