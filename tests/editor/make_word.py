# A công văn typed in Word as offices type it: the header in a borderless table, the motto
# with Word's en dashes, the closing pushed right with tabs. Used by word.test.mjs.
import sys, docx
from docx.shared import Pt
from docx.enum.text import WD_ALIGN_PARAGRAPH
d = docx.Document()
t = d.add_table(rows=1, cols=2)
l, r = t.rows[0].cells
l.paragraphs[0].add_run('ỦY BAN NHÂN DÂN').bold = True
l.add_paragraph().add_run('XÃ HƯƠNG XUÂN').bold = True
l.add_paragraph('Số: 215/UBND-VP')
l.add_paragraph('V/v triển khai chữ ký số trên địa bàn xã')
r.paragraphs[0].add_run('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM').bold = True
r.add_paragraph().add_run('Độc lập – Tự do – Hạnh phúc').bold = True
r.add_paragraph().add_run('Hương Xuân, ngày 09 tháng 3 năm 2026').italic = True
for c in (l, r):
    for p in c.paragraphs: p.alignment = WD_ALIGN_PARAGRAPH.CENTER
p = d.add_paragraph('Kính gửi: Các thôn trên địa bàn xã.'); p.alignment = WD_ALIGN_PARAGRAPH.CENTER
d.add_paragraph('Thực hiện kế hoạch chuyển đổi số năm 2026, Ủy ban nhân dân xã đề nghị các thôn triển khai chữ ký số cho trưởng thôn trước ngày 30/3/2026.')
d.add_paragraph('Đề nghị các thôn thực hiện nghiêm túc./.')
def two(a, b, bold_a=False, bold_b=True):
    p = d.add_paragraph()
    ra = p.add_run(a); ra.bold = bold_a; ra.italic = a.startswith('Nơi nhận')
    p.add_run('\t')
    rb = p.add_run(b); rb.bold = bold_b
two('Nơi nhận:', 'KT. CHỦ TỊCH', True)
two('- Như trên;', 'PHÓ CHỦ TỊCH')
two('- Lưu: VT, VP.', '')
d.add_paragraph('')
two('', 'Hồ Văn Tuấn')
d.save(sys.argv[1])
