"""Story comparison: what the articles of one story share and where they differ."""
