"""The fast pre-checks of ``parse_tree`` agree with the regexes they stand in front of."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newscrawl.extract.page import (
    _CONTROL,
    _MONSTER_TAG,
    MAX_TAG_CHARS,
    _has_control,
    _may_have_monster_tag,
    decode_html,
    parse_tree,
)

pieces = st.sampled_from(["<", ">", "a", "div", " ", "é", "\x00", "\x0b", "\t", "\n", "\ud800", "x" * 50_000])


@settings(max_examples=300, deadline=None)
@given(st.lists(pieces, max_size=12).map("".join))
def test_control_check_matches_the_regex(text: str) -> None:
    assert _has_control(text) == bool(_CONTROL.search(text))


@settings(max_examples=300, deadline=None)
@given(st.lists(pieces, max_size=12).map("".join))
def test_monster_check_never_misses_a_monster_tag(text: str) -> None:
    if _MONSTER_TAG.search(text):
        assert _may_have_monster_tag(text)


def test_monster_tag_is_cut_and_long_scripts_are_not() -> None:
    monster = "<div " + 'a="1" ' * (MAX_TAG_CHARS // 6 + 10) + "><p>kept</p></div>"
    assert _may_have_monster_tag(monster)
    assert parse_tree(f"<html><body>{monster}</body></html>").xpath("string(//p)") == "kept"
    script = "<html><body><script>" + "x" * (2 * MAX_TAG_CHARS) + "</script><p>text</p></body></html>"
    assert not _may_have_monster_tag(script)
    assert not _may_have_monster_tag("<p>" + "short " * 10 + "</p>")


@pytest.mark.parametrize(
    "declared", ["iso-8859-1", "windows-1252", "ISO-8859-15", "iso-8859-2", "windows-1250"]
)
def test_valid_utf8_wins_over_a_stale_single_byte_declaration(declared: str) -> None:
    page = f'<html><head><meta charset="{declared}"><title>Sanción für Zürich</title></head></html>'
    assert "Sanción für Zürich" in decode_html(page.encode("utf-8"))


@pytest.mark.parametrize(("declared", "text"), [("iso-8859-1", "Zürich café"), ("iso-8859-2", "Łódź żółw")])
def test_real_single_byte_pages_keep_their_encoding(declared: str, text: str) -> None:
    page = f'<html><head><meta charset="{declared}"><title>{text}</title></head></html>'
    assert text in decode_html(page.encode(declared))


def test_a_multibyte_declaration_is_not_second_guessed() -> None:
    page = '<html><head><meta charset="shift_jis"><title>東京</title></head></html>'
    assert "東京" in decode_html(page.encode("shift_jis"))
