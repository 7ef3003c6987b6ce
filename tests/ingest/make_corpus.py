"""Generate the corpus of bad files and `expected.csv` (file → the message it must produce).

Run from the project root: `.venv/bin/python tests/ingest/make_corpus.py`. The files
are committed; regenerate them when the messages change on purpose.
"""

from __future__ import annotations

import csv
import io
import sys
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
if str(ROOT) not in sys.path:  # also run as a script from the project root
    sys.path.insert(0, str(ROOT))

from tests.ingest.ingest_forms import BIEU06_HEADER, GOOD_VALUES, csv_bytes, official_form, workbook_bytes  # noqa: E402

CORPUS = HERE / "corpus"
GOOD = ",".join(map(str, GOOD_VALUES))
EXTRA_HEADER = BIEU06_HEADER + ",received_full_process,fee_dossiers,fee_paid_online,electronic_results,digitised,resolved_late_unexcused,pending_overdue_unexcused"


def dossier_csv(*rows: str, header: str = BIEU06_HEADER) -> bytes:
    return csv_bytes(header, list(rows))


def _zip(members: dict[str, bytes]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return buf.getvalue()


def _fake_encrypted_cfb() -> bytes:
    """The shape of a password-protected OOXML: an OLE/CFB file with an 'EncryptedPackage' stream.

    Minimal (header + one directory sector), enough for the signature check; not a real cipher.
    """
    header = bytearray(512)
    header[:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    directory = bytearray(512)
    for k, name in enumerate(("Root Entry", "EncryptionInfo", "EncryptedPackage")):
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        directory[k * 128: k * 128 + len(encoded)] = encoded
    return bytes(header + directory)


def _template_with_text() -> bytes:
    from ingest.templates import template_xlsx
    from metrics.indicators import Family
    from store import open_store
    from store.reference import load_reference

    store = open_store(":memory:")
    load_reference(store)
    from openpyxl import load_workbook

    wb = load_workbook(io.BytesIO(template_xlsx(store.cursor(), Family.DOSSIERS)))
    ws = wb["Số liệu"]
    ws.append(["Phường Hải Châu", "Đất đai", "2026-10", *GOOD_VALUES, 0, 0, 0, 0, 0, 0])
    ws.append(["Phường Hải Châu", "Hộ tịch", "2026-10", 10, 5, 3, 2, "mười", 4, 3, 1, 2, 2, 0])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


# (file name, bytes, severity, sheet, row, column, message substring)
CASES: list[tuple[str, bytes, str, str, str, str, str]] = [
    ("html_page.xls", b"<html><head><meta charset='utf-8'></head><body><table><tr><td>1</td></tr></table></body></html>",
     "error", "", "", "", "thực chất là một trang web (HTML)"),
    ("renamed_zip.xlsx", _zip({"readme.txt": b"not a workbook"}),
     "error", "", "", "", "tệp nén .zip đổi đuôi"),
    ("password_protected.xlsx", _fake_encrypted_cfb(),
     "error", "", "", "", "được bảo vệ bằng mật khẩu"),
    ("zip_bomb.xlsx", _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>",
                            "xl/worksheets/sheet1.xml": b"\x00" * (20 * 1024 * 1024)}),
     "error", "", "", "", "nghi là 'bom nén'"),
    ("workbook_named.csv", _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<workbook/>"}),
     "error", "", "", "", "thực chất là bảng tính Excel"),
    ("not_utf8.csv", (BIEU06_HEADER + "\nPhường Hải Châu,Đất đai,2026-10," + GOOD + "\n").encode("cp1258", errors="replace"),
     "error", "", "", "", "không dùng bảng mã UTF-8"),
    ("report.pdf", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n",
     "error", "", "", "", "Không hỗ trợ định dạng '.pdf'"),
    ("empty.csv", b"", "error", "", "", "", "Tệp rỗng"),
    ("missing_column.csv",
     csv_bytes(BIEU06_HEADER.replace(",resolved_late", ""), ["phuong-hai-chau,dat-dai,2026-10,10,5,3,2,8,4,3,2,2,0"]),
     "error", "", "1", "resolved_late", "Thiếu cột 'resolved_late' (Giải quyết quá hạn)"),
    ("text_in_count.csv", dossier_csv("phuong-hai-chau,dat-dai,2026-10,10,5,3,2,abc,4,3,1,2,2,0"),
     "error", "", "2", "resolved_total",
     "Cột 'resolved_total' (Tổng số đã giải quyết): giá trị 'abc' không phải là số"),
    ("negative.csv", dossier_csv("phuong-hai-chau,dat-dai,2026-10," + GOOD,
                                 "phuong-hai-chau,ho-tich,2026-10,10,5,3,2,8,4,3,1,2,3,-1"),
     "error", "", "3", "pending_overdue", "số âm '-1' không hợp lệ"),
    ("received_sum.csv", dossier_csv("phuong-hai-chau,dat-dai,2026-10,11,5,3,2,9,4,3,2,2,2,0"),
     "error", "", "2", "received_total", "= 11 nhưng 'received_online' + 'received_direct' + 'received_carried_over' = 10 (phải có (3) = (4) + (5) + (6))"),
    ("resolved_sum.csv", dossier_csv("phuong-hai-chau,dat-dai,2026-10,10,5,3,2,8,4,3,0,2,2,0"),
     "error", "", "2", "resolved_total", "= 8 nhưng 'resolved_early' + 'resolved_on_time' + 'resolved_late' = 7 (phải có (7) = (8) + (9) + (10))"),
    ("pending_sum.csv", dossier_csv("phuong-hai-chau,dat-dai,2026-10,10,5,3,2,8,4,3,1,2,1,0"),
     "error", "", "2", "pending_total", "(phải có (11) = (12) + (13))"),
    ("fee_paid_over_fee.csv", dossier_csv("phuong-hai-chau,dat-dai,2026-10," + GOOD + ",0,3,5,0,0,0,0", header=EXTRA_HEADER),
     "error", "", "2", "fee_paid_online",
     "'fee_paid_online' (Hồ sơ thanh toán trực tuyến) = 5 lớn hơn 'fee_dossiers' (Hồ sơ có phí, lệ phí) = 3"),
    ("full_process_over_online.csv", dossier_csv("phuong-hai-chau,dat-dai,2026-10," + GOOD + ",6,0,0,0,0,0,0", header=EXTRA_HEADER),
     "error", "", "2", "received_full_process", "= 6 lớn hơn 'received_online' (Nhận trực tuyến) = 5"),
    ("digitised_over_resolved.csv", dossier_csv("phuong-hai-chau,dat-dai,2026-10," + GOOD + ",0,0,0,0,9,0,0", header=EXTRA_HEADER),
     "error", "", "2", "digitised", "'digitised' (Hồ sơ được số hóa khi tiếp nhận) = 9 lớn hơn 'received_online' (Nhận trực tuyến) + 'received_direct' (Nhận trực tiếp, dịch vụ bưu chính) = 8"),
    ("eresults_over_resolved.csv", dossier_csv("phuong-hai-chau,dat-dai,2026-10," + GOOD + ",0,0,0,12,0,0,0", header=EXTRA_HEADER),
     "error", "", "2", "electronic_results", "= 12 lớn hơn 'resolved_total'"),
    ("late_without_reason_over_late.csv", dossier_csv("phuong-hai-chau,dat-dai,2026-10," + GOOD + ",0,0,0,0,0,2,0", header=EXTRA_HEADER),
     "error", "", "2", "resolved_late_unexcused",
     "= 2 lớn hơn 'resolved_late' (Giải quyết quá hạn) = 1"),
    ("docs_signed_over_total.csv", csv_bytes("unit_code,month,docs_outgoing_total,docs_outgoing_signed_electronic",
                                             ["xa-hoa-vang,2026-10,100,80", "xa-hoa-vang,2026-09,50,51"]),
     "error", "", "3", "docs_outgoing_signed_electronic", "= 51 lớn hơn 'docs_outgoing_total' (Tổng số văn bản đi) = 50"),
    ("tasks_over_due.csv", csv_bytes("unit_code;month;tasks_due;tasks_done_on_time;tasks_done_late;tasks_overdue_open",
                                     ["so-tu-phap;2026-10;10;8;3;0"], sep=";"),
     "error", "", "2", "tasks_done_on_time", "= 11 lớn hơn 'tasks_due' (Nhiệm vụ đến hạn) = 10"),
    ("unknown_unit.csv", dossier_csv("Phường Hải Chou,dat-dai,2026-10," + GOOD),
     "error", "", "2", "unit_code", "Không tìm thấy đơn vị 'Phường Hải Chou'. Có phải: Phường Hải Châu (mã phuong-hai-chau)"),
    ("ambiguous_unit.csv", dossier_csv("Hải Châu,dat-dai,2026-10," + GOOD),
     "error", "", "2", "unit_code", "Tên đơn vị 'Hải Châu' không rõ ràng, có thể là: Phường Hải Châu (mã phuong-hai-chau); Quận Hải Châu (mã quan-hai-chau)"),
    ("unknown_field.csv", dossier_csv("phuong-hai-chau,Đất đai,2026-10," + GOOD, "phuong-hai-chau,Quốc phòng,2026-10," + GOOD),
     "error", "", "3", "field_code", "Không tìm thấy lĩnh vực 'Quốc phòng'"),
    ("before_unit_existed.csv", dossier_csv("phuong-hai-chau,dat-dai,2025-03," + GOOD),
     "error", "", "2", "month", "Tháng 03/2025 nằm ngoài thời gian hoạt động của đơn vị 'Phường Hải Châu' (chỉ tồn tại từ 01/07/2025)"),
    ("after_unit_dissolved.csv", dossier_csv("Quận Hải Châu,dat-dai,2025-10," + GOOD),
     "error", "", "2", "month", "(đã thôi hoạt động sau 30/06/2025)"),
    ("future_month.csv", dossier_csv("phuong-hai-chau,dat-dai,2099-01," + GOOD),
     "error", "", "2", "month", "Tháng 01/2099 ở tương lai"),
    ("bad_month.csv", dossier_csv("phuong-hai-chau,dat-dai,13/2026," + GOOD),
     "error", "", "2", "month", "Tháng '13/2026' không hợp lệ"),
    ("duplicate_rows.csv", dossier_csv("phuong-hai-chau,dat-dai,2026-10," + GOOD, "P. Hải Châu,Đất đai,10/2026," + GOOD),
     "error", "", "3", "field_code", "Trùng đơn vị – lĩnh vực – tháng với dòng 2"),
    ("template_text_cell.xlsx", _template_with_text(),
     "error", "Số liệu", "3", "H", "Cột 'resolved_total' (Tổng số đã giải quyết): giá trị 'mười' không phải là số"),
    ("official_no_period.xlsx", official_form([("Đất đai", GOOD_VALUES)], period_line=None),
     "error", "Biểu 06", "", "tiêu đề", "Không xác định được kỳ báo cáo"),
    ("official_bad_sum.xlsx", official_form([("Đất đai", GOOD_VALUES), ("Hộ tịch", (9, 5, 3, 2, 8, 4, 3, 1, 2, 2, 0))]),
     "error", "Biểu 06", "12", "C", "= 9 nhưng 'received_online' + 'received_direct' + 'received_carried_over' = 10"),
    ("official_two_months.xlsx", official_form([("Đất đai", GOOD_VALUES)],
                                               period_line="Từ ngày 01/09/2026 đến ngày 31/10/2026"),
     "error", "Biểu 06", "", "tiêu đề", "không phải là một tháng"),
    ("no_table.xlsx", workbook_bytes({"Sheet1": [["Báo cáo"], ["không có bảng"]]}),
     "error", "", "", "", "Không nhận ra bảng số liệu"),
    ("returned_dossiers_warning.csv", dossier_csv("phuong-hai-chau,dat-dai,2026-10,10,5,3,2,7,4,3,0,2,2,0"),
     "warning", "", "2", "received_total", "khác đã giải quyết (7) + đang giải quyết (11) = 9; có thể do hồ sơ bị trả lại hoặc rút — cần xác nhận"),
]


def main() -> None:
    CORPUS.mkdir(exist_ok=True)
    for old in CORPUS.iterdir():
        if old.name != "expected.csv":
            old.unlink()
    with open(CORPUS / "expected.csv", "w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["file", "severity", "sheet", "row", "column", "message"])
        for name, data, severity, sheet, row, column, message in CASES:
            (CORPUS / name).write_bytes(data)
            writer.writerow([name, severity, sheet, row, column, message])
    print(f"{len(CASES)} tệp đã ghi vào {CORPUS}")


if __name__ == "__main__":
    main()
