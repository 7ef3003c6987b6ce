"""Exports: chart images via kaleido (PNG/SVG/PDF), the briefing pack (PPTX, PDF, PNG zip, XLSX).

Frames come from `metrics`, figures from `charts.figures`; nothing here queries
facts or formats numbers on its own.
"""
