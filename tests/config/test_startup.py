"""An invalid setting stops the command line before any work, with the sentence that names it."""

from __future__ import annotations

import cli


def test_cli_refuses_to_start_on_a_typo(monkeypatch, capsys, tmp_path):
    monkeypatch.setenv("DASHBOARD_SSO_UNKNOWN_USERS", "veiwer")
    assert cli.main(["--db", str(tmp_path / "never.duckdb"), "init"]) == cli.EXIT_REFUSED
    err = capsys.readouterr().err
    assert "DASHBOARD_SSO_UNKNOWN_USERS='veiwer'" in err and "viewer hoặc refuse" in err
    assert not (tmp_path / "never.duckdb").exists()  # refused before opening anything


def test_python_m_config_lists_each_setting_and_where_it_comes_from(monkeypatch, capsys):
    from config.__main__ import main

    monkeypatch.setenv("DASHBOARD_OPEN_VIEWING", "false")
    assert main([]) == 0
    line = next(x for x in capsys.readouterr().out.splitlines() if x.startswith("DASHBOARD_OPEN_VIEWING"))
    assert line.split() == ["DASHBOARD_OPEN_VIEWING", "env", "False"]
    monkeypatch.setenv("DASHBOARD_OPEN_VIEWING", "nope")
    assert main([]) == 1  # refused, as the CLI does
