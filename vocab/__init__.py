"""The domain's vocabulary: periods, unit types and groups, evaluation levels.

Plain types with codes and no words (labels live in `i18n`) and no imports from
`metrics`, so both `metrics` and `i18n` can build on them without a cycle.
"""
