"""The ``objector`` command's first step: choose the language before the commands are built.

``assistant.cli`` builds its Typer app when it is imported, and its help texts are translated
then (``help=_("…")``), so the language must be in use before that import. ``main`` (the console
script and ``python -m assistant``) takes ``--ui-lang L`` out of the command line, wherever it is,
chooses the language and only then imports the CLI.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping, Sequence

from ..errors import UserError
from .languages import ENV_VARIABLE, OPTION, PSEUDO, SUPPORTED

_prepared = False


def split_option(args: Sequence[str]) -> tuple[list[str], str | None]:
    """``args`` without ``--ui-lang L`` / ``--ui-lang=L`` (the last one given wins), and its value.

    Arguments after ``--`` are left alone. A ``--ui-lang`` without a value is left in place, for
    the command line's own error.
    """
    rest: list[str] = []
    value: str | None = None
    index = 0
    while index < len(args):
        arg = args[index]
        if arg == "--":
            rest.extend(args[index:])
            break
        if arg.startswith(OPTION + "="):
            value = arg[len(OPTION) + 1 :]
        elif arg == OPTION and index + 1 < len(args):
            value = args[index + 1]
            index += 1
        else:
            rest.append(arg)
        index += 1
    return rest, value


def prepare(argv: Sequence[str], environ: Mapping[str, str] | None = None) -> list[str]:
    """Choose the language for this process and start speaking it; ``argv`` without ``--ui-lang``.

    Only the first call chooses; later calls only take the option out. An unsupported
    ``--ui-lang`` or OBJECTOR_UI_LANGUAGE is a UserError.
    """
    global _prepared
    rest, override = split_option(list(argv[1:]))
    if not _prepared:
        from . import choose, use

        chosen = choose(override, _with_dotenv(environ))
        use(chosen.code, chosen)
        _prepared = True
    return [*argv[:1], *rest]


def _with_dotenv(environ: Mapping[str, str] | None) -> Mapping[str, str] | None:
    """The environment, plus OBJECTOR_UI_LANGUAGE from a ``.env`` file in the current folder when
    the environment does not set it (as every other setting is read; the environment wins)."""
    import os
    from pathlib import Path

    env = os.environ if environ is None else environ
    dotenv = Path.cwd() / ".env" if environ is None else None
    if ENV_VARIABLE in env or dotenv is None:
        return environ
    try:
        if not dotenv.is_file() or dotenv.stat().st_size > 1_000_000:  # never a pipe, never a huge file
            return environ
        from dotenv import dotenv_values

        value = dotenv_values(dotenv).get(ENV_VARIABLE)
    except (OSError, UnicodeDecodeError, ValueError):
        return environ  # the settings' own reading of .env names the problem
    return {**env, ENV_VARIABLE: value} if value else environ


def begin() -> None:
    """``prepare`` on ``sys.argv``; a bad language is one line and exit code 2."""
    try:
        sys.argv[:] = prepare(sys.argv)
    except UserError as exc:
        print(f"objector: {exc}", file=sys.stderr)
        sys.exit(exc.exit_code)


def help_epilog() -> str:
    """The line of ``objector --help`` that says how to choose the language."""
    from . import _

    return _(
        "Language of these texts: {option} LANG on any command, else {variable}, else the system's ({codes})."
    ).format(option=OPTION, variable=ENV_VARIABLE, codes=", ".join(c for c in SUPPORTED if c != PSEUDO))


def main() -> None:
    """Entry point of the ``objector`` command: the language first, then the CLI."""
    begin()
    from ..cli import main as cli_main

    cli_main()
