// The seed report written by pasting its text: the header filled in the form, the body pasted
// as plain text, a table pasted as tab-separated text (Excel) and one as an HTML table (Word).
// The blocks are the expected ones, the report has three pages, the downloaded PDF passes
// ../shared/tools/nd30check and is byte for byte what `vanban render` makes of the saved JSON.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, browser, edit, open, settled, tempDir, saveDownload, vanban } from './helpers.mjs';

const SEED = join(ROOT, 'tests/data/seed-bao-cao-612.txt');

function seedBody() {
  const lines = readFileSync(SEED, 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
  const from = lines.findIndex((l) => l.startsWith('Thực hiện Công văn'));
  const to = lines.findIndex((l) => l.startsWith('Nơi nhận'));
  return lines.slice(from, to).join('\n').replace(/[<>]/g, '');
}

async function paste(page, data) {
  await page.evaluate(async (d) => {
    const items = {};
    for (const [type, text] of Object.entries(d)) items[type] = new Blob([text], { type });
    await navigator.clipboard.write([new ClipboardItem(items)]);
  }, data);
  await page.keyboard.press('Control+V');
}

test('the seed report pasted, checked, previewed and downloaded', async () => {
  const dir = tempDir('paste');
  const server = await edit(dir);
  const { page, context, problems, close } = await browser();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.base });
  const label = (name) => page.getByLabel(name, { exact: true });
  try {
    await open(page, server.url);
    await page.getByRole('button', { name: 'Báo cáo', exact: true }).click();
    await settled(page);
    await label('Cơ quan chủ quản').fill('');
    await label('Cơ quan ban hành').fill('Ủy ban nhân dân\nxã Hương Xuân');
    await label('Viết tắt tên cơ quan').fill('UBND');
    await label('Số').fill('612');
    await label('Địa danh').fill('Hương Xuân');
    await label('Ngày').fill('05');
    await label('Tháng').fill('10');
    await label('Năm').fill('2020');
    await label('Trích yếu').fill('Kết quả thực hiện các tiêu chí chính quyền điện tử\ntừ ngày 01/10/2019 đến 01/10/2020');
    await label('Kính gửi').fill('UBND huyện Nam Đông\nVăn phòng HĐND và UBND huyện Nam Đông');
    await label('Quyền hạn ký').selectOption('TM.');
    await label('Thay mặt').fill('Ủy ban nhân dân');
    await label('Chức vụ người ký').fill('Chủ tịch');
    await label('Họ tên người ký').fill('Nguyễn Thị Bích Ngọc');
    await label('Nơi nhận').fill('Như trên\nLưu: VT');
    // The body: pasted as plain text.
    const body = label('Nội dung');
    await body.fill('');
    await body.focus();
    await paste(page, { 'text/plain': seedBody() });
    await settled(page);
    await page.waitForFunction(() => document.querySelectorAll('#pages img').length === 3 && document.querySelector('#pages img').alt === 'Trang 1/3', null, { timeout: 15000 });
    assert.equal(await page.getByRole('img', { name: 'Trang 3/3' }).count(), 1, 'three pages, each named');
    // The README's picture (VANBAN_SCREENSHOT=docs/editor.png).
    if (process.env.VANBAN_SCREENSHOT) {
      await label('Trích yếu').focus();
      await page.waitForTimeout(300);
      await page.screenshot({ path: process.env.VANBAN_SCREENSHOT });
    }
    assert.equal(await page.locator('#error-list li').count(), 0, await page.locator('#error-list').innerText());

    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.waitForFunction(() => /Đã lưu/.test(document.querySelector('#status').textContent));
    const stem = readdirSync(dir).find((f) => f.endsWith('.json') && !f.startsWith('vanban-'));
    const doc = JSON.parse(readFileSync(join(dir, stem), 'utf8'));
    const sections = doc.body.filter((b) => b.section);
    assert.equal(sections.length, 5, JSON.stringify(doc.body).slice(0, 400));
    assert.ok(sections[0].section.startsWith('Nhóm tiêu chí đánh giá Điều kiện sẵn sàng'));
    assert.equal(sections[0].body[0].section, 'Các tiêu chí về cơ sở về hạ tầng thông tin.');
    assert.equal(sections[0].body[0].body[0].list.length, 9, 'Tiêu chí 15–23 as a dash list');
    assert.ok(JSON.stringify(doc.body).includes('**645/645**'), 'the bold figure keeps its bold');
    assert.equal(doc.date, '2020-10-05');
    assert.deepEqual(doc.signer, { on_behalf_of: 'Ủy ban nhân dân', title: 'Chủ tịch', name: 'Nguyễn Thị Bích Ngọc' });

    // The PDF: what vanban render makes of the saved JSON, and nd30check's verdict.
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải PDF' }).click()]);
    const pdf = await saveDownload(dl, join(dir, 'downloaded.pdf'));
    writeFileSync(join(dir, 'again.json'), readFileSync(join(dir, stem)));
    vanban(['render', join(dir, 'again.json'), '--to', 'pdf', '-o', join(dir, 'again.pdf')]);
    assert.ok(pdf.equals(readFileSync(join(dir, 'again.pdf'))), 'the download is vanban render\'s PDF of the saved JSON');
    const checker = join(ROOT, '../shared/tools/nd30check/nd30check.py');
    if (existsSync(checker)) {
      const r = spawnSync('python3', [checker, 'pdf', join(dir, stem), join(dir, 'downloaded.pdf')], { encoding: 'utf8' });
      assert.equal(r.status, 0, `nd30check:\n${r.stdout}\n${r.stderr}`);
    } else {
      console.log('../shared/tools/nd30check is not beside the clone: the checker was not run');
    }
    const [dx] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải DOCX' }).click()]);
    const docx = await saveDownload(dx, join(dir, 'downloaded.docx'));
    assert.equal(docx.subarray(0, 2).toString(), 'PK');
    assert.ok(dx.suggestedFilename().endsWith('.docx'));

    // A table from Excel (tab-separated text) and one from Word (the clipboard's HTML table).
    await body.focus();
    await body.evaluate((e) => e.setSelectionRange(e.value.length, e.value.length));
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await paste(page, { 'text/plain': 'STT\tNội dung\tKết quả\n1\tMáy tính\t48\n2\tMạng LAN\t100%\n3\tMáy Scan\t4' });
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await paste(page, { 'text/html': '<table><tr><td>Xã</td><td>Số hồ sơ</td></tr><tr><td>Hương Xuân</td><td>743</td></tr></table>', 'text/plain': 'Xã Số hồ sơ' });
    await settled(page);
    await page.getByRole('button', { name: 'Lưu' }).click();
    await page.waitForTimeout(500);
    const after = JSON.parse(readFileSync(join(dir, stem), 'utf8'));
    const tables = JSON.stringify(after.body).match(/"table":/g) || [];
    assert.equal(tables.length, 2, 'two tables pasted');
    const flat = JSON.stringify(after.body);
    assert.ok(flat.includes('{"table":{"columns":[{"title":"STT"},{"title":"Nội dung"},{"title":"Kết quả"}],"rows":[["1","Máy tính","48"],["2","Mạng LAN","100%"],["3","Máy Scan","4"]]}}'), flat.slice(-600));
    assert.ok(flat.includes('{"table":{"columns":[{"title":"Xã"},{"title":"Số hồ sơ"}],"rows":[["Hương Xuân","743"]]}}'), flat.slice(-400));
    assert.deepEqual(problems, []);
  } finally {
    await close();
    server.stop();
  }
});
