// Signing in `vanban edit`: the leader signs with a .p12 chosen in the page and its password,
// the văn thư issues with the number and date through a SoftHSM2 token of the module named
// on the command line (the page names only the token, the key and the PIN). pyHanko validates
// both signatures; the signing dialog passes axe. Keys come from tests/editor.rs.

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { ROOT, axe, browser, edit, fixture, open, settled, tempDir } from './helpers.mjs';

const env = process.env;

function today() {
  // The văn thư's day in Việt Nam (+07:00).
  const d = new Date(Date.now() + 7 * 3600 * 1000);
  const p = (n) => String(n).padStart(2, '0');
  return { text: `${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`, iso: `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())}` };
}

test('the leader signs with a .p12, the văn thư issues with a token; pyHanko validates both', { skip: !env.VANBAN_TEST_P12 && 'no keys (run through cargo test under VANBAN_EXTERNAL=1)' }, async () => {
  const dir = tempDir('sign');
  // An unregistered draft: no number, a year-only date; the văn thư gives both.
  const doc = JSON.parse(readFileSync(fixture('cong-van-xa.json'), 'utf8'));
  delete doc.number;
  doc.date = '2026';
  writeFileSync(join(dir, 'cv.json'), JSON.stringify(doc, null, 2) + '\n');
  const profiles = { profiles: [{ name: 'UBND xã Nam Đông', issuer: doc.issuer, place: doc.place, signers: [doc.signer], distribution: doc.distribution, contact: {},
    images: { signature: `data:image/png;base64,${readFileSync(env.VANBAN_TEST_SIGNATURE_PNG).toString('base64')}`, seal: `data:image/png;base64,${readFileSync(env.VANBAN_TEST_SEAL_PNG).toString('base64')}` } }] };
  writeFileSync(join(dir, 'vanban-profiles.json'), JSON.stringify(profiles));
  const server = await edit(dir, ['--pkcs11', env.VANBAN_TEST_PKCS11, '--trust', env.VANBAN_TEST_ROOT_CA], { SOFTHSM2_CONF: env.SOFTHSM2_CONF });
  const { page, problems, close } = await browser();
  const label = (name) => page.getByLabel(name, { exact: true });
  try {
    await open(page, server.url);
    await label('Hồ sơ cơ quan dùng cho văn bản mới').selectOption('UBND xã Nam Đông');
    await page.getByRole('button', { name: 'cv', exact: true }).click();
    await settled(page);

    // The leader: a .p12 and its password.
    await page.getByRole('button', { name: 'Ký số' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ký số của người ký' });
    await dialog.waitFor();
    assert.deepEqual(await axe(page), [], 'axe on the signing dialog');
    await label('Tệp chữ ký số (.p12, .pfx)').setInputFiles(env.VANBAN_TEST_P12);
    await label('Mật khẩu tệp chữ ký số').fill(env.VANBAN_TEST_P12_PASS);
    await dialog.getByRole('button', { name: 'Ký', exact: true }).click();
    await page.waitForFunction(() => !/Đang ký/.test(document.querySelector('#s-result').textContent), null, { timeout: 30000 });
    assert.match(await page.locator('#s-result').innerText(), /^Đã ký\. Kiểm tra: hợp lệ \(1 chữ ký\)/);
    assert.equal(await label('Mật khẩu tệp chữ ký số').inputValue(), '', 'the password is not kept in the page');
    await dialog.getByRole('button', { name: 'Đóng' }).click();

    // A wrong PIN is refused with a message, no file changed.
    const before = readFileSync(join(dir, 'cv.signed.pdf'));
    await page.getByRole('button', { name: 'Ban hành' }).click();
    const issue = page.getByRole('dialog', { name: /^Ban hành/ });
    await issue.waitFor();
    await label('Tệp chữ ký số (.p12, .pfx)').setInputFiles([]);
    await label('Tên token').fill(env.VANBAN_TEST_TOKEN);
    await label('Tên khóa trên token').fill(env.VANBAN_TEST_KEY);
    await label('Mã PIN').fill('000000');
    await label('Số văn bản').fill('45');
    const day = today();
    await label('Ngày ban hành (dd/mm/yyyy)').fill(day.text);
    await issue.getByRole('button', { name: 'Ký', exact: true }).click();
    await issue.getByRole('alert').waitFor();
    assert.ok(readFileSync(join(dir, 'cv.signed.pdf')).equals(before));

    // The right PIN: the agency's signature, the number and the date.
    await label('Mã PIN').fill(env.VANBAN_TEST_PIN);
    await issue.getByRole('button', { name: 'Ký', exact: true }).click();
    await page.waitForFunction(() => !/Đang ký/.test(document.querySelector('#s-result').textContent), null, { timeout: 30000 });
    assert.match(await page.locator('#s-result').innerText(), /^Đã ký\. Kiểm tra: hợp lệ \(2 chữ ký\)/);
    assert.equal(await label('Mã PIN').inputValue(), '');
    const signed = join(dir, 'cv.signed.pdf');
    const text = execFileSync('pdftotext', [signed, '-']).toString();
    assert.match(text, /Số: 45\/UBND-VP/);
    const [y, m, d] = day.iso.split('-');
    assert.ok(text.includes(`ngày ${d} tháng ${m} năm ${y}`) || text.includes(`ngày ${d} tháng ${Number(m)} năm ${y}`), text.slice(0, 500));
    const judged = execFileSync('python3', [join(ROOT, 'tests/data/pyhanko_judge.py'), env.VANBAN_TEST_ROOT_CA, signed]).toString().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l));
    assert.equal(judged.length, 2, JSON.stringify(judged));
    for (const j of judged) assert.deepEqual([j.intact, j.valid, j.trusted], [true, true, true], JSON.stringify(j));
    assert.deepEqual(problems, []);
  } finally {
    await close();
    server.stop();
  }
});
