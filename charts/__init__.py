"""Figure builders (`charts.figures`) and the one visual theme (`charts.theme`)."""
