"""What is wrong with a draft, said so that the clerk can act on it.

A problem names the field it belongs to (so the UI can show it beside that field), carries a
stable code (so tests, the audit trail and the centre can refer to it) and a severity: an
error blocks saving; a warning lets the clerk save once they confirm it with a reason.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from agent_app.i18n import DEFAULT_LANG, Lang


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Problem:
    code: str
    field: str
    severity: Severity
    # dataclasses.field, spelt out: the attribute "field" above shadows the bare name here.
    params: Mapping[str, str] = dataclasses.field(default_factory=dict)

    @property
    def blocking(self) -> bool:
        return self.severity is Severity.ERROR

    def message(self, lang: Lang = DEFAULT_LANG) -> str:
        from agent_app.domain.messages import MESSAGES  # one catalogue for every rule

        return MESSAGES.render(self.code, lang, **self.params)


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.ERROR]


def warnings(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.WARNING]


def unconfirmed(problems: Iterable[Problem], confirmations: Mapping[str, str]) -> list[Problem]:
    """Warnings that have no non-empty confirmation reason yet."""
    return [p for p in warnings(problems) if not confirmations.get(p.code, "").strip()]
