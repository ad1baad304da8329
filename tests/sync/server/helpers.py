"""Small helpers the centre's tests share: reach into the centre's database for time travel."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Table, create_engine, update

from sync.server import store
from tests.sync.conftest import Central


def age_everything(central: Central, table: Table, hours: float) -> None:
    """Move every expiry of ``table`` ``hours`` into the past: a clock we cannot wait for."""
    engine = create_engine(central.db_url)
    try:
        with engine.begin() as connection:
            connection.execute(
                update(table).values(
                    expires_at=store.utc_now() - dt.timedelta(hours=hours),
                )
            )
    finally:
        engine.dispose()


def error_code(answer: object) -> str:
    code: str = answer.json()["error"]["code"]  # type: ignore[attr-defined]
    return code
