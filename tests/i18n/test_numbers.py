from i18n.numbers import NO_DATA, fmt_int, fmt_percent, fmt_points, fmt_signed, fmt_signed_int


def test_vietnamese_number_conventions():
    assert fmt_percent(0.954) == "95,4 %"
    assert fmt_percent(0.98712, 2) == "98,71 %"
    assert fmt_int(1234) == "1.234"
    assert fmt_int(1234567) == "1.234.567"
    assert fmt_points(0.012) == "+1,2 điểm %"
    assert fmt_points(-0.005) == "−0,5 điểm %"
    assert fmt_signed(-2.25, 1) == "−2,2" or fmt_signed(-2.25, 1) == "−2,3"
    assert fmt_signed_int(3) == "+3"


def test_english_conventions_and_no_data():
    assert fmt_percent(0.954, lang="en") == "95.4 %"
    assert fmt_int(1234, lang="en") == "1,234"
    assert fmt_percent(None) == NO_DATA
    assert fmt_percent(float("nan")) == NO_DATA
