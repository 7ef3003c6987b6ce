"""Names shown as text, never as Markdown: `plain(text)`.

Everything Streamlit writes with `st.caption`, `st.subheader`, `st.title`, `st.info`,
`st.error`, … is Markdown, and unit, field, file and user names are typed by people we do
not control. A name such as `![x](https://evil/p.png)` would make every visitor's browser
fetch a remote image, `[Bấm vào đây](https://evil)` would plant a link. `plain` escapes
the characters that start Markdown or HTML constructs with a backslash (CommonMark's escape
for any ASCII punctuation), so the text shows exactly as typed:

- `[ ] ! < > ( )` are left to the escapes of `[`, `]`, `<`, `>`: no link, image, autolink or HTML
  can form without them, so names keep their ordinary parentheses;
- `` ` * _ ~ # | $ & { } \\ ``: code, emphasis, headings, tables, LaTeX, entities;
- web and e-mail addresses: GFM turns `https://…`, `www.…` and `a@b.vn` into links by itself,
  and it looks for them in the text *after* escapes are read (seen in Chromium: `https\\://`
  still became a link), so an invisible WORD JOINER (U+2060) goes after the colon of "://",
  after "www" and after "@"; the text reads and copies the same, and no link can form;
- line breaks become spaces (a new line could start a new Markdown block).

Apply it to the name (or to a whole sentence of ours that carries names and no Markdown
of its own), right where it meets Markdown; never to text for files, plotly or widgets'
options, which are not Markdown (plotly has `charts.theme.chart_text`).
"""

from __future__ import annotations

import re

_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|~$&@!])")
_ADDRESS = re.compile(r"(?i)(?<=www)(?=\\?\.)|(?<=:)(?=//)|(?<=@)")
WORD_JOINER = "\u2060"
_BREAKS = re.compile(r"[\r\n\u2028\u2029]+")


def plain(text: object) -> str:
    """`text` as Markdown that renders exactly as `text`, with no link, image, HTML or formatting."""
    out = _BREAKS.sub(" ", str(text))
    out = _SPECIAL.sub(r"\\\1", out)
    return _ADDRESS.sub(WORD_JOINER, out)
