#!/usr/bin/env python3
"""Word files typed the ways offices type them, for `vanban import` (tests/typed.rs).

Each file is one document typed with a set of habits: the header in a table, with tabs, in
text boxes or as lines one under another; the closing in a table, with tabs, as centred
paragraphs, or with the signer after Nơi nhận; headings numbered by hand or by Word; the
motto with hyphens, Word's en dashes, em dashes, old tone marks, lower case or a forced
break; tracked changes, pictures, a chart, an embedded object, an embedded document, tables
in the body. Beside each NAME.docx, NAME.expect.json says what the import must yield.

python-docx writes what it has an API for; text boxes, tracked changes, charts, objects and
altChunks are raw OOXML. `--resave` re-saves some files through LibreOffice
(`soffice --convert-to docx`), so their XML is LibreOffice's, not this script's.

Usage: python3 make.py [--resave]   (writes beside this script)
"""

import base64
import copy
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zlib
import struct

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt

HERE = os.path.dirname(os.path.abspath(__file__))
QH = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
TN = "Độc lập - Tự do - Hạnh phúc"
CENTER, RIGHT, JUSTIFY = WD_ALIGN_PARAGRAPH.CENTER, WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.JUSTIFY


def png(w, h, rgb):
    """A plain PNG, without an imaging library."""
    raw = b"".join(b"\x00" + bytes(rgb) * w for _ in range(h))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def gif(w, h):
    """A one-colour GIF (87a, LZW of a single colour index)."""
    head = b"GIF87a" + struct.pack("<HHBBB", w, h, 0x80, 0, 0) + b"\x20\x60\x20\x00\x00\x00"
    image = b"," + struct.pack("<HHHHB", 0, 0, w, h, 0)
    # LZW, minimum code size 2: clear, then index 0 repeatedly (as codes of growing width).
    codes = [4] + [0] * (w * h) + [5]
    out, acc, n = bytearray(), 0, 0
    width, table = 3, 6
    for i, c in enumerate(codes):
        acc |= c << n
        n += width
        while n >= 8:
            out.append(acc & 0xFF)
            acc >>= 8
            n -= 8
        if 0 < i < len(codes) - 1:
            table += 1
            if table == (1 << width) and width < 12:
                width += 1
    if n:
        out.append(acc & 0xFF)
    data = b"\x02" + b"".join(bytes([len(out[i:i + 255])]) + bytes(out[i:i + 255]) for i in range(0, len(out), 255)) + b"\x00"
    return head + image + data + b";"


# ---- the documents' content ----------------------------------------------------------------

DOCS = {
    "bao-cao": dict(
        type="bao-cao", type_line="BÁO CÁO", parent=None, agency=["ỦY BAN NHÂN DÂN", "XÃ HÒA VANG"],
        issuer="Ủy ban nhân dân xã Hòa Vang", number=45, symbol="BC-UBND", code="UBND", place="Hòa Vang", date=("05", "3", "2026"), iso="2026-03-05",
        subject=["Kết quả thực hiện chuyển đổi số", "quý I năm 2026"],
        recipients=[], signer=("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Lê Văn Tâm"),
        distribution=["- UBND thành phố Đà Nẵng;", "- Sở Khoa học và Công nghệ;", "- Lưu: VT, VP."],
        body=[
            ("p", "Thực hiện Kế hoạch số 12/KH-UBND ngày 10 tháng 01 năm 2026 của Ủy ban nhân dân xã về chuyển đổi số, Ủy ban nhân dân xã báo cáo kết quả như sau:"),
            ("h1", "I", "KẾT QUẢ THỰC HIỆN"),
            ("h2", "1", "Hạ tầng số"),
            ("p", "Toàn xã đã có 100% thôn được phủ sóng di động 4G, 95% hộ gia đình có kết nối Internet cáp quang."),
            ("h2", "2", "Dịch vụ công trực tuyến"),
            ("li", "Tỷ lệ hồ sơ trực tuyến toàn trình đạt 78%;"),
            ("li", "Tỷ lệ thanh toán trực tuyến đạt 65%."),
            ("h1", "II", "NHIỆM VỤ QUÝ II NĂM 2026"),
            ("p", "Tiếp tục rà soát, số hóa hồ sơ, kết quả giải quyết thủ tục hành chính còn hiệu lực."),
        ],
    ),
    "quyet-dinh": dict(
        type="quyet-dinh", type_line="QUYẾT ĐỊNH", parent=None, agency=["ỦY BAN NHÂN DÂN", "PHƯỜNG THUẬN HÓA"],
        issuer="Ủy ban nhân dân phường Thuận Hóa", number=118, symbol="QĐ-UBND", code="UBND", place="Thuận Hóa", date=("20", "4", "2026"), iso="2026-04-20",
        subject=["Về việc thành lập Tổ công tác chuyển đổi số phường"],
        recipients=[], signer=("KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH", "Trần Thị Hoa"),
        distribution=["- Như Điều 3;", "- Lưu: VT."],
        authority="CHỦ TỊCH ỦY BAN NHÂN DÂN PHƯỜNG THUẬN HÓA",
        body=[
            ("basis", "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;"),
            ("basis", "Theo đề nghị của Chánh Văn phòng HĐND và UBND phường."),
            ("decide", "QUYẾT ĐỊNH:"),
            ("art", 1, "Thành lập Tổ công tác chuyển đổi số phường Thuận Hóa gồm các thành viên có tên trong danh sách kèm theo."),
            ("art", 2, "Tổ công tác có nhiệm vụ tham mưu, đôn đốc việc thực hiện chuyển đổi số trên địa bàn phường."),
            ("art", 3, "Quyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng, các thành viên Tổ công tác chịu trách nhiệm thi hành Quyết định này."),
        ],
    ),
    "cong-van": dict(
        type="cong-van", type_line=None, parent="UBND TỈNH QUẢNG TRỊ", agency=["SỞ TƯ PHÁP"],
        issuer="Sở Tư pháp", issuer_parent="UBND tỉnh Quảng Trị", number=312, symbol="STP-VP", code="STP", place="Quảng Trị", date=("12", "5", "2026"), iso="2026-05-12",
        subject=["Về việc rà soát văn bản quy phạm pháp luật"],
        recipients=["Ủy ban nhân dân các xã, phường", "Các phòng chuyên môn thuộc Sở"], signer=("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Hoàng Minh Đức"),
        distribution=["- Như trên;", "- Giám đốc Sở (để b/c);", "- Lưu: VT, VP."],
        body=[
            ("p", "Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh về việc rà soát hệ thống văn bản quy phạm pháp luật sau sắp xếp đơn vị hành chính, Sở Tư pháp đề nghị các cơ quan, đơn vị thực hiện một số nội dung sau:"),
            ("num", "1", "Rà soát toàn bộ văn bản do cơ quan, đơn vị ban hành từ năm 2020 đến nay."),
            ("num", "2", "Gửi kết quả rà soát về Sở Tư pháp trước ngày 30 tháng 5 năm 2026."),
            ("p", "Đề nghị các cơ quan, đơn vị quan tâm phối hợp thực hiện./."),
        ],
    ),
    "ke-hoach": dict(
        type="ke-hoach", type_line="KẾ HOẠCH", parent=None, agency=["ỦY BAN NHÂN DÂN", "XÃ TÂN PHÚ"],
        issuer="Ủy ban nhân dân xã Tân Phú", number=27, symbol="KH-UBND", code="UBND", place="Tân Phú", date=("03", "2", "2026"), iso="2026-02-03",
        subject=["Tổ chức Ngày hội chuyển đổi số năm 2026"],
        recipients=[], signer=("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Phạm Quốc Bảo"),
        distribution=["- Thường trực Đảng ủy xã;", "- Lưu: VT."],
        body=[
            ("h1", "I", "MỤC ĐÍCH, YÊU CẦU"),
            ("p", "Nâng cao nhận thức của người dân về lợi ích của chuyển đổi số trong đời sống hằng ngày."),
            ("h1", "II", "PHÂN CÔNG NHIỆM VỤ"),
            ("table", ["Họ và tên", "Chức vụ", "Nhiệm vụ"], [["Nguyễn Văn Hùng", "Phó Chủ tịch", "Trưởng ban"], ["Lê Thị Mai", "Công chức Văn phòng", "Thư ký"], ["Trần Văn Nam", "Bí thư Đoàn xã", "Thành viên"]]),
            ("p", "Nơi nhận hồ sơ đăng ký: Văn phòng HĐND và UBND xã, trước ngày 20 tháng 2 năm 2026."),
            ("h1", "III", "TỔ CHỨC THỰC HIỆN"),
            ("p", "Văn phòng HĐND và UBND xã chủ trì, phối hợp các đơn vị triển khai Kế hoạch này."),
        ],
    ),
    "to-trinh": dict(
        type="to-trinh", type_line="TỜ TRÌNH", parent="UBND THÀNH PHỐ HUẾ", agency=["SỞ VĂN HÓA VÀ THỂ THAO"],
        issuer="Sở Văn hóa và Thể thao", issuer_parent="UBND thành phố Huế", number=9, symbol="TTr-SVHTT", code="SVHTT", place="Huế", date=("15", "6", "2026"), iso="2026-06-15",
        subject=["Về việc phê duyệt Đề án bảo tồn di sản Nhã nhạc"],
        recipients=["Ủy ban nhân dân thành phố Huế"], signer=("GIÁM ĐỐC", None, "Phan Thanh Hải"),
        distribution=["- Như trên;", "- Lưu: VT, QLDS."],
        body=[
            ("p", "Căn cứ Luật Di sản văn hóa năm 2024, Sở Văn hóa và Thể thao kính trình Ủy ban nhân dân thành phố xem xét, phê duyệt Đề án với các nội dung chính sau:"),
            ("h1", "I", "SỰ CẦN THIẾT"),
            ("p", "Nhã nhạc cung đình Huế là di sản văn hóa phi vật thể đại diện của nhân loại cần được bảo tồn bền vững."),
            ("h1", "II", "NỘI DUNG ĐỀ ÁN"),
            ("p", "Đề án gồm ba nhóm giải pháp về đào tạo, biểu diễn và số hóa tư liệu."),
            ("spantable", ["Nội dung", "Kinh phí (triệu đồng)"], ["Năm 2026", "Năm 2027"], [["Đào tạo nghệ nhân", "1.200", "1.500"], ["Số hóa tư liệu", "800", "600"]]),
        ],
    ),
    "thong-bao": dict(
        type="thong-bao", type_line="THÔNG BÁO", parent=None, agency=["ỦY BAN NHÂN DÂN", "PHƯỜNG HẢI CHÂU"],
        issuer="Ủy ban nhân dân phường Hải Châu", number=56, symbol="TB-UBND", code="UBND", place="Hải Châu", date=("08", "7", "2026"), iso="2026-07-08",
        subject=["Kết luận của Chủ tịch UBND phường tại cuộc họp giao ban tháng 7"],
        recipients=[], signer=("TL. CHỦ TỊCH", "CHÁNH VĂN PHÒNG", "Đỗ Thị Lan"),
        distribution=["- Các phòng, ban;", "- Lưu: VT."],
        body=[
            ("p", "Ngày 07 tháng 7 năm 2026, Chủ tịch Ủy ban nhân dân phường chủ trì cuộc họp giao ban. Chủ tịch kết luận như sau:"),
            ("num", "1", "Các phòng chuyên môn hoàn thành báo cáo sáu tháng trước ngày 15 tháng 7."),
            ("num", "2", "Văn phòng tổng hợp, báo cáo kết quả trước ngày 20 tháng 7."),
        ],
    ),
    "quy-che": dict(
        type="quy-che", type_line="QUY CHẾ", parent=None, agency=["ỦY BAN NHÂN DÂN", "XÃ PHÚ VANG"],
        issuer="Ủy ban nhân dân xã Phú Vang", number=None, symbol=None, code=None, place="Phú Vang", date=None, iso=None,
        subject=["Làm việc của Ủy ban nhân dân xã Phú Vang"],
        recipients=[], signer=("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Võ Đình Khoa"), distribution=[],
        body=[
            ("chapter", "I", "NHỮNG QUY ĐỊNH CHUNG"),
            ("art", 1, "Phạm vi điều chỉnh", "Quy chế này quy định về nguyên tắc, chế độ trách nhiệm, lề lối làm việc của Ủy ban nhân dân xã."),
            ("art", 2, "Nguyên tắc làm việc", "Ủy ban nhân dân xã làm việc theo chế độ tập thể kết hợp với trách nhiệm của Chủ tịch."),
            ("chapter", "II", "TRÁCH NHIỆM VÀ QUYỀN HẠN"),
            ("art", 3, "Trách nhiệm của Chủ tịch", "Chủ tịch lãnh đạo, điều hành mọi hoạt động của Ủy ban nhân dân xã."),
        ],
    ),
    "huong-dan": dict(
        type="huong-dan", type_line="HƯỚNG DẪN", parent=None, agency=["VĂN PHÒNG HĐND VÀ UBND", "XÃ ĐIỆN BÀN"],
        issuer="Văn phòng HĐND và UBND xã Điện Bàn", number=4, symbol="HD-VP", code="VP", place="Điện Bàn", date=("11", "8", "2026"), iso="2026-08-11",
        subject=["Quy trình số hóa hồ sơ thủ tục hành chính"],
        recipients=[], signer=("CHÁNH VĂN PHÒNG", None, "Lương Thị Thu"), distribution=["- Các bộ phận;", "- Lưu: VT."],
        marks=["LƯU HÀNH NỘI BỘ"],
        body=[
            ("part", "I", "QUY ĐỊNH CHUNG"),
            ("p", "Hướng dẫn này áp dụng cho công chức Bộ phận Một cửa của xã."),
            ("part", "II", "QUY TRÌNH"),
            ("top", "1", "Tiếp nhận hồ sơ"),
            ("p", "Nơi nhận: Bộ phận Một cửa, tầng 1, trụ sở Ủy ban nhân dân xã; người nộp hồ sơ trực tiếp hoặc qua dịch vụ bưu chính công ích."),
            ("p", "Công chức kiểm tra thành phần hồ sơ, quét và lưu vào Hệ thống thông tin giải quyết thủ tục hành chính."),
            ("top", "2", "Ký số kết quả"),
            ("p", "Kết quả giải quyết được ký số và trả cho người dân qua Cổng Dịch vụ công."),
        ],
    ),
    "bien-ban": dict(
        type="bien-ban", type_line="BIÊN BẢN", parent=None, agency=["ỦY BAN NHÂN DÂN", "PHƯỜNG AN HỘI"],
        issuer="Ủy ban nhân dân phường An Hội", number=7, symbol="BB-UBND", code="UBND", place="An Hội", date=None, iso="2026-10-14",
        subject=["Họp Tổ công tác chuyển đổi số"],
        recipients=[], signer=None, signers=[("THƯ KÝ", None, "Ngô Thị Hằng"), ("CHỦ TRÌ", None, "Bùi Văn Lực")], distribution=[],
        body=[
            ("p", "Thời gian: 14 giờ 00, ngày 14 tháng 10 năm 2026."),
            ("p", "Địa điểm: Hội trường Ủy ban nhân dân phường An Hội."),
            ("h1", "I", "NỘI DUNG CUỘC HỌP"),
            ("p", "Tổ công tác thông qua kết quả chuyển đổi số chín tháng đầu năm."),
            ("h1", "II", "KẾT LUẬN"),
            ("p", "Cuộc họp kết thúc lúc 16 giờ 30 cùng ngày."),
        ],
    ),
    "ke-hoach-phu-luc": dict(
        type="ke-hoach", type_line="KẾ HOẠCH", parent="UBND TỈNH GIA LAI", agency=["SỞ NỘI VỤ"],
        issuer="Sở Nội vụ", issuer_parent="UBND tỉnh Gia Lai", number=88, symbol="KH-SNV", code="SNV", place="Gia Lai", date=("21", "9", "2026"), iso="2026-09-21",
        subject=["Bồi dưỡng kỹ năng số cho công chức cấp xã"],
        recipients=[], signer=("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "Đinh Văn Quang"), distribution=["- UBND các xã, phường;", "- Lưu: VT, CCVC."],
        body=[
            ("h1", "I", "MỤC ĐÍCH"),
            ("p", "Nâng cao kỹ năng số của đội ngũ công chức cấp xã sau sắp xếp."),
            ("h1", "II", "NỘI DUNG"),
            ("p", "Chi tiết lớp bồi dưỡng tại Phụ lục kèm theo."),
        ],
        appendix=("PHỤ LỤC", "DANH SÁCH GIẢNG VIÊN", ["Họ và tên", "Chức vụ", "Người ký"], [["Nguyễn Hữu Tài", "Trưởng phòng", "Nguyễn Hữu Tài"], ["Lê Minh Châu", "Chuyên viên chính", "Lê Minh Châu"]]),
    ),
    "giay-gioi-thieu": dict(
        type="giay-gioi-thieu", type_line="GIẤY GIỚI THIỆU", parent=None, agency=["ỦY BAN NHÂN DÂN", "XÃ QUẢNG ĐIỀN"],
        issuer="Ủy ban nhân dân xã Quảng Điền", number=15, symbol="GGT-UBND", code="UBND", place="Quảng Điền", date=("06", "10", "2026"), iso="2026-10-06",
        subject=None, recipients=[], signer=("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "Hồ Văn Sang"), distribution=["- Như trên;", "- Lưu: VT."],
        body=[
            ("p", "Ủy ban nhân dân xã Quảng Điền trân trọng giới thiệu:"),
            ("p", "Ông (bà): ……………………………………………………"),
            ("p", "Chức vụ: ……………………………………………………"),
            ("p", "Được cử đến: ……………………………………………"),
            ("p", "Về việc: ………………………………………………………"),
            ("p", "Đề nghị Quý cơ quan tạo điều kiện để ông (bà) có tên ở trên hoàn thành nhiệm vụ."),
            ("p", "Giấy này có giá trị đến hết ngày ……/……/2026."),
        ],
    ),
    "don": dict(
        type=None, type_line=None, parent=None, agency=[], issuer=None, number=None, symbol=None, code=None, place="Hòa Vang", date=("02", "9", "2026"), iso="2026-09-02",
        subject=None, recipients=["Ủy ban nhân dân xã Hòa Vang"], signer=("NGƯỜI LÀM ĐƠN", None, "Nguyễn Thị Bích"), distribution=[],
        petition="ĐƠN ĐỀ NGHỊ", petition_sub="Cấp bản sao trích lục khai sinh",
        body=[
            ("p", "Tôi tên là Nguyễn Thị Bích, sinh ngày 12 tháng 3 năm 1985, thường trú tại thôn La Bông, xã Hòa Vang, thành phố Đà Nẵng."),
            ("p", "Tôi làm đơn này đề nghị Ủy ban nhân dân xã cấp 02 bản sao trích lục khai sinh cho con tôi là cháu Trần Minh Khang."),
            ("p", "Tôi xin cam đoan những nội dung trên là đúng sự thật."),
        ],
    ),
}


# ---- typing habits --------------------------------------------------------------------------

def motto(habit):
    return {
        "hyphen": TN,
        "en": "Độc lập – Tự do – Hạnh phúc",
        "em": "Độc lập — Tự do — Hạnh phúc",
        "spaces": "Độc lập  -  Tự do  -  Hạnh phúc",
    }.get(habit, TN)


def national(habit):
    return {"old": "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM", "lower": "Cộng hòa xã hội chủ nghĩa Việt Nam"}.get(habit, QH)


def add_par(container, text="", bold=False, italic=False, align=None, size=None, indent=None, after=None):
    p = container.add_paragraph()
    if text:
        # "\n" is a forced line break (Shift+Enter).
        for k, part in enumerate(text.split("\n")):
            r = p.add_run(part)
            if k > 0:
                r._r.insert(0, parse_xml('<w:br %s/>' % nsdecls("w")))
            r.bold, r.italic = bold, italic
            if size:
                r.font.size = Pt(size)
    if align is not None:
        p.alignment = align
    if indent:
        p.paragraph_format.first_line_indent = Mm(indent)
    if after is not None:
        p.paragraph_format.space_after = Pt(after)
    return p


def date_line(d):
    if d["type"] == "bien-ban":
        return ""  # a biên bản prints no date line (Mẫu 1.9)
    if not d["date"]:
        return "%s, ngày     tháng     năm 2026" % d["place"]
    day, month, year = d["date"]
    return "%s, ngày %s tháng %s năm %s" % (d["place"], day, month, year)


def number_line(d):
    if d["symbol"] is None:
        return None
    return "Số: %s/%s" % (d["number"] if d["number"] else "     ", d["symbol"])


def left_lines(d):
    out = []
    if d.get("parent"):
        out.append((d["parent"], False))
    for a in d["agency"]:
        out.append((a, True))
    return out


def header(doc, d, h):
    kind = h["header"]
    qh, tn = national(h.get("qh")), motto(h.get("motto"))
    if h.get("qh") == "break":
        qh = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA\nVIỆT NAM"
    left = left_lines(d)
    num = number_line(d)
    if d.get("petition"):
        add_par(doc, qh, bold=True, align=CENTER, size=13)
        add_par(doc, tn, bold=True, align=CENTER, size=14)
        add_par(doc, "")
        return
    if kind == "table":
        t = doc.add_table(rows=2, cols=2)
        c = t.cell(0, 0)
        c.paragraphs[0].text = ""
        first = True
        for text, bold in left:
            p = c.paragraphs[0] if first else c.add_paragraph()
            first = False
            r = p.add_run(text)
            r.bold = bold
            p.alignment = CENTER
        c.add_paragraph("───────").alignment = CENTER
        c2 = t.cell(0, 1)
        p = c2.paragraphs[0]
        for k, part in enumerate(qh.split("\n")):
            r = p.add_run(part)
            r.bold = True
            if k:
                r._r.insert(0, parse_xml('<w:br %s/>' % nsdecls("w")))
        p.alignment = CENTER
        q = c2.add_paragraph()
        q.add_run(tn).bold = True
        q.alignment = CENTER
        c2.add_paragraph("_______________").alignment = CENTER
        if num:
            t.cell(1, 0).paragraphs[0].text = num
            t.cell(1, 0).paragraphs[0].alignment = CENTER
        for m in d.get("marks", []):
            t.cell(1, 0).add_paragraph(m).runs[0].bold = True
        if d["type"] == "cong-van":
            t.cell(1, 0).add_paragraph("V/v " + " ".join(d["subject"])).alignment = CENTER
        p = t.cell(1, 1).paragraphs[0]
        p.add_run(date_line(d)).italic = True
        p.alignment = CENTER
    elif kind == "tabs":
        rows = []
        n = max(len(left), 2)
        rights = [(qh, True), (tn, True)]
        for k in range(n):
            l = left[k] if k < len(left) else ("", False)
            r = rights[k] if k < len(rights) else ("", False)
            rows.append((l[0], r[0], l[1] or r[1]))
        for l, r, bold in rows:
            add_par(doc, l + "\t" + r, bold=bold)
        add_par(doc, (num or "") + "\t" + date_line(d))
        if d["type"] == "cong-van":
            add_par(doc, "V/v " + " ".join(d["subject"]))
    elif kind == "boxes":
        box(doc, [(t, b, CENTER) for t, b in left] + [(num or "", False, CENTER)] + ([("V/v " + " ".join(d["subject"]), False, CENTER)] if d["type"] == "cong-van" else []))
        box(doc, [(qh, True, CENTER), (tn, True, CENTER), (date_line(d), False, CENTER)])
        add_par(doc, "")
    elif kind == "stacked":
        for text, bold in left:
            add_par(doc, text, bold=bold, align=CENTER, size=13)
        add_par(doc, qh, bold=True, align=CENTER, size=13)
        add_par(doc, tn, bold=True, align=CENTER, size=14)
        if num:
            add_par(doc, num, align=CENTER)
        for m in d.get("marks", []):
            add_par(doc, m, bold=True, align=CENTER)
        if d["type"] == "cong-van":
            add_par(doc, "V/v " + " ".join(d["subject"]), align=CENTER)
        add_par(doc, date_line(d), italic=True, align=RIGHT)


def box(doc, lines):
    """A VML text box holding paragraphs, anchored in an empty paragraph."""
    ps = "".join('<w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r>%s<w:t xml:space="preserve">%s</w:t></w:r></w:p>' % ("<w:rPr><w:b/></w:rPr>" if b else "", esc(t)) for t, b, _ in lines)
    xml = '<w:r %s><w:pict><v:shape style="width:220pt;height:90pt" stroked="f"><v:textbox><w:txbxContent>%s</w:txbxContent></v:textbox></v:shape></w:pict></w:r>' % (ns("w", "v"), ps)
    p = doc.add_paragraph()
    p._p.append(parse_xml(xml))


def ns(*prefixes):
    """Namespace declarations, VML's and Office's included (python-docx knows only its own)."""
    extra = {"v": "urn:schemas-microsoft-com:vml", "o": "urn:schemas-microsoft-com:office:office"}
    std = [p for p in prefixes if p not in extra]
    return " ".join([nsdecls(*std)] + ['xmlns:%s="%s"' % (p, extra[p]) for p in prefixes if p in extra])


def esc(s):
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def title(doc, d, h):
    if d.get("petition"):
        add_par(doc, d["petition"], bold=True, align=CENTER, size=14)
        add_par(doc, d["petition_sub"], bold=True, align=CENTER)
        return
    if d["type_line"]:
        add_par(doc, d["type_line"], bold=True, align=CENTER, size=14)
        rule = h.get("subject_rule", True)
        for line in d["subject"] or []:
            add_par(doc, line, bold=True, align=CENTER)
        if rule:
            add_par(doc, "_______", align=CENTER)


def recipients(doc, d, h):
    r = d["recipients"]
    if not r:
        return
    if len(r) == 1:
        add_par(doc, "Kính gửi: " + r[0] + ".", align=CENTER)
    else:
        add_par(doc, "Kính gửi:", align=CENTER)
        for k, x in enumerate(r):
            add_par(doc, "- " + x + (";" if k + 1 < len(r) else "."), align=CENTER)


def closing(doc, d, h):
    kind = h.get("closing", "table")
    if d.get("signers"):
        # Signers side by side in a borderless table (biên bản: the secretary and the chair).
        t = doc.add_table(rows=1, cols=len(d["signers"]))
        for k, (title_, _, name) in enumerate(d["signers"]):
            c = t.cell(0, k)
            c.paragraphs[0].add_run(title_).bold = True
            c.paragraphs[0].alignment = CENTER
            for _ in range(3):
                c.add_paragraph()
            p = c.add_paragraph()
            p.add_run(name).bold = True
            p.alignment = CENTER
        return
    prefix, title_, name = d["signer"]
    sign = [x for x in (prefix, title_) if x]
    dist = d["distribution"]
    if d.get("petition"):
        add_par(doc, date_line(d), italic=True, align=RIGHT)
        add_par(doc, prefix, bold=True, align=CENTER)
        add_par(doc, "(Ký, ghi rõ họ tên)", italic=True, align=CENTER)
        add_par(doc, "")
        add_par(doc, name, bold=True, align=CENTER)
        return
    if kind == "table":
        t = doc.add_table(rows=1, cols=2)
        c = t.cell(0, 0)
        if dist:
            c.paragraphs[0].add_run("Nơi nhận:").bold = True
            for x in dist:
                c.add_paragraph(x)
        c2 = t.cell(0, 1)
        c2.paragraphs[0].add_run(sign[0]).bold = True
        c2.paragraphs[0].alignment = CENTER
        for s in sign[1:]:
            p = c2.add_paragraph()
            p.add_run(s).bold = True
            p.alignment = CENTER
        for _ in range(3):
            c2.add_paragraph()
        p = c2.add_paragraph()
        p.add_run(name).bold = True
        p.alignment = CENTER
    elif kind == "tabs":
        lines = ["Nơi nhận:"] + dist if dist else []
        rights = sign + ["", "", ""] + [name]
        for k in range(max(len(lines), len(rights))):
            l = lines[k] if k < len(lines) else ""
            r = rights[k] if k < len(rights) else ""
            add_par(doc, l + "\t\t" + r, bold=(k < len(sign) and bool(r)) or (k == len(rights) - 1))
    elif kind == "centred":
        # The signing block as centred paragraphs pushed right, Nơi nhận under it.
        add_par(doc, "")
        for s in sign:
            p = add_par(doc, s, bold=True, align=CENTER)
            p.paragraph_format.left_indent = Mm(80)
        for _ in range(3):
            add_par(doc, "")
        p = add_par(doc, name, bold=True, align=CENTER)
        p.paragraph_format.left_indent = Mm(80)
        if dist:
            add_par(doc, "Nơi nhận:", bold=True, italic=True)
            for x in dist:
                add_par(doc, x, size=11)
    elif kind == "after":
        # Nơi nhận first, the signer's lines under it, pushed right with indents.
        if dist:
            add_par(doc, "Nơi nhận:", bold=True, italic=True)
            for x in dist:
                add_par(doc, x, size=11)
        for s in sign:
            p = add_par(doc, s, bold=True, align=CENTER)
            p.paragraph_format.left_indent = Mm(80)
        add_par(doc, "")
        p = add_par(doc, name, bold=True, align=CENTER)
        p.paragraph_format.left_indent = Mm(80)


# ---- extras: what Word files carry besides text ---------------------------------------------

def picture(doc):
    stream = io.BytesIO(png(320, 160, (30, 90, 200)))
    doc.add_picture(stream, width=Mm(80))
    add_par(doc, "Hình 1. Sơ đồ hạ tầng", italic=True, align=CENTER)


def gif_picture(doc):
    doc.add_picture(io.BytesIO(gif(60, 30)))


def tracked(doc):
    p = doc.add_paragraph()
    p.alignment = JUSTIFY
    p._p.append(parse_xml('<w:r %s><w:t xml:space="preserve">Thời hạn hoàn thành là ngày </w:t></w:r>' % nsdecls("w")))
    p._p.append(parse_xml('<w:del %s w:id="901" w:author="Chuyên viên" w:date="2026-03-01T08:00:00Z"><w:r><w:delText>15</w:delText></w:r></w:del>' % nsdecls("w")))
    p._p.append(parse_xml('<w:ins %s w:id="902" w:author="Chuyên viên" w:date="2026-03-01T08:00:00Z"><w:r><w:t>30</w:t></w:r></w:ins>' % nsdecls("w")))
    p._p.append(parse_xml('<w:r %s><w:t xml:space="preserve"> của tháng.</w:t></w:r>' % nsdecls("w")))


CHART = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><c:chart><c:plotArea><c:layout/><c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:ser><c:idx val="0"/><c:order val="0"/><c:cat><c:strLit><c:ptCount val="2"/><c:pt idx="0"><c:v>Quý I</c:v></c:pt><c:pt idx="1"><c:v>Quý II</c:v></c:pt></c:strLit></c:cat><c:val><c:numLit><c:ptCount val="2"/><c:pt idx="0"><c:v>65</c:v></c:pt><c:pt idx="1"><c:v>78</c:v></c:pt></c:numLit></c:val></c:ser><c:axId val="1"/><c:axId val="2"/></c:barChart><c:catAx><c:axId val="1"/><c:scaling/><c:axPos val="b"/><c:crossAx val="2"/></c:catAx><c:valAx><c:axId val="2"/><c:scaling/><c:axPos val="l"/><c:crossAx val="1"/></c:valAx></c:plotArea></c:chart></c:chartSpace>"""


def chart(doc):
    """A chart with the fallback picture Word keeps for readers without charts."""
    part = Part(PackURI("/word/charts/chart1.xml"), "application/vnd.openxmlformats-officedocument.drawingml.chart+xml", CHART.encode(), doc.part.package)
    chart_rid = doc.part.relate_to(part, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart")
    image_rid, _ = doc.part.get_or_add_image(io.BytesIO(png(200, 120, (200, 60, 40))))
    xml = (
        '<w:r %s xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<mc:AlternateContent><mc:Choice Requires="c14"><w:drawing><wp:inline><wp:extent cx="2880000" cy="1728000"/><wp:docPr id="77" name="Biểu đồ 1"/>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart"><c:chart r:id="%s"/></a:graphicData></a:graphic></wp:inline></w:drawing></mc:Choice>'
        '<mc:Fallback><w:pict><v:shape style="width:226pt;height:136pt"><v:imagedata r:id="%s" o:title=""/></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>'
    ) % (ns("w", "v", "o"), chart_rid, image_rid)
    p = doc.add_paragraph()
    p.alignment = CENTER
    p._p.append(parse_xml(xml))


def ole(doc):
    """An embedded Excel sheet: its preview picture and its data."""
    part = Part(PackURI("/word/embeddings/oleObject1.bin"), "application/vnd.openxmlformats-officedocument.oleObject", b"\xd0\xcf\x11\xe0" + b"\x00" * 508, doc.part.package)
    rid = doc.part.relate_to(part, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/oleObject")
    image_rid, _ = doc.part.get_or_add_image(io.BytesIO(png(180, 90, (20, 160, 60))))
    xml = ('<w:r %s xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:object><v:shape id="ole1" style="width:135pt;height:67pt"><v:imagedata r:id="%s" o:title=""/></v:shape>'
           '<o:OLEObject Type="Embed" ProgID="Excel.Sheet.12" ShapeID="ole1" DrawAspect="Content" ObjectID="_1" r:id="%s"/></w:object></w:r>') % (ns("w", "v", "o"), image_rid, rid)
    p = doc.add_paragraph()
    p._p.append(parse_xml(xml))


def altchunk(doc):
    part = Part(PackURI("/word/afchunk1.htm"), "text/html", "<html><body><p>Bảng số liệu dán từ trang web.</p></body></html>".encode(), doc.part.package)
    rid = doc.part.relate_to(part, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk")
    doc.element.body.append(parse_xml('<w:altChunk %s xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="%s"/>' % (nsdecls("w"), rid)))


def fields(doc):
    """A sentence holding Word fields: a simple one (DATE) and a complex one (a formula), whose
    results are what Word shows."""
    p = doc.add_paragraph()
    p.alignment = JUSTIFY
    w = nsdecls("w")
    p._p.append(parse_xml('<w:r %s><w:t xml:space="preserve">Tổng số hồ sơ tiếp nhận đến ngày </w:t></w:r>' % w))
    p._p.append(parse_xml('<w:fldSimple %s w:instr=" DATE \\@ &quot;dd/MM/yyyy&quot; "><w:r><w:t>31/03/2026</w:t></w:r></w:fldSimple>' % w))
    p._p.append(parse_xml('<w:r %s><w:t xml:space="preserve"> là </w:t></w:r>' % w))
    for xml in ['<w:r %s><w:fldChar w:fldCharType="begin"/></w:r>', '<w:r %s><w:instrText xml:space="preserve"> =SUM(ABOVE) </w:instrText></w:r>', '<w:r %s><w:fldChar w:fldCharType="separate"/></w:r>', '<w:r %s><w:t>1.234</w:t></w:r>', '<w:r %s><w:fldChar w:fldCharType="end"/></w:r>']:
        p._p.append(parse_xml(xml % w))
    p._p.append(parse_xml('<w:r %s><w:t xml:space="preserve"> hồ sơ.</w:t></w:r>' % w))


def emf():
    """A minimal Enhanced Metafile: its header and its end record."""
    header = struct.pack("<II4i4iIIIIHHIII2i2i", 1, 88, 0, 0, 100, 50, 0, 0, 2540, 1270, 0x464D4520, 0x10000, 108, 2, 1, 0, 0, 0, 0, 1024, 768, 320, 240)
    return header + struct.pack("<IIIII", 14, 20, 0, 16, 20)


# The namespaces of a picture drawing, and the drawing itself (id, name, image rel, blip extension).
PIC_NS = ('xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
          'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"')
DRAWING = ('<w:drawing><wp:inline><wp:extent cx="1800000" cy="900000"/><wp:docPr id="%d" name="%s"/><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
           '<pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="%s"/><pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="%s">%s</a:blip><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
           '<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="1800000" cy="900000"/></a:xfrm><a:prstGeom prst="rect"/></pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing>')


def media(doc, name, content_type, data):
    part = Part(PackURI("/word/media/" + name), content_type, data, doc.part.package)
    return doc.part.relate_to(part, RT.IMAGE)


def drawn(doc, drawing, align=None):
    p = doc.add_paragraph()
    if align is not None:
        p.alignment = align
    p._p.append(parse_xml('<w:r %s %s>%s</w:r>' % (ns("w", "v", "o"), PIC_NS, drawing)))


def svg(doc):
    """An SVG picture as Word 2016 stores it: a PNG in the blip, the SVG in its extension."""
    png_rid, _ = doc.part.get_or_add_image(io.BytesIO(png(180, 90, (120, 40, 160))))
    svg_rid = media(doc, "so-do.svg", "image/svg+xml", b'<svg xmlns="http://www.w3.org/2000/svg" width="180" height="90"><rect width="180" height="90" fill="purple"/></svg>')
    ext = '<a:extLst><a:ext uri="{96DAC541-7B7A-43D3-8B79-37D633B846F1}"><asvg:svgBlip xmlns:asvg="http://schemas.microsoft.com/office/drawing/2016/SVG/main" r:embed="%s"/></a:ext></a:extLst>' % svg_rid
    drawn(doc, DRAWING % (91, "Sơ đồ SVG", "so-do.svg", png_rid, ext), CENTER)


def emf_only(doc):
    """An EMF drawing with no picture beside it: vanban cannot print it, and says so."""
    rid = media(doc, "hinh-emf.emf", "image/x-emf", emf())
    drawn(doc, DRAWING % (92, "Hình EMF", "hinh-emf.emf", rid, ""))


def emf_fallback(doc):
    """An EMF in the Choice, the PNG Word keeps for older readers in the Fallback."""
    emf_rid = media(doc, "bieu-do.emf", "image/x-emf", emf())
    png_rid, _ = doc.part.get_or_add_image(io.BytesIO(png(160, 80, (240, 160, 0))))
    choice = DRAWING % (93, "Biểu đồ EMF", "bieu-do.emf", emf_rid, "")
    fallback = '<w:pict><v:shape style="width:120pt;height:60pt"><v:imagedata r:id="%s" o:title=""/></v:shape></w:pict>' % png_rid
    drawn(doc, '<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="wps">%s</mc:Choice><mc:Fallback>%s</mc:Fallback></mc:AlternateContent>' % (choice, fallback))


def box_rule(doc):
    add_par(doc, "────────────────", align=CENTER)


EXTRAS = {"svg": svg, "emf": emf_only, "emf_fallback": emf_fallback, "fields": fields, "picture": picture, "gif": gif_picture, "tracked": tracked, "chart": chart, "ole": ole, "altchunk": altchunk, "rule": box_rule}


# ---- the corpus -----------------------------------------------------------------------------

def variants():
    """(name, document, habits): each document typed several ways."""
    headers = ["table", "tabs", "boxes", "stacked"]
    closings = ["table", "tabs", "centred", "after"]
    mottos = ["hyphen", "en", "em", "spaces"]
    out = []
    k = 0
    for name in ["bao-cao", "quyet-dinh", "cong-van", "ke-hoach", "to-trinh", "thong-bao", "quy-che"]:
        for j in range(4):
            h = {"header": headers[(j + k) % 4], "closing": closings[(j * 3 + k) % 4], "motto": mottos[(j + 2 * k) % 4]}
            if (j + k) % 3 == 0:
                h["subject_rule"] = False
            if name == "bao-cao" and j == 1:
                h["numbering"] = "word"
            if j == 2:
                h["qh"] = ["old", "break", "lower"][k % 3]
            extras = []
            if name in ("bao-cao", "ke-hoach") and j in (0, 3):
                extras.append("picture")
            if name == "bao-cao" and j == 2:
                extras += ["chart", "gif"]
            if name == "to-trinh" and j == 1:
                extras += ["ole", "tracked"]
            if name == "thong-bao" and j == 3:
                extras += ["altchunk"]
            if name in ("thong-bao", "cong-van") and j == 1:
                extras += ["fields"]
            if name == "thong-bao" and j == 0:
                extras += ["svg", "emf", "emf_fallback"]
            if name == "cong-van" and j == 0:
                extras += ["rule", "tracked"]
            h["extras"] = extras
            out.append(("%s-%d" % (name, j + 1), name, h))
        k += 1
    for j, (hd, cl) in enumerate([("table", "table"), ("stacked", "centred")]):
        out.append(("huong-dan-%d" % (j + 1), "huong-dan", {"header": hd, "closing": cl, "motto": ["en", "hyphen"][j]}))
        out.append(("bien-ban-%d" % (j + 1), "bien-ban", {"header": hd, "closing": cl, "motto": ["hyphen", "em"][j]}))
        out.append(("ke-hoach-phu-luc-%d" % (j + 1), "ke-hoach-phu-luc", {"header": ["tabs", "table"][j], "closing": ["tabs", "table"][j]}))
    out.append(("giay-gioi-thieu-1", "giay-gioi-thieu", {"header": "table", "closing": "table"}))
    out.append(("giay-gioi-thieu-2", "giay-gioi-thieu", {"header": "tabs", "closing": "tabs", "motto": "en"}))
    out.append(("don-de-nghi-1", "don", {"header": "stacked", "closing": "table"}))
    out.append(("don-de-nghi-2", "don", {"header": "stacked", "closing": "table", "motto": "en"}))
    return out


def expectation(d, h):
    """What the import must yield: the parts, and each top-level body block's kind and first words."""
    e = {}
    if d["issuer"]:
        e["issuer"] = d["issuer"]
    else:
        e["issuer"] = "…"
    if d.get("issuer_parent"):
        e["parent"] = d["issuer_parent"]
    if d["number"]:
        e["number"] = d["number"]
    if d["code"]:
        e["code"] = d["code"]
    if d["iso"]:
        e["date"] = d["iso"]
    e["place"] = d["place"]
    if d["type"]:
        e["type"] = d["type"]
    if d["subject"]:
        e["subject"] = " ".join(d["subject"])
    if d["recipients"]:
        e["recipients"] = d["recipients"]
    e["signers"] = [x[2] for x in d["signers"]] if d.get("signers") else [d["signer"][2]]
    e["distribution"] = [x.lstrip("- ").rstrip(";.") for x in d["distribution"]]
    blocks = []
    for b in d["body"]:
        kind = b[0]
        if kind in ("basis", "decide"):
            continue
        if kind == "p":
            if blocks and blocks[-1]["kind"] in ("section", "part"):
                continue  # inside the section
            blocks.append({"kind": "paragraph", "starts": first_words(b[1])})
        elif kind == "h1":
            blocks.append({"kind": "section", "starts": first_words(b[2])})
        elif kind in ("h2", "li"):
            continue  # inside the section
        elif kind == "num":
            if not (blocks and blocks[-1]["kind"] == "list"):
                blocks.append({"kind": "list", "starts": first_words(b[2])})
        elif kind == "art":
            if blocks and blocks[-1]["kind"] == "chapter":
                continue
            blocks.append({"kind": "article", "starts": first_words(b[2])})
        elif kind == "chapter":
            blocks.append({"kind": "chapter", "starts": first_words(b[2])})
        elif kind == "part":
            blocks.append({"kind": "part", "starts": first_words(b[2])})
        elif kind == "top":
            continue  # inside the part
        elif kind == "table":
            if blocks and blocks[-1]["kind"] == "section":
                continue
            blocks.append({"kind": "table", "starts": first_words(b[1][0])})
    extras = h.get("extras", [])
    pictures = sum(1 for x in extras if x in ("picture", "chart", "gif", "ole", "svg", "emf_fallback"))
    # What the extras add after the body: inside its last section, or blocks of their own.
    if blocks and blocks[-1]["kind"] not in ("section", "chapter"):
        for x in extras:
            if x in ("chart", "gif", "ole", "svg", "emf_fallback"):
                blocks.append({"kind": "image"})
            elif x == "picture":
                blocks += [{"kind": "image"}, {"kind": "paragraph", "starts": "Hình 1. Sơ"}]
            elif x == "tracked":
                blocks.append({"kind": "paragraph", "starts": "Thời hạn hoàn"})
            elif x == "fields":
                blocks.append({"kind": "paragraph", "starts": "Tổng số hồ"})
    e["body"] = blocks
    e["pictures"] = pictures
    codes = set()
    if "ole" in extras or "altchunk" in extras:
        codes.add("import-object")
    if "tracked" in extras:
        codes.add("import-deleted")
    if "emf" in extras:
        codes.add("import-picture")
    if "emf_fallback" in extras:
        # LibreOffice's re-save keeps the EMF and drops the PNG Word keeps beside it.
        e["libreoffice_drops_fallback_pictures"] = True
    if d.get("appendix"):
        e["appendix"] = {"label": "Phụ lục", "table_rows": len(d["appendix"][3])}
    if not d["issuer"]:
        codes.add("import-missing")
    e["warnings"] = sorted(codes)
    return e


def first_words(s, n=3):
    return " ".join(s.replace("\n", " ").split()[:n])


def make(name, key, h):
    d = DOCS[key]
    doc = Document()
    st = doc.styles["Normal"]
    st.font.name = "Times New Roman"
    st.font.size = Pt(14)
    header(doc, d, h)
    title(doc, d, h)
    recipients(doc, d, h)
    if "authority" in d:
        add_par(doc, d["authority"], bold=True, align=CENTER)
    body_doc(doc, d, h)
    closing(doc, d, h)
    if d.get("appendix"):
        label, title_, cols, rows = d["appendix"]
        p = add_par(doc, label, bold=True, align=CENTER)
        p.paragraph_format.page_break_before = True
        add_par(doc, title_, bold=True, align=CENTER)
        add_par(doc, "(Kèm theo Kế hoạch số %s/%s ngày %s/%s/%s của %s)" % (d["number"], d["symbol"], d["date"][0], d["date"][1], d["date"][2], d["issuer"]), italic=True, align=CENTER)
        t = doc.add_table(rows=1 + len(rows), cols=len(cols))
        t.style = "Table Grid"
        for k, c in enumerate(cols):
            t.cell(0, k).text = c
        for r, row in enumerate(rows):
            for k, c in enumerate(row):
                t.cell(r + 1, k).text = c
    doc.save(os.path.join(HERE, name + ".docx"))
    with open(os.path.join(HERE, name + ".expect.json"), "w", encoding="utf-8") as f:
        json.dump(expectation(d, h), f, ensure_ascii=False, indent=1)
        f.write("\n")


def body_doc(doc, d, h):
    numbering = h.get("numbering", "typed")
    for b in d["body"]:
        kind = b[0]
        if kind == "p":
            add_par(doc, b[1], align=JUSTIFY, indent=10)
        elif kind == "basis":
            add_par(doc, b[1], italic=True, align=JUSTIFY, indent=10)
        elif kind == "decide":
            add_par(doc, b[1], bold=True, align=CENTER)
        elif kind in ("h1", "h2"):
            if numbering == "word":
                p = doc.add_paragraph(style="List Number" if kind == "h1" else "List Number 2")
                p.add_run(b[2]).bold = True
            else:
                add_par(doc, "%s. %s" % (b[1], b[2]), bold=True, align=JUSTIFY, indent=10)
        elif kind == "num":
            add_par(doc, "%s. %s" % (b[1], b[2]), align=JUSTIFY, indent=10)
        elif kind == "li":
            add_par(doc, "- " + b[1], align=JUSTIFY, indent=10)
        elif kind == "art":
            if len(b) == 4:
                add_par(doc, "Điều %d. %s" % (b[1], b[2]), bold=True, align=JUSTIFY, indent=10)
                add_par(doc, b[3], align=JUSTIFY, indent=10)
            else:
                p = add_par(doc, "", align=JUSTIFY, indent=10)
                p.add_run("Điều %d. " % b[1]).bold = True
                p.add_run(b[2])
        elif kind == "chapter":
            add_par(doc, "Chương %s" % b[1], bold=True, align=CENTER)
            add_par(doc, b[2], bold=True, align=CENTER)
        elif kind == "part":
            add_par(doc, "PHẦN %s" % b[1], bold=True, align=CENTER)
            add_par(doc, b[2], bold=True, align=CENTER)
        elif kind == "top":
            # Top-level headings typed "1.", "2." (not the decree's I., II.).
            add_par(doc, "%s. %s" % (b[1], b[2]), bold=True, align=JUSTIFY, indent=10)
        elif kind == "table":
            t = doc.add_table(rows=1 + len(b[2]), cols=len(b[1]))
            t.style = "Table Grid"
            for k, c in enumerate(b[1]):
                t.cell(0, k).text = c
                t.cell(0, k).paragraphs[0].runs[0].bold = True
            for r, row in enumerate(b[2]):
                for k, c in enumerate(row):
                    t.cell(r + 1, k).text = c
        elif kind == "spantable":
            # A two-row header: "Kinh phí" spans the two years; "Nội dung" spans both rows.
            t = doc.add_table(rows=2 + len(b[3]), cols=3)
            t.style = "Table Grid"
            t.cell(0, 0).merge(t.cell(1, 0)).text = b[1][0]
            t.cell(0, 1).merge(t.cell(0, 2)).text = b[1][1]
            t.cell(1, 1).text, t.cell(1, 2).text = b[2]
            for r, row in enumerate(b[3]):
                for k, c in enumerate(row):
                    t.cell(r + 2, k).text = c
    for extra in h.get("extras", []):
        EXTRAS[extra](doc)


def resave(names):
    """Re-save through LibreOffice: its XML, not python-docx's."""
    with tempfile.TemporaryDirectory() as tmp:
        for n in names:
            src = os.path.join(HERE, n + ".docx")
            shutil.copy(src, os.path.join(tmp, n + ".lo.docx"))
        subprocess.run(["soffice", "--headless", "-env:UserInstallation=file://" + tmp + "/profile", "--convert-to", "docx:MS Word 2007 XML", "--outdir", os.path.join(tmp, "out")] + [os.path.join(tmp, n + ".lo.docx") for n in names], check=True, stdout=subprocess.DEVNULL)
        for n in names:
            shutil.copy(os.path.join(tmp, "out", n + ".lo.docx"), os.path.join(HERE, n + "-libreoffice.docx"))
            shutil.copy(os.path.join(HERE, n + ".expect.json"), os.path.join(HERE, n + "-libreoffice.expect.json"))


if __name__ == "__main__":
    all_ = variants()
    for name, key, h in all_:
        make(name, key, h)
    if "--resave" in sys.argv:
        resave([n for n, _, _ in all_][::3])
    print(len(all_), "files")
