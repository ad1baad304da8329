"""Fixtures for pytest-qt tests: a UiContext on a real encrypted store, a real task manager."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from agent_app.services.context import Actor
from agent_app.store.engine import Store
from agent_app.ui.context import UiContext
from agent_app.ui.tasks import TaskManager


@pytest.fixture
def ctx(qapp, store: Store, clerk: Actor, clock, tmp_path) -> Iterator[UiContext]:
    tasks = TaskManager()
    context = UiContext(
        store=store,
        tasks=tasks,
        data_dir=store.data_dir,
        lang="fr",
        actor=clerk,
        clock=clock,
        point_code="CASA01",
        point_name="Casa Anfa",
    )
    yield context
    tasks.shutdown()


def wait_for_tasks(qtbot, ctx: UiContext, timeout: int = 5000) -> None:
    """Let every background job finish and deliver its callback on the GUI thread."""
    qtbot.waitUntil(lambda: ctx.tasks.pending == 0, timeout=timeout)
