"""Downloadable templates: one .xlsx per family (Vietnamese headers, instructions, code lists) and CSV."""

from __future__ import annotations

import io

import duckdb
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill

from ingest.model import FAMILY_KEYS, FAMILY_LABELS, FAMILY_VALUE_COLUMNS, OPTIONAL_COLUMNS, column_label
from ingest.safety import DEFAULT_MAX_UPLOAD_MB
from metrics.indicators import Family

DATA_SHEET = "Số liệu"
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def template_columns(family: Family) -> tuple[str, ...]:
    return (*FAMILY_KEYS[family], *FAMILY_VALUE_COLUMNS[family])


def template_filename(family: Family, ext: str = "xlsx") -> str:
    return f"mau_{family.value}.{ext}"


def template_csv(family: Family) -> bytes:
    """The header line with snake_case names (UTF-8 with BOM, so Excel shows diacritics)."""
    return ("\ufeff" + ",".join(template_columns(family)) + "\r\n").encode("utf-8")


_RULES = {
    Family.DOSSIERS: [
        "Tổng số nhận = trực tuyến + trực tiếp/bưu chính + từ kỳ trước chuyển sang ((3) = (4) + (5) + (6)).",
        "Tổng số đã giải quyết = trước hạn + đúng hạn + quá hạn ((7) = (8) + (9) + (10)).",
        "Tổng số đang giải quyết = trong hạn + quá hạn ((11) = (12) + (13)).",
        "Nhận trực tuyến toàn trình ≤ nhận trực tuyến; thanh toán trực tuyến ≤ hồ sơ có phí; "
        "số hóa khi tiếp nhận ≤ tiếp nhận mới (trực tuyến + trực tiếp); trả kết quả điện tử ≤ đã giải quyết; "
        "giải quyết quá hạn không lý do ≤ giải quyết quá hạn; đang quá hạn không lý do ≤ đang quá hạn.",
        "Nếu không báo cáo số trễ hạn không có lý do chính đáng, mọi hồ sơ trễ hạn được tính là không có lý do "
        "(Chỉ thị: đơn vị phải chứng minh lý do).",
        "Nếu số nhận khác đã giải quyết + đang giải quyết (do hồ sơ trả lại, rút), hệ thống cảnh báo và cần xác nhận.",
    ],
    Family.DOCUMENTS: ["Văn bản đi ký số, gửi điện tử ≤ tổng số văn bản đi."],
    Family.TASKS: [
        "Hoàn thành đúng hạn + hoàn thành quá hạn ≤ nhiệm vụ đến hạn.",
        "Hoàn thành quá hạn không lý do ≤ hoàn thành quá hạn; quá hạn chưa hoàn thành không lý do ≤ "
        "chưa hoàn thành đã quá hạn. Để trống: mọi nhiệm vụ trễ hạn được tính là không có lý do.",
    ],
}


def template_xlsx(con: duckdb.DuckDBPyConnection, family: Family) -> bytes:
    """A workbook: the data sheet, instructions, and the unit (and field) code lists."""
    wb = Workbook()
    ws = wb.active
    ws.title = DATA_SHEET
    columns = template_columns(family)
    for j, col in enumerate(columns, start=1):
        cell = ws.cell(row=1, column=j, value=column_label(col))
        cell.font = Font(bold=True)
        cell.fill = _HEADER_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        ws.column_dimensions[cell.column_letter].width = 22 if j <= len(FAMILY_KEYS[family]) else 16
    ws.row_dimensions[1].height = 45
    ws.freeze_panes = "A2"

    guide = wb.create_sheet("Hướng dẫn")
    lines = [
        f"MẪU NẠP SỐ LIỆU: {FAMILY_LABELS[family].upper()}",
        "",
        f"1. Nhập mỗi dòng một {'đơn vị – lĩnh vực – tháng' if family is Family.DOSSIERS else 'đơn vị – tháng'} "
        f"vào trang '{DATA_SHEET}', bắt đầu từ dòng 2; không đổi tên cột.",
        "2. Đơn vị, lĩnh vực: ghi mã hoặc tên (xem các trang mã). Tháng: dạng 2026-10 hoặc 10/2026.",
        "3. Các ô số liệu là số đếm (số nguyên, không âm). Số 0 phải ghi là 0: ô để trống (hoặc cột không có "
        "trong tệp) được hiểu là KHÔNG BÁO CÁO chỉ tiêu đó, không phải 0; chỉ tiêu không báo cáo được 0 điểm "
        "khi đánh giá và hiện là “—” trên bảng xếp hạng.",
        f"4. Tệp tối đa {DEFAULT_MAX_UPLOAD_MB} MB; có thể lưu dạng .xlsx, .xls hoặc CSV UTF-8 "
        "(dấu phẩy hoặc chấm phẩy).",
        "5. Tải lên lại cùng đơn vị – tháng sẽ thay thế toàn bộ số liệu cũ của đơn vị – tháng đó "
        "(bản cũ vẫn được lưu và có thể khôi phục).",
        "",
        "Ràng buộc kiểm tra:",
        *[f"  • {r}" for r in _RULES[family]],
        "",
        "Các cột:",
    ]
    for text in lines:
        guide.append([text])
    for col in columns:
        optional = " (không bắt buộc)" if col in OPTIONAL_COLUMNS else ""
        guide.append([f"  • {column_label(col)}{optional} — tên cột trong CSV: {col}"])
    guide.column_dimensions["A"].width = 120
    guide["A1"].font = Font(bold=True, size=13)

    units = wb.create_sheet("Mã đơn vị")
    units.append(["Mã đơn vị", "Tên đơn vị", "Loại", "Hoạt động từ", "Hoạt động đến"])
    for code, name, unit_type, valid_from, valid_to in con.execute(
        "SELECT code, name, unit_type, valid_from, valid_to FROM units ORDER BY unit_type, name"
    ).fetchall():
        units.append([code, name, unit_type, f"{valid_from:%d/%m/%Y}", f"{valid_to:%d/%m/%Y}" if valid_to else ""])
    for letter, width in zip("ABCDE", (30, 45, 14, 14, 14), strict=True):
        units.column_dimensions[letter].width = width
    if family is Family.DOSSIERS:
        fields = wb.create_sheet("Mã lĩnh vực")
        fields.append(["Mã lĩnh vực", "Tên lĩnh vực"])
        for code, name in con.execute("SELECT code, name FROM fields WHERE active ORDER BY name").fetchall():
            fields.append([code, name])
        fields.column_dimensions["A"].width = 25
        fields.column_dimensions["B"].width = 45
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
