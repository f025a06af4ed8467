// As a new user tries it: `vanban edit` in an empty folder, an agency profile made in the page,
// the seed report written by pasting its text, checked, previewed, downloaded and signed —
// every step without touching JSON; the PDF passes nd30check and the signature validates.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, browser, edit, open, settled, tempDir, saveDownload } from './helpers.mjs';

const env = process.env;

function seedBody() {
  const lines = readFileSync(join(ROOT, 'tests/data/seed-bao-cao-612.txt'), 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
  return lines.slice(lines.findIndex((l) => l.startsWith('Thực hiện Công văn')), lines.findIndex((l) => l.startsWith('Nơi nhận'))).join('\n').replace(/[<>]/g, '');
}

test('a new user: empty folder, a profile, the seed report pasted, checked, downloaded, signed', { skip: !env.VANBAN_TEST_P12 && 'no keys (run through cargo test under VANBAN_EXTERNAL=1)' }, async () => {
  const dir = tempDir('newuser');
  const server = await edit(dir, ['--trust', env.VANBAN_TEST_ROOT_CA]);
  const { page, context, problems, close } = await browser();
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server.base });
  const label = (name) => page.getByLabel(name, { exact: true });
  try {
    await open(page, server.url);
    assert.equal(await page.locator('#recent li').first().innerText(), 'Chưa có văn bản nào.');

    // The agency profile, made in its dialog.
    await page.getByRole('button', { name: 'Hồ sơ cơ quan' }).click();
    const dialog = page.getByRole('dialog', { name: 'Hồ sơ cơ quan' });
    await label('Tên hồ sơ').fill('UBND xã Hương Xuân');
    await label('Cơ quan ban hành (hồ sơ)').fill('Ủy ban nhân dân xã Hương Xuân');
    await label('Viết tắt (hồ sơ)').fill('UBND');
    await label('Địa danh (hồ sơ)').fill('Hương Xuân');
    const row = dialog.locator('fieldset.signer-row').first();
    await row.getByLabel('Quyền hạn', { exact: true }).selectOption('TM.');
    await row.getByLabel('Thay mặt (hồ sơ)', { exact: true }).fill('Ủy ban nhân dân');
    await row.getByLabel('Chức vụ', { exact: true }).fill('Chủ tịch');
    await row.getByLabel('Họ tên', { exact: true }).fill('Nguyễn Thị Bích Ngọc');
    await label('Nơi nhận thường dùng').fill('Như trên\nLưu: VT');
    await label('Ảnh chữ ký').setInputFiles(env.VANBAN_TEST_SIGNATURE_PNG);
    await dialog.getByRole('button', { name: 'Lưu hồ sơ' }).click();
    await dialog.waitFor({ state: 'hidden' });
    const profiles = JSON.parse(readFileSync(join(dir, 'vanban-profiles.json'), 'utf8')).profiles;
    assert.equal(profiles[0].issuer.name, 'Ủy ban nhân dân xã Hương Xuân');
    assert.match(profiles[0].images.signature, /^data:image\/png;base64,/);

    // The seed report: the header from the profile, the rest typed, the body pasted.
    await page.getByRole('button', { name: 'Báo cáo', exact: true }).click();
    await settled(page);
    assert.equal(await label('Họ tên người ký').inputValue(), 'Nguyễn Thị Bích Ngọc');
    assert.equal(await label('Nơi nhận').inputValue(), 'Như trên\nLưu: VT');
    await label('Cơ quan chủ quản').fill('');
    await label('Số').fill('612');
    await label('Ngày').fill('05');
    await label('Tháng').fill('10');
    await label('Năm').fill('2020');
    await label('Trích yếu').fill('Kết quả thực hiện các tiêu chí chính quyền điện tử\ntừ ngày 01/10/2019 đến 01/10/2020');
    await label('Kính gửi').fill('UBND huyện Nam Đông\nVăn phòng HĐND và UBND huyện Nam Đông');
    await label('Nội dung').fill('');
    await label('Nội dung').focus();
    await page.evaluate((t) => navigator.clipboard.writeText(t), seedBody());
    await page.keyboard.press('Control+V');
    await settled(page);
    await page.waitForFunction(() => document.querySelectorAll('#pages img').length === 3, null, { timeout: 15000 });
    assert.equal(await page.locator('#error-list li').count(), 0, await page.locator('#error-list').innerText());

    // Downloaded: nd30check passes.
    const [dl] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Tải PDF' }).click()]);
    await saveDownload(dl, join(dir, 'out.pdf'));
    const stem = readdirSync(dir).find((f) => f.startsWith('bao-cao-') && f.endsWith('.json'));
    const checker = join(ROOT, '../shared/tools/nd30check/nd30check.py');
    if (existsSync(checker)) {
      const r = spawnSync('python3', [checker, 'pdf', join(dir, stem), join(dir, 'out.pdf')], { encoding: 'utf8' });
      assert.equal(r.status, 0, `nd30check:\n${r.stdout}\n${r.stderr}`);
    }

    // Signed by the leader with the profile's signature image; pyHanko validates it.
    await page.getByRole('button', { name: 'Ký số' }).click();
    const sign = page.getByRole('dialog', { name: 'Ký số của người ký' });
    await label('Tệp chữ ký số (.p12, .pfx)').setInputFiles(env.VANBAN_TEST_P12);
    await label('Mật khẩu tệp chữ ký số').fill(env.VANBAN_TEST_P12_PASS);
    await sign.getByRole('button', { name: 'Ký', exact: true }).click();
    await page.waitForFunction(() => !/Đang ký/.test(document.querySelector('#s-result').textContent) && document.querySelector('#s-result').textContent, null, { timeout: 30000 });
    assert.match(await page.locator('#s-result').innerText(), /^Đã ký\. Kiểm tra: hợp lệ \(1 chữ ký\)/);
    const signed = join(dir, stem.replace(/\.json$/, '.signed.pdf'));
    const judged = execFileSync('python3', [join(ROOT, 'tests/data/pyhanko_judge.py'), env.VANBAN_TEST_ROOT_CA, signed]).toString().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
    assert.equal(judged.length, 1);
    assert.deepEqual([judged[0].intact, judged[0].valid, judged[0].trusted], [true, true, true], JSON.stringify(judged[0]));
    assert.deepEqual(problems, []);
  } finally {
    await close();
    server.stop();
  }
});
