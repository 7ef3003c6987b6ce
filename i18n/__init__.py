"""Vietnamese-first text and number formatting, shared by pages, charts, exports and the CLI."""
