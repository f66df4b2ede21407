"""The fast pre-checks of ``parse_tree`` agree with the regexes they stand in front of."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from newscrawl.extract.page import (
    _CONTROL,
    _MONSTER_TAG,
    MAX_TAG_CHARS,
    _has_control,
    _may_have_monster_tag,
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
