"""The audit hash chain finds the first entry that was edited, removed or moved."""

from __future__ import annotations

import dataclasses
import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from agent_app.security.audit_chain import GENESIS, AuditLink, find_break, link_hash


def chain(n: int) -> list[AuditLink]:
    links: list[AuditLink] = []
    prev = GENESIS
    for seq in range(1, n + 1):
        at = dt.datetime(2026, 11, 20, 9, 0) + dt.timedelta(minutes=seq)
        details = f'{{"n":{seq}}}'
        digest = link_hash(seq, at, "agent1", "claim.create", "claim", f"R{seq}", details, prev)
        links.append(
            AuditLink(seq, at, "agent1", "claim.create", "claim", f"R{seq}", details, prev, digest)
        )
        prev = digest
    return links


def head(links: list[AuditLink]) -> tuple[int, str]:
    return (links[-1].seq, links[-1].hash) if links else (0, GENESIS)


@given(st.integers(min_value=0, max_value=30))
def test_an_untouched_chain_holds(n):
    links = chain(n)
    assert find_break(links, head(links)) is None


@given(st.integers(min_value=1, max_value=30), st.data())
def test_editing_any_entry_is_found_at_that_entry(n, data):
    links = chain(n)
    victim = data.draw(st.integers(min_value=0, max_value=n - 1))
    field = data.draw(st.sampled_from(["actor", "action", "subject_ref", "details"]))
    links[victim] = dataclasses.replace(links[victim], **{field: "tampered"})
    found = find_break(links, head(chain(n)))
    assert found is not None and found.seq == victim + 1 and found.reason == "hash_mismatch"


@given(st.integers(min_value=2, max_value=30), st.data())
def test_removing_an_entry_is_found_where_it_was(n, data):
    links = chain(n)
    victim = data.draw(st.integers(min_value=0, max_value=n - 2))
    original_head = head(links)
    del links[victim]
    found = find_break(links, original_head)
    assert found is not None and found.seq == victim + 1 and found.reason == "gap"


def test_removing_the_newest_entry_is_caught_by_the_head():
    links = chain(5)
    found = find_break(links[:-1], head(links))
    assert found is not None and found.seq == 5 and found.reason == "head_mismatch"


def test_rewriting_the_whole_chain_without_the_head_is_caught():
    links = chain(3)
    forged = chain(2)
    found = find_break(forged, head(links))
    assert found is not None and found.reason == "head_mismatch"
