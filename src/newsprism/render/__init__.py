"""Renderers: turn records into JSON Lines, terminal text, and (later) Markdown and HTML."""
