"""User-facing texts outside Qt: one message, three languages (French first).

Owns the language choice for the CLI and the services and the small catalogue type that the
domain rules and the operational errors use. Must never import Qt: the desktop UI translates
its own widgets with Qt's ``.ts``/``.qm`` files, and shows these messages as they come.
"""

from __future__ import annotations

import os
import string
import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Literal, get_args

Lang = Literal["fr", "ar", "en"]
LANGS: tuple[Lang, ...] = get_args(Lang)
DEFAULT_LANG: Lang = "fr"


# Characters that would split a one-line message or drive the terminal: control characters
# (newline, carriage return, ESC…), line and paragraph separators, and the bidirectional
# embeddings, overrides and isolates (which can make a file name read as another one).
_BIDI_CONTROLS = frozenset(chr(c) for c in (*range(0x202A, 0x202F), *range(0x2066, 0x206A)))


def printable(value: object) -> str:
    """``value`` as text safe for one line of output: unsafe characters shown escaped.

    The one helper for anything a person supplied (a file name, a receipt number typed on the
    command line) that is printed, shown in a message or written to a log line. Printable
    text in any script, Arabic included, is left as it is.
    """
    text = str(value)
    return "".join(_escaped(ch) for ch in text)


def _escaped(ch: str) -> str:
    if ch not in _BIDI_CONTROLS and (ch.isprintable() or unicodedata.category(ch) == "Zs"):
        return ch  # spaces such as the narrow no-break space of amounts are text
    code = ord(ch)
    special = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(ch)
    if special:
        return special
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def pick_lang(environ: Mapping[str, str] | None = None) -> Lang:
    """The user's language: ``AGENT_APP_LANG``, else the locale's, else French."""
    env = os.environ if environ is None else environ
    for var in ("AGENT_APP_LANG", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        code = value[:2].lower()
        for lang in LANGS:  # a loop, not "in": it narrows str to Lang on every mypy
            if code == lang:
                return lang
    return DEFAULT_LANG


@dataclass(frozen=True, slots=True)
class Text:
    """One message in the three languages, with ``{placeholders}`` shared by all three."""

    fr: str
    ar: str
    en: str

    def in_lang(self, lang: Lang) -> str:
        return str(getattr(self, lang))

    def placeholders(self, lang: Lang) -> frozenset[str]:
        return frozenset(
            name for _, name, _, _ in string.Formatter().parse(self.in_lang(lang)) if name
        )


def _safe_param(value: object) -> object:
    # Numbers keep their type so that format specifications such as {count:,} still apply.
    if isinstance(value, bool | int | float):
        return value
    return printable(value)


class Catalog:
    """A named set of :class:`Text`; rendering a code that is not there is our bug."""

    def __init__(self, texts: Mapping[str, Text]) -> None:
        self._texts = dict(texts)

    def __contains__(self, code: object) -> bool:
        return code in self._texts

    def __iter__(self) -> Iterator[str]:
        return iter(self._texts)

    def items(self) -> list[tuple[str, Text]]:
        return list(self._texts.items())

    def render(self, code: str, lang: Lang = DEFAULT_LANG, /, **params: object) -> str:
        # Every parameter goes through ``printable``: a name with a newline or escape codes
        # cannot split the line or reach the terminal, whichever message carries it.
        safe = {key: _safe_param(value) for key, value in params.items()}
        return self._texts[code].in_lang(lang).format(**safe)
