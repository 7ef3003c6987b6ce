"""Hostile names through every surface (issue 13 §5, §7): refused on entry, inert in files, text on screen.

Names are typed by people we do not control: an administrator's unit or field name, a
user's display name, a provider's "name" claim, an uploaded file's name. The same
hostile names go through

- entry (the one name rule, `vocab.names`): refused with a Vietnamese sentence;
- the files we write (the pack workbook, the audit CSV): never a formula cell;
- a page (AppTest): the names already in a database (written before the rule, or by a
  reference file) appear escaped, with nothing left that Markdown could make a link of;
- a figure: no `<a` and no `<img` in its JSON.
"""

from __future__ import annotations

import io
import json
import re

import pandas as pd
import pytest
import streamlit as st
from openpyxl import load_workbook

from auth import admin, audit
from auth.oidc import claim_display_name
from auth.roles import Role
from auth.users import UserError, authenticate, create_user
from i18n.catalogue import error_text
from i18n.cells import FORMULA_LEADS
from store import open_store
from tests.auth import conftest as auth_fixtures
from tests.factories import add_batch, add_dossiers, add_field, add_target, add_unit, resolved
from ui.text import plain
from vocab.errors import UserFacingError
from vocab.names import check_name

EVIL = "evil.example"
IMAGE = f"![x](https://{EVIL}/p.png)"
LINK = f"[Bấm vào đây](https://{EVIL}/login)"
ANCHOR = f'<a href="https://{EVIL}">Phường Ác</a>'
PICTURE = f"<img src=https://{EVIL}/i.png>"
FORMULA = f'=HYPERLINK("https://{EVIL}","Phường Hải Châu")'
HOSTILE = [IMAGE, LINK, ANCHOR, PICTURE, FORMULA, "+1", "-2+3", "@SUM(A1)", "Phường\nMới", "Phường\u202eMới",
           f"Phường https://{EVIL}", "Phường `mã`", "Phường {x}", "Phường \\ Mới", "Phường | Mới", "x" * 201]
REAL = ["Phường Hải Châu", "Sở Nông nghiệp và Môi trường", "Ban Quản lý Khu công nghệ cao (Đà Nẵng)",
        "Sở Lao động - Thương binh và Xã hội", "Sở Văn hóa, Thể thao và Du lịch", "Đầu tư (đầu tư công)",
        "UBND xã Hòa Vang / Tổ 1.", "Sở Giáo dục & Đào tạo", "Xã Đất – đai: 'thí điểm' 50%"]


# The sign-in tests' fixtures: an in-memory store, and cheap argon2 for every test here.
store = auth_fixtures.store
fast_password_hashing = auth_fixtures.fast_password_hashing


# --- entry: the one name rule ----------------------------------------------------------------

@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_names_are_refused_everywhere_they_are_typed(store, name):
    add_field(store, "ho-tich", "Hộ tịch")
    add_unit(store, "phuong-an", "ward", "Phường An")
    attempts = [
        lambda: admin.add_unit(store, "boss", "phuong-moi", name, "ward"),
        lambda: admin.rename_unit(store, "boss", "phuong-an", name),
        lambda: admin.add_field(store, "boss", "linh-vuc-moi", name),
        lambda: admin.rename_field(store, "boss", "ho-tich", name),
        lambda: admin.add_field_alias(store, "boss", name, "ho-tich"),
        lambda: create_user(store, "lan", Role.VIEWER, "Mật-khẩu-đủ-dài-2026", name),
    ]
    for attempt in attempts:
        with pytest.raises(UserFacingError) as refused:
            attempt()
        assert refused.value.key and refused.value.key.startswith("name_"), refused.value
        assert refused.value.message.startswith("Tên ")  # a Vietnamese sentence
        assert EVIL not in refused.value.message  # the refusal never echoes the name
        english = error_text(refused.value, "en")
        assert english.startswith(("A name", "The name")), english
    assert store.cursor().execute("SELECT name FROM units ORDER BY code").fetchall() == [("Phường An",)]
    assert store.cursor().execute("SELECT name FROM fields").fetchall() == [("Hộ tịch",)]
    assert store.cursor().execute("SELECT count(*) FROM users").fetchone() == (0,)


def test_the_refusal_of_an_admin_form_is_an_admin_error_and_of_an_account_a_user_error(store):
    with pytest.raises(admin.AdminError, match="không được chứa"):
        admin.add_unit(store, "boss", "phuong-moi", IMAGE, "ward")
    with pytest.raises(UserError, match="Tên hiển thị"):
        create_user(store, "lan", Role.VIEWER, "Mật-khẩu-đủ-dài-2026", FORMULA)


@pytest.mark.parametrize("name", REAL)
def test_real_vietnamese_names_pass(store, name):
    assert check_name(f"  {name} ", "đơn vị") == name
    admin.add_unit(store, "boss", "u1", name, "ward")
    admin.add_field(store, "boss", "f1", name)
    assert create_user(store, "lan", Role.VIEWER, "Mật-khẩu-đủ-dài-2026", name).display_name == name


def test_a_provider_name_that_breaks_the_rule_falls_back_to_the_user_name():
    claims = {"sub": "x", "email": "lan@danang.gov.vn", "email_verified": True}
    assert claim_display_name({**claims, "name": "Nguyễn Thị Lan"}) == "Nguyễn Thị Lan"
    shown = claim_display_name({**claims, "name": LINK})
    assert EVIL not in shown and shown


# --- files: no formula cell ------------------------------------------------------------------

def assert_no_live_cell(value: object) -> None:
    assert not (isinstance(value, str) and value.startswith(FORMULA_LEADS) and value != "-"), repr(value)


def hostile_db(path) -> None:
    """Units and a field already holding hostile names (written before the rule, or by a reference file)."""
    store = open_store(path)
    add_field(store, "ho-tich", f"=Hộ tịch {PICTURE}")
    add_target(store, "on_time_rate", 2026, 0.95)
    batch = add_batch(store, "=x.csv")
    names = {"phuong-a": IMAGE, "phuong-b": LINK, "phuong-c": ANCHOR, "phuong-d": FORMULA, "phuong-e": "@SUM(A1)"}
    for i, (code, name) in enumerate(names.items()):
        add_unit(store, code, "ward", name)
        add_dossiers(store, batch, code, "2026-10", field="ho-tich", received_total=100, received_direct=100,
                     **resolved(100, 99 - 5 * i))
    add_unit(store, "phuong-f", "ward", f"-Phường không báo cáo {LINK}")
    store.close()


def test_the_pack_workbook_has_no_formula_cell(tmp_path):
    from exports.pack import pack_content
    from exports.xlsx import write_workbook
    from vocab.periods import Period

    hostile_db(tmp_path / "h.duckdb")
    store = open_store(tmp_path / "h.duckdb")
    content = pack_content(store.cursor(), Period.parse("2026-10"))
    store.close()
    wb = load_workbook(io.BytesIO(write_workbook(content.sheets)))
    seen = []
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                assert_no_live_cell(cell.value)
                seen.append(cell.value)
    assert "'" + FORMULA in seen and "'@SUM(A1)" in seen


def test_the_audit_csv_has_no_live_formula(store):
    # A name typed into the sign-in box by anyone, and an actor name an identity provider sent.
    assert not authenticate(store, FORMULA, "sai").ok
    audit.record(store.cursor(), FORMULA, "sign_in", FORMULA, detail=f"-{FORMULA}")
    events = audit.list_events(store.cursor())
    back = pd.read_csv(io.BytesIO(audit.events_csv(events)), encoding="utf-8-sig", keep_default_na=False)
    for value in back.to_numpy().ravel():
        assert_no_live_cell(value)
    assert "'" + FORMULA in set(back["actor"])


# --- figures: plotly text --------------------------------------------------------------------

def test_a_figure_carries_no_link_and_no_image():
    from charts.figures import comparison_bars, field_late_bars, heatmap, ranking_bar
    from metrics.indicators import get_indicator

    ind = get_indicator("on_time_rate")
    names = [ANCHOR, PICTURE, IMAGE]
    n = len(names)
    ranking = pd.DataFrame({"rank": range(1, n + 1), "unit_name": names, "value": [0.9] * n,
                            "target": [0.95] * n, "band": ["below"] * n, "rank_change": [0] * n})
    title = f"{ind.label('vi')}<br>Phường · tháng 10/2026 · {ANCHOR}"
    figs = [
        ranking_bar(ranking, ind, title, f"Nguồn {PICTURE}"),
        heatmap(pd.DataFrame({"unit_name": names, "month": ["2026-10-01"] * n, "value": [0.9] * n,
                              "band": ["below"] * n}), ind, title),
        comparison_bars(pd.DataFrame({"label": names, "value": [0.9] * n, "target": [0.95] * n}),
                        [("value", ANCHOR)], title),
        field_late_bars(pd.DataFrame({"field_name": names, "late": [3] * n}), [("late", PICTURE)], title),
    ]
    for fig in figs:
        text = fig.to_json()
        assert "<a" not in text and "<img" not in text, text[:300]
        assert "<br>" in fig.layout.title.text  # our own line breaks (wrapping included) stay line breaks
        assert "&lt;a" in text


# --- pages: names render as text -------------------------------------------------------------

MARKDOWN_ELEMENTS = ("title", "header", "subheader", "caption", "markdown", "info", "warning", "error", "success")


def markdown_with_names(at) -> list[str]:
    out = [e.value for kind in MARKDOWN_ELEMENTS for e in at.get(kind) if EVIL in str(e.value)]
    out += [e.label for e in at.get("expander") if EVIL in str(e.label)]
    return out


def live_markup(markdown: str) -> list[str]:
    """What Markdown could still make a link, an image or HTML of.

    Constructs (`](`, `<`, a backtick) are looked for once backslash escapes are set aside; GFM's
    bare addresses in the text as it reads *after* the escapes (Chromium showed that `https\\://`
    still becomes a link).
    """
    constructs = re.sub(r"\\.", "·", markdown)
    read = re.sub(r"\\(.)", r"\1", markdown)
    found = [s for s in ("](", "<", ">", "`") if s in constructs]
    return found + re.findall(r"(?i)https?://|www\.|[\w.+-]@[\w-]", read)


@pytest.fixture
def hostile_app(tmp_path, monkeypatch):
    hostile_db(tmp_path / "h.duckdb")
    monkeypatch.setenv("DASHBOARD_DB", str(tmp_path / "h.duckdb"))
    st.cache_resource.clear()
    st.cache_data.clear()
    yield
    st.cache_resource.clear()
    st.cache_data.clear()


def test_a_page_shows_hostile_names_as_text(hostile_app):
    from tests.ui.conftest import figures, open_page

    at = open_page("rankings", {"period": "2026-10", "group": "ward", "field": "ho-tich"})
    assert not at.exception, [e.value for e in at.exception]
    shown = markdown_with_names(at)
    assert shown, "the hostile names should reach the page's text"
    for markdown in shown:
        assert live_markup(markdown) == [], markdown
    captions = [c.value for c in at.caption]
    assert any(plain(f"=Hộ tịch {PICTURE}") in c for c in captions), captions  # the field, in the header line
    assert any(plain(f"-Phường không báo cáo {LINK}") in c for c in captions), captions  # units without data
    for spec in figures(at):
        text = json.dumps(spec)
        assert "<a" not in text and "<img" not in text


def test_the_unit_profile_shows_a_hostile_unit_name_as_text(hostile_app):
    from tests.ui.conftest import figures, open_page

    at = open_page("unit_profile", {"period": "2026-10", "group": "ward", "unit": "phuong-a"})
    assert not at.exception, [e.value for e in at.exception]
    assert any(plain(IMAGE) in s.value for s in at.subheader), [s.value for s in at.subheader]
    for markdown in markdown_with_names(at):
        assert live_markup(markdown) == [], markdown
    for spec in figures(at):
        text = json.dumps(spec)
        assert "<a" not in text and "<img" not in text


def test_plain_keeps_ordinary_names_and_breaks_every_markdown_construct():
    assert plain("Ban Quản lý Khu công nghệ cao (Đà Nẵng)") == "Ban Quản lý Khu công nghệ cao (Đà Nẵng)"
    for name in (IMAGE, LINK, ANCHOR, PICTURE, f"www.{EVIL}", "lan@danang.gov.vn", ":red[đỏ]", "`x`"):
        assert live_markup(plain(name)) == [], plain(name)
    assert "\n" not in plain("a\n# b")


def test_the_admin_page_refuses_a_hostile_unit_name_with_the_sentence(store, monkeypatch):
    from pathlib import Path

    from streamlit.testing.v1 import AppTest

    import ui.state
    from auth.sessions import start_session

    monkeypatch.delenv("DASHBOARD_OPEN_VIEWING", raising=False)
    create_user(store, "boss", Role.ADMIN, "Mật-khẩu-đủ-dài-2026", "Boss")
    monkeypatch.setattr(ui.state, "get_store", lambda: store)
    at = AppTest.from_file(str(Path(__file__).resolve().parents[2] / "pages" / "admin.py"), default_timeout=60)
    at.session_state["auth_session"] = start_session("boss", "Boss", Role.ADMIN)
    at.run()
    at.text_input(key="unit_code").input("phuong-moi")
    at.text_input(key="unit_name").input(IMAGE)
    next(b for b in at.button if b.label == "Thêm đơn vị").click().run()
    assert not at.exception, [e.value for e in at.exception]
    errors = [e.value for e in at.error]
    assert any("không được chứa" in e for e in errors), errors
    assert all(live_markup(e) == [] for e in errors), errors  # the sentence lists < > [ ] … as text
    assert store.cursor().execute("SELECT count(*) FROM units WHERE code = 'phuong-moi'").fetchone() == (0,)
