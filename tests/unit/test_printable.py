"""``printable``: anything a person supplied is shown on one line, terminal controls escaped."""

from __future__ import annotations

from agent_app.errors import AppError
from agent_app.i18n import printable


def test_control_characters_and_bidi_overrides_are_shown_escaped():
    assert printable("a\nb\r\tc\x1b[31m\x07") == "a\\nb\\r\\tc\\x1b[31m\\x07"
    assert printable("scan\u202egpj.exe") == "scan\\u202egpj.exe"


def test_printable_text_in_any_script_is_left_as_it_is():
    for text in ("Fès Médina", "بطاقة التعريف.pdf", r"C:\Users\agent\scan 1.jpg", "1\u202f234,00"):
        assert printable(text) == text


def test_every_message_parameter_goes_through_printable():
    message = AppError("backup.exists", path="x\n\x1b[2Jy").message("en")
    assert "\n" not in message and "\x1b" not in message
    assert "x\\n\\x1b[2Jy" in message
