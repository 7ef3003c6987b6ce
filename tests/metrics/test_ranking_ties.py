"""What a ranking chart draws: N with ties kept whole, worst first, the middle elided with a count."""

import pandas as pd
import pytest

from metrics.ranking import (
    SHOW_BOTTOM,
    SHOW_TOP,
    in_view_order,
    ranking_view,
    shared_ranks,
    with_ties,
    worst_with_ties,
)

# 11 units; three share rank 8 (like the "10 đứng đầu" showing 3 of 11 tied at rank 8).
RANKS = [1, 2, 3, 4, 5, 6, 7, 8, 8, 8, 11]


def frame(ranks=RANKS) -> pd.DataFrame:
    return pd.DataFrame({"rank": pd.array(ranks, dtype="Int64"),
                         "unit_name": [f"U{i:02d}" for i in range(len(ranks))],
                         "status": "ranked"})


def test_the_first_n_never_cut_a_tie():
    ranks = frame()["rank"]
    assert with_ties(ranks, 8) == 10   # rank 8 is shared by rows 8, 9, 10: all three come along
    assert with_ties(ranks, 9) == 10
    assert with_ties(ranks, 7) == 7    # no tie at the boundary: exactly n
    assert with_ties(ranks, 20) == 11
    assert with_ties(ranks, 0) == 0


def test_the_last_n_never_cut_a_tie():
    ranks = frame()["rank"]
    assert worst_with_ties(ranks, 1) == 1   # rank 11 alone
    assert worst_with_ties(ranks, 2) == 4   # the 2nd worst is a rank-8 unit: its two ties come along
    assert worst_with_ties(ranks, 5) == 5   # boundary at rank 7: no tie
    assert worst_with_ties(ranks, 50) == 11


def test_shared_ranks_lists_each_tie_once():
    assert shared_ranks(pd.Series(pd.array([1, 2, 2, 4, 5, 5, 5, None], dtype="Int64"))) == ((2, 2), (5, 3))
    assert shared_ranks(pd.Series(pd.array([1, 2, 3], dtype="Int64"))) == ()


def test_top_ten_keeps_the_three_tied_at_rank_eight():
    view = ranking_view(frame(), SHOW_TOP, "10", limit=60)
    assert list(view.frame["rank"]) == [1, 2, 3, 4, 5, 6, 7, 8, 8, 8]
    assert view.ties == ((8, 3),)
    assert view.hidden == 0 and view.break_after is None


def test_bottom_is_worst_first_and_keeps_ties():
    view = ranking_view(frame(), SHOW_BOTTOM, "2", limit=60)
    assert list(view.frame["rank"]) == [11, 8, 8, 8]   # worst on top, 4 rows for N = 2
    assert view.ties == ((8, 3),)


def test_all_over_the_limit_elides_the_middle_and_counts_it():
    ranks = list(range(1, 101))  # 100 units, no ties
    view = ranking_view(frame(ranks), SHOW_TOP, "all", limit=60)
    assert len(view.frame) == 60
    assert view.hidden == 40
    assert view.break_after == 30
    assert list(view.frame["rank"])[29:31] == [30, 71]  # the break sits between rank 30 and 71


def test_elision_keeps_ties_at_both_edges():
    ranks = [*range(1, 30), 30, 30, 30, *range(33, 71), 71, 71, *range(73, 101)]
    assert len(ranks) == 100
    view = ranking_view(frame(ranks), SHOW_TOP, "all", limit=60)
    shown = list(view.frame["rank"])
    assert shown[:32] == [*range(1, 30), 30, 30, 30]            # 30 asked, the tie at 30 makes 32
    assert shown[32:] == [71, 71, *range(73, 101)]              # 30 asked from the end, the tie at 71 makes 30
    assert view.hidden == 100 - 62 and view.break_after == 32


def test_all_worst_first_puts_the_break_after_the_worst_block():
    view = ranking_view(frame(list(range(1, 101))), SHOW_BOTTOM, "all", limit=60)
    assert list(view.frame["rank"])[:2] == [100, 99]
    assert view.break_after == 30
    assert list(view.frame["rank"])[29:31] == [71, 30]


def test_all_under_the_limit_draws_everyone():
    view = ranking_view(frame(), SHOW_TOP, "all", limit=60)
    assert len(view.frame) == 11 and view.hidden == 0


def test_table_order_follows_the_chart():
    table = pd.DataFrame({"rank": pd.array([1, 2, None], dtype="Int64"), "unit_name": ["A", "B", "C"],
                          "status": ["ranked", "ranked", "too_few"]})
    assert list(in_view_order(table, SHOW_BOTTOM)["unit_name"]) == ["B", "A", "C"]  # unranked stay last
    assert list(in_view_order(table, SHOW_TOP)["unit_name"]) == ["A", "B", "C"]


@pytest.mark.parametrize("n", ["5", "10", "20"])
def test_n_is_at_least_what_was_asked(n):
    view = ranking_view(frame(list(range(1, 31))), SHOW_TOP, n, limit=60)
    assert len(view.frame) == int(n)
