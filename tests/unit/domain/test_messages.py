"""The message catalogue holds every problem code the rules raise, well written three times.

The codes are read from the rules' source, so a new rule without a message, or a message
whose rule was removed, fails here rather than as a KeyError in front of a clerk.
"""

from __future__ import annotations

import ast
import re
import unicodedata
from pathlib import Path

import pytest

from agent_app.domain import claims, enrolment, identifiers, money
from agent_app.domain.messages import MESSAGES
from agent_app.domain.problems import Problem, Severity
from agent_app.i18n import LANGS, Lang

RULE_MODULES = (identifiers, claims, enrolment, money)
CODE = re.compile(r"[a-z_]+\.[a-z_0-9]+")


def _codes_and_params() -> dict[str, set[frozenset[str]]]:
    """Each code found in the rules, with the keyword sets it is raised with."""
    found: dict[str, set[frozenset[str]]] = {}
    for module in RULE_MODULES:
        tree = ast.parse(Path(str(module.__file__)).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and CODE.fullmatch(node.value)
            ):
                found.setdefault(node.value, set())
            if (
                isinstance(node, ast.Call)
                and node.args
                and isinstance(node.args[0], ast.Constant)
                and isinstance(node.args[0].value, str)
                and CODE.fullmatch(node.args[0].value)
            ):
                keywords = frozenset(k.arg for k in node.keywords if k.arg is not None)
                found.setdefault(node.args[0].value, set()).add(keywords)
    return found


RAISED = _codes_and_params()


def _has_arabic_letter(text: str) -> bool:
    return any(char.isalpha() and "ARABIC" in unicodedata.name(char, "") for char in text)


def test_the_rules_raise_a_sensible_number_of_codes() -> None:
    assert len(RAISED) > 50  # guards the source scan itself against silently finding nothing
    assert "claim.late_deposit" in RAISED
    assert "dependent.child_too_old" in RAISED


def test_every_code_raised_by_the_rules_has_a_message() -> None:
    assert sorted(set(RAISED) - set(MESSAGES)) == []


def test_every_message_belongs_to_a_code_the_rules_raise() -> None:
    assert sorted(set(MESSAGES) - set(RAISED)) == []


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_each_message_exists_in_french_arabic_and_english(code: str) -> None:
    text = dict(MESSAGES.items())[code]
    for lang in LANGS:
        assert text.in_lang(lang).strip(), (code, lang)
    assert _has_arabic_letter(text.ar), code
    assert not _has_arabic_letter(text.fr), code
    assert not _has_arabic_letter(text.en), code
    assert text.fr != text.en, code


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_placeholders_are_the_same_in_every_language(code: str) -> None:
    text = dict(MESSAGES.items())[code]
    assert text.placeholders("fr") == text.placeholders("ar") == text.placeholders("en"), code


@pytest.mark.parametrize("code", sorted(RAISED))
def test_each_rule_passes_exactly_the_parameters_its_message_uses(code: str) -> None:
    placeholders = dict(MESSAGES.items())[code].placeholders("fr")
    raised_with = RAISED[code] or {frozenset()}
    assert raised_with == {placeholders}, code


@pytest.mark.parametrize("code", sorted(MESSAGES))
@pytest.mark.parametrize("lang", LANGS)
def test_each_message_renders_with_its_parameters(code: str, lang: Lang) -> None:
    names = dict(MESSAGES.items())[code].placeholders(lang)
    params = dict.fromkeys(names, "1234")
    rendered = Problem(code, "field", Severity.ERROR, params).message(lang)
    assert "{" not in rendered
    assert "}" not in rendered


def test_money_placeholders_are_written_in_the_reader_convention() -> None:
    params = {"ceiling_centimes": "10000000"}
    assert "100.000,00 DH" in MESSAGES.render("claim.amount_over_ceiling", "fr", **params)
    assert "100.000,00 درهم" in MESSAGES.render("claim.amount_over_ceiling", "ar", **params)
    assert "MAD 100,000.00" in MESSAGES.render("claim.amount_over_ceiling", "en", **params)


def test_messages_tell_what_to_do_not_only_what_is_wrong() -> None:
    # House style of the French source of truth: the fault, a colon, then the action.
    for code, text in MESSAGES.items():
        assert " : " in text.fr, code
