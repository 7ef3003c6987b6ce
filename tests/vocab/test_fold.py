"""Unit search ignores diacritics: what a leader types without Vietnamese keyboard still finds the unit."""

from vocab.fold import fold, matches, search


def test_fold_drops_marks_case_and_extra_spaces():
    assert fold("Phường  Hải Châu") == "phuong hai chau"
    assert fold("Xã Hòa Vang") == "xa hoa vang"
    assert fold("  Sở Tư pháp ") == "so tu phap"


def test_d_with_stroke_becomes_d_in_both_cases():
    assert fold("Đà Nẵng") == "da nang"
    assert fold("phường đông") == "phuong dong"
    assert fold("ĐÔNG") == "dong"


def test_fold_keeps_a_name_already_plain():
    assert fold("Phuong An 2") == "phuong an 2"


def test_decomposed_input_folds_like_composed():
    import unicodedata

    assert fold(unicodedata.normalize("NFD", "Hải Châu")) == fold("Hải Châu") == "hai chau"


def test_search_matches_every_word_anywhere_in_the_name_or_code():
    assert matches("hai chau", "Phường Hải Châu")
    assert matches("chau hai", "Phường Hải Châu")          # word order does not matter
    assert matches("Hải Châu", "Phường Hải Châu")          # typing with marks still works
    assert matches("HAI", "Phường Hải Châu")
    assert matches("dong", "Phường Đông")
    assert matches("phuong-an", "Phường An", "phuong-an")   # the code is searched as well
    assert not matches("hai chau", "Phường Hòa Cường")
    assert not matches("hoa xuan", "Phường Hòa Cường")


def test_an_empty_query_matches_everything():
    assert matches("", "Phường An")
    assert matches(None, "Phường An")
    assert matches("   ", "Phường An")


def test_search_returns_matching_codes_in_the_lists_order():
    units = {"phuong-hai-chau": "Phường Hải Châu", "phuong-hoa-cuong": "Phường Hòa Cường",
             "quan-hai-chau": "Quận Hải Châu", "xa-hoa-vang": "Xã Hòa Vang"}
    assert search(units, "hai chau") == ["phuong-hai-chau", "quan-hai-chau"]
    assert search(units, "phuong hai") == ["phuong-hai-chau"]
    assert search(units, "hoa") == ["phuong-hoa-cuong", "xa-hoa-vang"]
    assert search(units, "") == list(units)
    assert search(units, "khong co") == []
