"""What every page of the desktop app shares: the store, the task manager, who is logged in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from agent_app.i18n import Lang
from agent_app.services.context import Actor, Clock, system_clock
from agent_app.store.engine import Store
from agent_app.ui.tasks import StoreOp, TaskManager

T = TypeVar("T")


@dataclass(slots=True)
class UiContext:
    """The session of one clerk at one counter.

    ``store`` must only be touched from functions run through :meth:`op` (the database
    worker), never directly from a widget.
    """

    store: Store
    tasks: TaskManager
    data_dir: Path
    lang: Lang = "fr"
    actor: Actor | None = None
    clock: Clock = field(default=system_clock)
    point_code: str = ""
    point_name: str = ""

    def op(self, fn: Callable[[], T]) -> StoreOp[T]:
        """``ctx.op(lambda: service(ctx.store, ...)).success(cb).failure(cb).run()``."""
        return StoreOp(self.tasks, fn)

    def require_actor(self) -> Actor:
        if self.actor is None:
            raise RuntimeError("no clerk is logged in")
        return self.actor
