"""Indicators, periods, rankings and evaluation: pure functions over SQL, no UI."""
