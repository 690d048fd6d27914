"""The objection letters: ``text`` renders a letter from ``templates/<language>/letter.toml``,
``letters`` picks the text an account sends, ``textdocs`` generates ``docs/texts.md`` for review."""
