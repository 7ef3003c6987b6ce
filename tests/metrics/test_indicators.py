"""The indicator catalogue: each indicator is one entry carrying everything a screen needs."""

from __future__ import annotations

import re

from metrics.indicators import INDICATORS

VIETNAMESE = re.compile(r"[ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ]", re.I)


def test_every_indicator_is_named_and_explained_in_both_languages():
    for ind in INDICATORS:
        assert ind.label_vi and ind.label_en and ind.short_vi and ind.short_en, ind.id
        assert ind.formula_vi and ind.formula_en, ind.id
        assert not VIETNAMESE.search(ind.label_en + ind.short_en + ind.formula_en), ind.id


def test_ids_are_unique():
    ids = [ind.id for ind in INDICATORS]
    assert len(ids) == len(set(ids))
