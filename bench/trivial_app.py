"""Streamlit's floor for the pages benchmark: one page, one plotly chart, nothing else (issue 14).

`cli.py bench --only pages` serves this next to the dashboard and compares a fresh browser's time
to its first chart with the dashboard's, in the same run. 23 dots, like a ranking of the wards.
"""

import plotly.graph_objects as go
import streamlit as st

st.set_page_config(page_title="trivial", layout="wide")
st.title("Một biểu đồ")
names = [f"Phường {i}" for i in range(1, 24)]
values = [90 + (i * 37 % 100) / 10 for i in range(23)]
st.plotly_chart(go.Figure(go.Scatter(x=values, y=names, mode="markers")), theme=None)
