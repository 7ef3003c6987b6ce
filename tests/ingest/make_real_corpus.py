"""Biểu số 06 files shaped the way offices and one-stop systems really produce them (issue 10).

Built deterministically at test time (`build_corpus(folder)`), or written to a folder for a
look in Excel: `.venv/bin/python tests/ingest/make_real_corpus.py /tmp/real_corpus`.

Shapes (domain reference §3, "As provincial one-stop systems render it"): three-row merged
headers without the "(1)…(13)" row, a number row written as formulas, "Tổng cộng" first or
last, a signature block, HTML saved as .xls (title rows inside the table; or title in <p>
before it, UTF-16), consolidated 06a sheets with units as rows, a "07a" layout without
"trước hạn", and titles stating quarters, half-years, years and date ranges.

Every figure below is chosen so the tests can state the expected counts by hand.
"""

from __future__ import annotations

import html as html_escape
import io
import sys
from dataclasses import dataclass, field
from pathlib import Path

from openpyxl import Workbook

# --- header layouts (each column is its path of header cells, top to bottom) ----------------

RECEIVED = "Số hồ sơ nhận giải quyết"
RESULT = "Kết quả giải quyết"
DONE = "Số hồ sơ đã giải quyết"
OPEN = "Số hồ sơ đang giải quyết"
IN_WHICH = "Trong đó"

THREE_ROW = [  # the provincial systems' header (domain reference §3)
    (RECEIVED, "Tổng số"),
    (RECEIVED, IN_WHICH, "Số mới tiếp nhận trực tuyến"),
    (RECEIVED, IN_WHICH, "Số mới tiếp nhận trực tiếp, dịch vụ bưu chính"),
    (RECEIVED, IN_WHICH, "Số kỳ trước chuyển qua"),
    (RESULT, DONE, "Tổng số"),
    (RESULT, DONE, "Trả trước hạn"),
    (RESULT, DONE, "Trả đúng thời hạn"),
    (RESULT, DONE, "Trả quá hạn"),
    (RESULT, OPEN, "Tổng số"),
    (RESULT, OPEN, "Chưa đến hạn"),
    (RESULT, OPEN, "Quá hạn"),
]
TWO_ROW = [  # the circular's own two-row header
    (RECEIVED, "Tổng số"), (RECEIVED, "Trực tuyến"), (RECEIVED, "Trực tiếp, dịch vụ bưu chính"),
    (RECEIVED, "Từ kỳ trước"),
    (DONE, "Tổng số"), (DONE, "Trước hạn"), (DONE, "Đúng hạn"), (DONE, "Quá hạn"),
    (OPEN, "Tổng số"), (OPEN, "Trong hạn"), (OPEN, "Quá hạn"),
]
FORMULA_NUMBERS = ["(1)", "(2)", "(3)=(4)+(5)+(6)", "(4)", "(5)", "(6)", "(7)=(8)+(9)+(10)", "(8)", "(9)", "(10)",
                   "(11)=(12)+(13)", "(12)", "(13)"]
SEVENTH_A = [  # "07a"-style: no "trước hạn" column
    (RECEIVED, "Tổng số"), (RECEIVED, "Trực tuyến"), (RECEIVED, "Trực tiếp, dịch vụ bưu chính"),
    (RECEIVED, "Từ kỳ trước"),
    (DONE, "Tổng số"), (DONE, "Đúng hạn"), (DONE, "Quá hạn"),
    (OPEN, "Tổng số"), (OPEN, "Trong hạn"), (OPEN, "Quá hạn"),
]
POST_SPLIT = [  # online / direct / post (BCCI) as three columns
    (RECEIVED, "Tổng số"),
    (RECEIVED, IN_WHICH, "Trực tuyến"),
    (RECEIVED, IN_WHICH, "Trực tiếp"),
    (RECEIVED, IN_WHICH, "Dịch vụ bưu chính công ích"),
    (RECEIVED, IN_WHICH, "Số kỳ trước chuyển qua"),
    *THREE_ROW[4:],
]

HEADING_MOTTO = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
SIGNATURES = [["", "Người lập biểu", "", "", "", "", "", "", "", "Thủ trưởng đơn vị"],
              ["", "", "", "", "", "", "", "", "", "(Ký, ghi rõ họ tên, đóng dấu)"],
              ["", "Trần Thị B", "", "", "", "", "", "", "", "Nguyễn Văn A"]]


@dataclass
class Form:
    """One sheet: title rows, a header (label columns + value column paths), body and signatures."""

    title: list[list[str]]
    labels: list[str]                      # "STT", "Lĩnh vực" / "Tên đơn vị" …
    columns: list[tuple[str, ...]]
    body: list[list[object]]               # full rows: labels then values
    numbers: list[str] | None = None
    total: str | None = None               # "first" | "last" | None
    footer: list[list[str]] = field(default_factory=lambda: [list(r) for r in SIGNATURES])

    @property
    def width(self) -> int:
        return len(self.labels) + len(self.columns)

    def header_cells(self) -> tuple[int, list[tuple[int, int, int, int, str]]]:
        """(depth, [(row, col, rowspan, colspan, text)]) of the merged header."""
        paths = [(label,) for label in self.labels] + list(self.columns)
        depth = max(len(p) for p in paths)
        cells = []
        for level in range(depth):
            j = 0
            while j < len(paths):
                path = paths[j]
                if len(path) <= level:
                    j += 1
                    continue
                leaf = level == len(path) - 1
                span = 1
                if not leaf:
                    while (j + span < len(paths) and len(paths[j + span]) > level + 1
                           and paths[j + span][:level + 1] == path[:level + 1]):
                        span += 1
                cells.append((level, j, depth - level if leaf else 1, span, path[level]))
                j += span
        return depth, cells

    def total_row(self) -> list[object]:
        n_labels = len(self.labels)
        sums = [sum(int(str(r[n_labels + k]).replace(".", "")) for r in self.body
                    if str(r[n_labels + k]).strip() != "" and not str(r[0]).isalpha())
                for k in range(len(self.columns))]
        return ["", "Tổng cộng", *([""] * (n_labels - 2)), *sums]

    def body_rows(self) -> list[list[object]]:
        rows = list(self.body)
        if self.total == "first":
            rows.insert(0, self.total_row())
        elif self.total == "last":
            rows.append(self.total_row())
        return rows


def form_xlsx(form: Form, sheet: str = "Biểu 06") -> bytes:
    """The form as an .xlsx with real merged cells (openpyxl)."""
    wb = Workbook()
    ws = wb.active
    ws.title = sheet
    r = 1
    for row in form.title:
        for c, text in enumerate(row, start=1):
            if text:
                ws.cell(row=r, column=c, value=text)
        r += 1
    r += 1  # a blank line before the table, as in the circular's template
    depth, cells = form.header_cells()
    for level, col, rowspan, colspan, text in cells:
        ws.cell(row=r + level, column=col + 1, value=text)
        if rowspan > 1 or colspan > 1:
            ws.merge_cells(start_row=r + level, start_column=col + 1, end_row=r + level + rowspan - 1,
                           end_column=col + colspan)
    r += depth
    if form.numbers:
        for c, text in enumerate(form.numbers, start=1):
            ws.cell(row=r, column=c, value=text)
        r += 1
    for row in form.body_rows():
        for c, value in enumerate(row, start=1):
            if value != "" and value is not None:
                ws.cell(row=r, column=c, value=value)
        r += 1
    r += 1
    for row in form.footer:
        for c, text in enumerate(row, start=1):
            if text:
                ws.cell(row=r, column=c, value=text)
        r += 1
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _td(text: object, rowspan: int = 1, colspan: int = 1, tag: str = "td") -> str:
    attrs = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (f' colspan="{colspan}"' if colspan > 1 else "")
    return f"<{tag}{attrs}>{html_escape.escape(str(text))}</{tag}>"


def _data_table(form: Form, title_inside: bool) -> str:
    w = form.width
    out = ['<table border="1" cellspacing="0">']
    if title_inside:
        for row in form.title:
            texts = [t for t in row if t]
            if len(texts) == 1:
                out.append("<tr>" + _td(texts[0], colspan=w) + "</tr>")
            elif texts:
                half = w // 2
                out.append("<tr>" + _td(texts[0], colspan=half) + _td(" ".join(texts[1:]), colspan=w - half) + "</tr>")
        out.append("<tr>" + _td("", colspan=w) + "</tr>")
    depth, cells = form.header_cells()
    out.append("<thead>")
    for level in range(depth):
        out.append("<tr>" + "".join(_td(t, rs, cs, "th") for lv, _c, rs, cs, t in cells if lv == level) + "</tr>")
    out.append("</thead><tbody>")
    if form.numbers:
        out.append("<tr>" + "".join(_td(t) for t in form.numbers) + "</tr>")
    for row in form.body_rows():
        out.append("<tr>" + "".join(_td("" if v is None else v) for v in row) + "</tr>")
    if title_inside:
        for row in form.footer:
            out.append("<tr>" + "".join(_td(t) for t in row) + "</tr>")
    out.append("</tbody></table>")
    return "\n".join(out)


def form_html(form: Form, title_inside: bool = True, encoding: str = "utf-8") -> bytes:
    """The form as a one-stop system's "Excel" export: an HTML page saved with an .xls name.

    `title_inside`: title and signatures as rows of the data table; otherwise the heading is a
    two-cell layout table, the title lines <p>, the signatures <p> after the table.
    """
    parts = ['<html xmlns:x="urn:schemas-microsoft-com:office:excel">',
             f'<head><meta http-equiv="Content-Type" content="text/html; charset={encoding}">',
             "<style>td { mso-number-format: '\\@'; }</style>",
             "<script>alert('never run');</script></head><body>"]
    if title_inside:
        parts.append(_data_table(form, True))
    else:
        heading = [row for row in form.title if len([t for t in row if t]) > 1]
        lines = [row for row in form.title if len([t for t in row if t]) == 1]
        if heading:
            parts.append("<table><tr>" + "".join(_td(t) for t in heading[0] if t) + "</tr></table>")
        parts += [f"<p>{html_escape.escape(t)}</p>" for row in lines for t in row if t]
        parts.append(_data_table(form, False))
        parts += [f"<p>{html_escape.escape(t)}</p>" for row in form.footer for t in row if t]
    parts.append("</body></html>")
    text = "\n".join(parts)
    if encoding.lower() == "utf-16":
        return text.encode("utf-16")  # with a BOM, as .NET exporters write it
    return text.encode(encoding)


# --- the files -------------------------------------------------------------------------------

def _rows(data: list[tuple[str, tuple[object, ...]]], extra: list[tuple[object, ...]] | None = None) -> list[list[object]]:
    out = []
    for k, (name, values) in enumerate(data, start=1):
        out.append([k, name, *values, *(extra[k - 1] if extra else ())])
    return out


def _title(unit_heading: str | None, period: str, unit_line: str | None = None, extra: list[str] = ()) -> list[list[str]]:
    rows = [[unit_heading or "", "", "", "", "", "", "", HEADING_MOTTO[0]],
            ["", "", "", "", "", "", "", HEADING_MOTTO[1]],
            ["Biểu số 06/VPCP/KSTT"],
            ["TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT TTHC"],
            [period]]
    if unit_line:
        rows.append([unit_line])
    rows.append(["- Đơn vị nhận báo cáo: UBND thành phố Đà Nẵng"])
    rows += [[line] for line in extra]
    rows.append(["", "", "", "", "", "", "", "", "", "", "Đơn vị tính: Số hồ sơ"])
    return rows


# Phường Hải Châu, 10/2026 (three-row header). Per field: received (online, direct, carried),
# resolved (early, on time, late), pending (not due, overdue), then "Chờ bổ sung", "Trả lại/Rút".
HAI_CHAU = [
    ("Đất đai", (40, 20, 15, 5, 32, 10, 18, 4, 8, 6, 2)),
    ("Hộ tịch", (80, 50, 30, 0, 75, 60, 15, 0, 5, 5, 0)),
    ("Xây dựng", (12, 4, 6, 2, 10, 2, 5, 3, 2, 1, 1)),
]
HAI_CHAU_EXTRAS = [(3, 1), (0, 0), (2, 0)]
# Xã Hòa Vang, 09/2026 (two-row header, formula number row, Tổng cộng first).
HOA_VANG = [
    ("Đất đai", (25, 5, 18, 2, 20, 5, 12, 3, 5, 3, 2)),
    ("Chứng thực", (60, 0, 60, 0, 60, 60, 0, 0, 0, 0, 0)),
]
# Sở Tư pháp, 10/2026, unit only on the "- Đơn vị báo cáo:" line.
TU_PHAP = [("Hộ tịch", (14, 10, 4, 0, 12, 3, 8, 1, 2, 2, 0))]
# Phường Hòa Cường, 10/2026, HTML with the post split: online, direct, post, carried.
HOA_CUONG = [
    ("Hộ tịch", ("1.300", "1.250", 20, 10, 20, "1.250", "1.000", 200, 50, 50, 40, 10)),
    ("Chứng thực", (300, 0, 280, 20, 0, 300, 290, 10, 0, 0, 0, 0)),
]
# Phường Thanh Khê, 10/2026, HTML with title in <p> before the table (UTF-16).
THANH_KHE = [
    ("Đất đai", (9, 6, 3, 0, 7, 1, 5, 1, 2, 0, 2)),
    ("Xây dựng", (5, 5, 0, 0, 5, 5, 0, 0, 0, 0, 0)),
]
# Phường Hải Châu, 09/2026 closing on the 14th.
CUT_OFF = [("Đất đai", (10, 5, 3, 2, 8, 4, 3, 1, 2, 2, 0))]
# Field "Đất đai", 10/2026, one row per unit (06a), with a group row "I" and Tổng cộng.
BY_UNIT = [
    ("UBND phường Hải Châu", (30, 20, 10, 0, 30, 10, 15, 5, 0, 0, 0)),
    ("Phường Hòa Cường", (16, 8, 8, 0, 12, 4, 6, 2, 4, 4, 0)),
    ("Xã Hòa Vang", (7, 1, 6, 0, 7, 0, 7, 0, 0, 0, 0)),
]
# 07a-style, Phường Hải Châu, 08/2026: no "trước hạn" (on time includes early ones).
SEVENTH = [("Đất đai", (20, 10, 10, 0, 18, 15, 3, 2, 1, 1))]
PLAIN = [("Đất đai", (10, 5, 3, 2, 8, 4, 3, 1, 2, 2, 0))]


def _06a_rows(with_group: bool = True) -> list[list[object]]:
    rows: list[list[object]] = []
    if with_group:
        sub = [sum(v[k] for _, v in BY_UNIT[:2]) for k in range(11)]
        rows.append(["I", "Cấp phường", *sub])
    rows += [[k, name, *values] for k, (name, values) in enumerate(BY_UNIT[:2], start=1)]
    if with_group:
        rows.append(["II", "Cấp xã", *BY_UNIT[2][1]])
    rows.append([3, BY_UNIT[2][0], *BY_UNIT[2][1]])
    return rows


def _06a_total(rows: list[list[object]]) -> list[object]:
    data = [r for r in rows if not str(r[0]).isalpha()]
    return ["", "Tổng cộng", *[sum(r[2 + k] for r in data) for k in range(11)]]


def build_files() -> dict[str, bytes]:
    """File name → bytes, every shape of the corpus."""
    files: dict[str, bytes] = {}
    three_row_extras = [*THREE_ROW[:6],
                        (RESULT, DONE, "Đúng hạn (bao gồm cả hồ sơ trả lại/xin rút)"),
                        *THREE_ROW[7:], ("Chờ bổ sung",), ("Trả lại/Rút hồ sơ",)]
    files["ba_dong_tieu_de.xlsx"] = form_xlsx(Form(
        _title("UBND PHƯỜNG HẢI CHÂU", "Kỳ báo cáo: Tháng 10 năm 2026 (Từ ngày 01/10/2026 đến ngày 31/10/2026)",
               "- Đơn vị báo cáo: Phường Hải Châu"),
        ["STT", "Lĩnh vực"], three_row_extras, _rows(HAI_CHAU, HAI_CHAU_EXTRAS), total="last"))
    files["dong_so_cong_thuc.xlsx"] = form_xlsx(Form(
        _title("UBND XÃ HÒA VANG", "Kỳ báo cáo: tháng 9/2026"),
        ["STT", "Lĩnh vực giải quyết"], TWO_ROW, _rows(HOA_VANG), numbers=FORMULA_NUMBERS, total="first"))
    files["chi_don_vi_bao_cao.xlsx"] = form_xlsx(Form(
        _title(None, "Từ ngày 01/10/2026 đến ngày 31/10/2026", "- Đơn vị báo cáo: Sở Tư pháp"),
        ["STT", "Lĩnh vực"], THREE_ROW, _rows(TU_PHAP), total="last"))
    files["html_tieu_de_trong_bang.xls"] = form_html(Form(
        _title("UBND PHƯỜNG HÒA CƯỜNG", "Kỳ báo cáo: T10/2026", "- Đơn vị báo cáo: UBND phường Hòa Cường"),
        ["STT", "Lĩnh vực"], POST_SPLIT, _rows(HOA_CUONG), total=None), title_inside=True)
    files["html_tieu_de_ngoai_bang.xls"] = form_html(Form(
        _title("UBND PHƯỜNG THANH KHÊ", "Kỳ báo cáo: Tháng 10 năm 2026"),
        ["STT", "Lĩnh vực"], THREE_ROW, _rows(THANH_KHE), total="last"), title_inside=False, encoding="utf-16")
    files["ky_15_den_14.xlsx"] = form_xlsx(Form(
        _title("UBND PHƯỜNG HẢI CHÂU", "Kỳ báo cáo: Tháng 9 năm 2026 (Từ ngày 15/08/2026 đến ngày 14/09/2026)"),
        ["STT", "Lĩnh vực"], THREE_ROW, _rows(CUT_OFF), total="last"))
    rows_06a = _06a_rows()
    files["tong_hop_06a.xlsx"] = form_xlsx(Form(
        [["UBND THÀNH PHỐ ĐÀ NẴNG"], ["Biểu số II.06a/VPCP/KSTT"],
         ["TỔNG HỢP TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC"], ["Kỳ báo cáo: Tháng 10 năm 2026"], ["Lĩnh vực: Đất đai"]],
        ["STT", "Tên đơn vị"], THREE_ROW, [*rows_06a, _06a_total(rows_06a)]))
    by_unit_field = [
        [1, "Phường Hải Châu", "Đất đai", 30, 20, 10, 0, 30, 10, 15, 5, 0, 0, 0],
        [2, "Phường Hải Châu", "Hộ tịch", 11, 11, 0, 0, 11, 11, 0, 0, 0, 0, 0],
        [3, "Xã Hòa Vang", "Xây dựng", 4, 0, 4, 0, 3, 0, 2, 1, 1, 0, 1],
    ]
    files["html_06a_don_vi_linh_vuc.xls"] = _html_unit_rowspan(by_unit_field)
    files["kieu_07a.xlsx"] = form_xlsx(Form(
        _title("UBND PHƯỜNG HẢI CHÂU", "Kỳ báo cáo: Tháng 8 năm 2026"),
        ["STT", "Lĩnh vực"], SEVENTH_A, _rows(SEVENTH), total="last"))
    files["khong_ky_bao_cao.xlsx"] = form_xlsx(Form(
        _title("UBND PHƯỜNG HẢI CHÂU", "Báo cáo tình hình giải quyết hồ sơ"),
        ["STT", "Lĩnh vực"], THREE_ROW, _rows(PLAIN)))

    # Refused.
    files["dau_bieu_khac_don_vi.xlsx"] = form_xlsx(Form(
        _title("UBND PHƯỜNG HẢI CHÂU", "Kỳ báo cáo: Tháng 10 năm 2026", "- Đơn vị báo cáo: Phường Hòa Cường"),
        ["STT", "Lĩnh vực"], THREE_ROW, _rows(PLAIN)))
    for name, period in (("quy_iii.xlsx", "Kỳ báo cáo: Quý III năm 2026"),
                         ("nam_2026.xlsx", "BÁO CÁO NĂM 2026"),
                         ("luy_ke_tu_thang_1.xlsx", "Từ tháng 01 năm 2026 đến tháng 9 năm 2026"),
                         ("khoang_ngay_3_thang.xlsx", "Từ ngày 01/07/2026 đến ngày 30/09/2026")):
        files[name] = form_xlsx(Form(_title("UBND PHƯỜNG HẢI CHÂU", period), ["STT", "Lĩnh vực"], THREE_ROW,
                                     _rows(PLAIN), total="last"))
    files["sau_thang_dau_nam.xls"] = form_html(Form(
        _title("UBND PHƯỜNG HẢI CHÂU", "Kỳ báo cáo: 6 tháng đầu năm 2026"), ["STT", "Lĩnh vực"], THREE_ROW,
        _rows(PLAIN), total="last"))
    files["trang_web.xls"] = (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>Cổng dịch vụ công</title></head><body>"
        "<h1>Phiên đăng nhập đã hết hạn</h1><table><tr><td>Tên đăng nhập</td><td></td></tr></table>"
        "</body></html>").encode()
    files["06a_khong_linh_vuc.xlsx"] = form_xlsx(Form(
        [["UBND THÀNH PHỐ ĐÀ NẴNG"], ["Kỳ báo cáo: Tháng 10 năm 2026"]], ["STT", "Tên đơn vị"], THREE_ROW,
        _06a_rows(with_group=False)))
    files["06a_tat_ca_linh_vuc.xlsx"] = form_xlsx(Form(
        [["UBND THÀNH PHỐ ĐÀ NẴNG"], ["Kỳ báo cáo: Tháng 10 năm 2026"], ["Lĩnh vực: Tất cả lĩnh vực"]],
        ["STT", "Tên đơn vị"], THREE_ROW, _06a_rows(with_group=False)))
    return files


def _html_unit_rowspan(rows: list[list[object]]) -> bytes:
    """A consolidated export with "Đơn vị" and "Lĩnh vực" columns, the unit cell spanning its field rows."""
    form = Form([["Kỳ báo cáo: Tháng 10/2026"]], ["STT", "Đơn vị", "Lĩnh vực"], THREE_ROW, rows)
    depth, cells = form.header_cells()
    out = ["<html><head><meta charset='utf-8'></head><body>", "<p>Biểu số II.06a/VPCP/KSTT</p>",
           "<p>Kỳ báo cáo: Tháng 10/2026</p>", '<table border="1">']
    for level in range(depth):
        out.append("<tr>" + "".join(_td(t, rs, cs, "th") for lv, _c, rs, cs, t in cells if lv == level) + "</tr>")
    out.append("<tr>" + _td("", colspan=3) + _td("") * 11 + "</tr>")  # an empty spacer row inside the table
    previous = None
    for k, row in enumerate(rows):
        cells_html = _td(row[0])
        if row[1] != previous:
            span = sum(1 for r in rows[k:] if r[1] == row[1])
            cells_html += _td(row[1], rowspan=span)
            previous = row[1]
        cells_html += "".join(_td(v) for v in row[2:])
        out.append(f"<tr>{cells_html}</tr>")
    out.append("</table><p>Người lập biểu</p></body></html>")
    return "\n".join(out).encode("utf-8")


def build_corpus(folder: Path) -> dict[str, Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for name, data in build_files().items():
        (folder / name).write_bytes(data)
        paths[name] = folder / name
    return paths


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("real_corpus")
    print(f"{len(build_corpus(target))} tệp đã ghi vào {target}")
