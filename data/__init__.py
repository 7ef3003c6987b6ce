"""Schema migrations, reference data and the demo-data generator."""
