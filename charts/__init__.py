"""Figure builders (`charts.figures`) and the one visual theme (`charts.theme`)."""

from charts import plotly_paths  # noqa: F401  (caches plotly's property-path parsing for every figure)
