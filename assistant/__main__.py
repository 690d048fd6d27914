"""``python -m assistant``: the ``objector`` command (the language is chosen first)."""

from .i18n.startup import main

main()
