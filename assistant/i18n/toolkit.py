"""Click's and Typer's own words ("Usage:", "Show this message and exit.", error lines) in our language.

Typer's modules take ``_`` from the standard library's gettext; they are pointed at ours. Typer
also carries its own copy of Click (``typer._click``) whose messages are plain English f-strings:
those few are replaced here by the same messages through ``_`` (the msgids are below, so they are
in objector's catalogue). A standalone ``click`` package, where one is used, is pointed at ours
like Typer. Modules are fixed when they are imported (an import hook), or at once if they
already are, so nothing is imported early and ``objector --version`` stays quick.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import re
import sys
from collections.abc import Callable, Sequence
from types import ModuleType
from typing import Any

from . import N_, _, ngettext

#: Modules that import ``gettext``/``ngettext`` from the standard library under these names.
_GETTEXT_USERS = (
    "typer.core",
    "typer.main",
    "typer.rich_utils",
    "click.core",
    "click.decorators",
    "click.exceptions",
    "click.formatting",
    "click.parser",
    "click.shell_completion",
    "click.termui",
    "click.types",
    "click.utils",
)
_VENDORED = ("typer._click.formatting", "typer._click.decorators", "typer._click.exceptions")
WATCHED = frozenset((*_GETTEXT_USERS, *_VENDORED))

#: typer.rich_utils' messages, translated once when it is imported: the English originals.
_RICH_CONSTANTS: dict[str, str] = {}

#: The English messages that typer's copy of Click builds with f-strings, and ours for them.
_PATTERNS: tuple[tuple[re.Pattern[str], Callable[[dict[str, str]], str]], ...] = (
    (
        re.compile(r"Got unexpected extra argument\(s\) \((?P<arguments>.*)\)", re.S),
        lambda g: _("Got unexpected extra argument(s) ({arguments})").format(**g),
    ),
    (
        re.compile(r"Option (?P<name>'.*') does not take a value\.", re.S),
        lambda g: _("Option {name} does not take a value.").format(**g),
    ),
    (
        re.compile(r"Option (?P<name>'.*') requires (?:an argument|(?P<count>\d+) arguments)\.", re.S),
        lambda g: ngettext(
            "Option {name} requires an argument.",
            "Option {name} requires {count} arguments.",
            int(g["count"] or 1),
        ).format(**g),
    ),
    (
        re.compile(r"Argument (?P<name>'.*') takes (?P<count>\d+) values\.", re.S),
        lambda g: ngettext(
            "Argument {name} takes {count} value.", "Argument {name} takes {count} values.", int(g["count"])
        ).format(**g),
    ),
    (
        re.compile(r"No such option: (?P<name>.*)", re.S),
        lambda g: _("No such option: {name}").format(**g),
    ),
)

_MISSING = {
    "option": N_("Missing option{hint}."),
    "argument": N_("Missing argument{hint}."),
    "parameter": N_("Missing parameter{hint}."),
}


def translated(message: str) -> str:
    """One of Click's English messages in the language in use (others are returned as they are)."""
    for pattern, make in _PATTERNS:
        match = pattern.fullmatch(message)
        if match:
            return make(match.groupdict())
    return message


def follow() -> None:
    """Fix the watched modules already imported, and the others as they are imported."""
    for name in WATCHED:
        module = sys.modules.get(name)
        if module is not None:
            fix(module)
    if not any(isinstance(finder, _Watcher) for finder in sys.meta_path):
        sys.meta_path.insert(0, _Watcher())


def fix(module: ModuleType) -> None:
    name = module.__name__
    if name in _GETTEXT_USERS:
        if callable(getattr(module, "_", None)):
            module._ = _  # type: ignore[attr-defined]
        if callable(getattr(module, "ngettext", None)):
            module.ngettext = ngettext  # type: ignore[attr-defined]
        if name == "typer.rich_utils":
            _fix_rich_utils(module)
    elif name == "typer._click.formatting":
        _fix_formatting(module)
    elif name == "typer._click.decorators":
        _fix_decorators(module)
    elif name == "typer._click.exceptions":
        _fix_exceptions(module)


def _fix_rich_utils(module: ModuleType) -> None:
    names = (
        "DEPRECATED_STRING",
        "DEFAULT_STRING",
        "ENVVAR_STRING",
        "REQUIRED_LONG_STRING",
        "ARGUMENTS_PANEL_TITLE",
        "OPTIONS_PANEL_TITLE",
        "COMMANDS_PANEL_TITLE",
        "ERRORS_PANEL_TITLE",
        "ABORTED_TEXT",
        "RICH_HELP",
    )
    for name in names:
        if isinstance(getattr(module, name, None), str):
            original = _RICH_CONSTANTS.setdefault(name, getattr(module, name))
            setattr(module, name, _(original))


def _fix_formatting(module: ModuleType) -> None:
    cls = getattr(module, "HelpFormatter", None)
    original = getattr(cls, "write_usage", None)
    if cls is None or original is None or getattr(original, "_objector", False):
        return

    def write_usage(self: Any, prog: str, args: str = "", prefix: str | None = None) -> None:
        if prefix is None:
            prefix = _("Usage:") + " "
        original(self, prog, args, prefix)

    write_usage._objector = True  # type: ignore[attr-defined]
    cls.write_usage = write_usage


def _fix_decorators(module: ModuleType) -> None:
    original = getattr(module, "help_option", None)
    if original is None or getattr(original, "_objector", False):
        return

    def help_option(param_decls: list[str]) -> Callable[[Any], Any]:
        add = original(param_decls)

        def apply(command: Any) -> Any:
            command = add(command)
            command.params[-1].help = _("Show this message and exit.")
            return command

        return apply

    help_option._objector = True  # type: ignore[attr-defined]
    module.help_option = help_option  # type: ignore[attr-defined]


def _fix_exceptions(module: ModuleType) -> None:
    click_exception = getattr(module, "ClickException", None)
    usage_error = getattr(module, "UsageError", None)
    bad_parameter = getattr(module, "BadParameter", None)
    missing = getattr(module, "MissingParameter", None)
    no_such_option = getattr(module, "NoSuchOption", None)
    file_error = getattr(module, "FileError", None)
    if None in (click_exception, usage_error, bad_parameter, missing, no_such_option, file_error):
        return
    if getattr(click_exception.show, "_objector", False):  # type: ignore[union-attr]
        return
    from typer._click._compat import get_text_stderr
    from typer._click.utils import echo

    join_hints: Callable[[Any], str | None] = module._join_param_hints

    def error_line(self: Any) -> str:
        return _("Error: {message}").format(message=translated(self.format_message()))

    def click_show(self: Any, file: Any = None) -> None:
        echo(error_line(self), file=file or get_text_stderr(), color=self.show_color)

    def usage_show(self: Any, file: Any = None) -> None:
        file = file or get_text_stderr()
        color = None
        hint = ""
        if self.ctx is not None and self.ctx.command.get_help_option(self.ctx) is not None:
            hint = (
                _("Try '{command} {option}' for help.").format(
                    command=self.ctx.command_path, option=self.ctx.help_option_names[0]
                )
                + "\n"
            )
        if self.ctx is not None:
            color = self.ctx.color
            echo(f"{self.ctx.get_usage()}\n{hint}", file=file, color=color)
        echo(error_line(self), file=file, color=color)

    def hint_of(self: Any) -> str | None:
        if self.param_hint is not None:
            return join_hints(self.param_hint)
        if self.param is not None:
            return join_hints(self.param.get_error_hint())
        return None

    def bad_parameter_message(self: Any) -> str:
        hint = hint_of(self)
        if hint is None:
            return _("Invalid value: {message}").format(message=translated(self.message))
        return _("Invalid value for {hint}: {message}").format(hint=hint, message=translated(self.message))

    def missing_message(self: Any) -> str:
        hint = hint_of(self)
        param_type = self.param_type
        if param_type is None and self.param is not None:
            param_type = self.param.param_type_name
        message = self.message
        if self.param is not None:
            extra = self.param.get_missing_message(ctx=self.ctx)
            if extra:
                message = f"{message}. {extra}" if message else extra
        text = _(_MISSING.get(str(param_type), _MISSING["parameter"])).format(hint=f" {hint}" if hint else "")
        return f"{text} {message}" if message else text

    def no_such_option_message(self: Any) -> str:
        message = translated(self.message)
        if not self.possibilities:
            return message
        options = ", ".join(sorted(self.possibilities))
        return f"{message} " + _("(Possible options: {options})").format(options=options)

    def file_message(self: Any) -> str:
        name = repr(self.ui_filename)
        return _("Could not open file {name}: {message}").format(name=name, message=self.message)

    click_show._objector = True  # type: ignore[attr-defined]
    click_exception.show = click_show  # type: ignore[union-attr]
    usage_error.show = usage_show  # type: ignore[union-attr]
    bad_parameter.format_message = bad_parameter_message  # type: ignore[union-attr]
    missing.format_message = missing_message  # type: ignore[union-attr]
    no_such_option.format_message = no_such_option_message  # type: ignore[union-attr]
    file_error.format_message = file_message  # type: ignore[union-attr]


class _FixingLoader(importlib.abc.Loader):
    """Runs a module's own loader, then fixes the module."""

    def __init__(self, loader: importlib.abc.Loader) -> None:
        self._loader = loader

    def __getattr__(self, name: str) -> Any:  # get_source, get_code, is_package: the module's own
        return getattr(self._loader, name)

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType | None:
        return self._loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        self._loader.exec_module(module)
        fix(module)


class _Watcher(importlib.abc.MetaPathFinder):
    """Finds the watched modules with the other finders and has them fixed once loaded."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if fullname not in WATCHED:
            return None
        for finder in sys.meta_path:
            if finder is self or not hasattr(finder, "find_spec"):
                continue
            spec = finder.find_spec(fullname, path, target)
            if spec is not None:
                if spec.loader is not None:
                    spec.loader = _FixingLoader(spec.loader)
                return spec
        return None
