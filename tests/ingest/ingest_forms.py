"""Builders for test files: CSV rows, filled templates, and official forms made the way offices make them."""

from __future__ import annotations

import io

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

BIEU06_HEADER = ("unit_code,field_code,month,received_total,received_online,received_direct,"
                 "received_carried_over,resolved_total,resolved_early,resolved_on_time,resolved_late,"
                 "pending_total,pending_on_time,pending_overdue")
# A consistent row: 10 = 5+3+2; 8 = 4+3+1; 2 = 2+0; 10 = 8 + 2.
GOOD_VALUES = (10, 5, 3, 2, 8, 4, 3, 1, 2, 2, 0)


def csv_bytes(header: str, rows: list[str], sep: str = ",", bom: bool = False) -> bytes:
    text = "\n".join([header.replace(",", sep), *rows]) + "\n"
    return (("\ufeff" if bom else "") + text).encode("utf-8")


def official_form(rows: list[tuple[str, tuple[int | str | None, ...]]], *,
                  agency: str | None = "UBND PHƯỜNG HẢI CHÂU",
                  unit_line: str | None = None,
                  period_line: str | None = "Kỳ báo cáo: Tháng 10/2026",
                  number_row: bool = True, total_row: bool = True,
                  alt_wording: bool = False) -> bytes:
    """A Biểu số 06/VPCP/KSTT sheet: title block, merged two-row header, (1)…(13), Tổng cộng, signatures."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Biểu 06"
    if agency:
        ws["A1"] = agency
    ws["H1"] = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    ws["H2"] = "Độc lập - Tự do - Hạnh phúc"
    ws["A3"] = "Biểu số 06/VPCP/KSTT"
    ws["A4"] = "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT TTHC TẠI CƠ QUAN, ĐƠN VỊ TRỰC TIẾP GIẢI QUYẾT TTHC"
    ws.merge_cells("A4:M4")
    ws["A4"].font = Font(bold=True)
    ws["A4"].alignment = Alignment(horizontal="center")
    if period_line:
        ws["A5"] = period_line
        ws.merge_cells("A5:M5")
    if unit_line:
        ws["A6"] = unit_line
    ws["K7"] = "Đơn vị tính: Số hồ sơ TTHC"
    # Two-row merged header (rows 8-9).
    ws["A8"], ws["B8"] = "STT", "Lĩnh vực giải quyết"
    ws.merge_cells("A8:A9")
    ws.merge_cells("B8:B9")
    ws["C8"] = "Số hồ sơ nhận giải quyết"
    ws.merge_cells("C8:F8")
    ws["G8"] = "Số hồ sơ đã giải quyết" if not alt_wording else "Kết quả giải quyết"
    ws.merge_cells("G8:J8")
    ws["K8"] = "Số hồ sơ đang giải quyết"
    ws.merge_cells("K8:M8")
    sub = ["Tổng số", "Trực tuyến", "Trực tiếp, dịch vụ bưu chính",
           "Số kỳ trước chuyển qua" if alt_wording else "Từ kỳ trước",
           "Tổng số", "Trước hạn", "Trả đúng thời hạn" if alt_wording else "Đúng hạn", "Quá hạn",
           "Tổng số", "Trong hạn", "Quá hạn"]
    for j, text in enumerate(sub, start=3):
        ws.cell(row=9, column=j, value=text)
    r = 10
    if number_row:
        for j in range(1, 14):
            ws.cell(row=r, column=j, value=f"({j})")
        r += 1
    sums = [0] * 11
    for k, (field, values) in enumerate(rows, start=1):
        ws.cell(row=r, column=1, value=k)
        ws.cell(row=r, column=2, value=field)
        for j, v in enumerate(values, start=3):
            ws.cell(row=r, column=j, value=v)
            if isinstance(v, int):
                sums[j - 3] += v
        r += 1
    if total_row:
        ws.cell(row=r, column=2, value="Tổng cộng")
        for j, v in enumerate(sums, start=3):
            ws.cell(row=r, column=j, value=v)
        r += 1
    r += 1
    ws.cell(row=r, column=2, value="Người lập biểu")
    ws.cell(row=r, column=10, value="Thủ trưởng đơn vị")
    ws.cell(row=r + 1, column=10, value="(Ký, ghi rõ họ tên, đóng dấu)")
    ws.cell(row=r + 4, column=10, value="Nguyễn Văn A")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def workbook_bytes(sheets: dict[str, list[list[object]]]) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    for name, rows in sheets.items():
        ws = wb.create_sheet(name)
        for row in rows:
            ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
