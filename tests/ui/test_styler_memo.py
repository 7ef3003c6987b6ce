"""`ui.styler_memo`: a table that shows the same is marshalled once; any shown change is marshalled again."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
from streamlit.testing.v1 import AppTest

from i18n.numbers import fmt_int, fmt_number
from ui import styler_memo
from ui.tables import ScreenTable


def _table(value: float, lang: str = "vi", rank: int | None = 1) -> ScreenTable:
    frame = pd.DataFrame({"Hạng": pd.array([rank, 2], dtype="Int64"), "Đơn vị": ["=A", "B"],
                          "Giá trị": [value, 0.5]})
    return ScreenTable(frame, {"Hạng": lambda v: fmt_int(v, lang), "Giá trị": lambda v: fmt_number(v * 100, 1, lang)})


def _key(table: ScreenTable) -> str:
    return getattr(table.styled(), styler_memo.ATTRIBUTE)


def test_the_key_follows_what_is_shown():
    assert _key(_table(0.954)) == _key(_table(0.954))
    assert _key(_table(0.954)) != _key(_table(0.955))            # a value
    assert _key(_table(0.954)) != _key(_table(0.954, "en"))      # the same value written another way
    assert _key(_table(0.954, rank=None)) != _key(_table(0.954))  # "—" instead of a rank


def _app():
    import pandas as pd
    import streamlit as st

    from ui.tables import ScreenTable, show_table

    value = st.session_state.get("value", 0.954)
    frame = pd.DataFrame({"Giá trị": [value, 0.5], "Đơn vị": ["A", "B"]})
    show_table(ScreenTable(frame, {"Giá trị": lambda v: f"{v * 100:.1f}".replace(".", ",") + " %"}), key="t")


def _shown(at: AppTest) -> list[str]:
    data = at.dataframe[0].proto.arrow_data.styler.display_values
    return pa.ipc.open_stream(data).read_all().to_pandas().iloc[:, 0].tolist()


def test_a_rerun_reuses_the_marshalled_table_and_a_change_does_not(monkeypatch):
    styler_memo.forget()
    assert styler_memo.install()
    calls = []
    real = styler_memo._original
    monkeypatch.setattr(styler_memo, "_original", lambda *a: calls.append(1) or real(*a))
    at = AppTest.from_function(_app).run()
    first = _shown(at)
    at.run()
    assert calls == [1]
    assert _shown(at) == first == ["95,4 %", "50,0 %"]
    at.session_state["value"] = 0.7
    at.run()
    assert calls == [1, 1]
    assert _shown(at) == ["70,0 %", "50,0 %"]
