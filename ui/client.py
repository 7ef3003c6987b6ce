"""What the visitor's browser says about itself (read from the page's request, never stored)."""

from __future__ import annotations

import streamlit as st


def is_phone() -> bool:
    """True when the browser says it is a phone: "Mobi" in its User-Agent, the test MDN recommends.

    Pages that have a phone form of a figure (Xếp hạng) then send only that form, and a desktop
    browser does not receive the phone-only figures: the work and the bytes of the form a screen
    never shows are saved, and a phone never flashes the wide form. Tablets and desktops say no
    "Mobi" and get the wide forms (with CSS fallbacks for a narrow window). No header (tests,
    scripts): not a phone.
    """
    try:
        agent = st.context.headers.get("User-Agent") or ""
    except Exception:
        return False
    return "Mobi" in agent
