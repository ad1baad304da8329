"""Running the centre's app: one process, or N worker processes sharing one listening socket.

Before anything serves, the parent prepares what every process needs, once: the key files
(made if missing) and the database schema (:func:`sync.server.store.prepare_schema`, under its
lock). Then uvicorn serves on a socket bound here: ``workers=1`` in this process; more through
uvicorn's own supervisor, which spawns the workers, hands each the socket, restarts one that
dies and stops them all on SIGTERM or SIGINT. The workers share nothing in memory: every limit
they enforce is counted in the database (``sync.server.ratelimit``). The port file is written
once every worker answers, never half a number.

This module owns process and socket plumbing; it must never hold an endpoint or a rule.
"""

from __future__ import annotations

import copy
import logging
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, Final

import uvicorn
from uvicorn.config import LOGGING_CONFIG
from uvicorn.supervisors.multiprocess import Multiprocess

from sync.server import store
from sync.server.app import create_app
from sync.server.config import ServerConfig
from sync.server.keys import load_or_create_keys

log = logging.getLogger("sync.server")
WORKER_STARTUP_SECONDS: Final = 60.0
LOG_FORMAT: Final = "%(asctime)s %(levelname)s %(name)s: %(message)s"


@dataclass(frozen=True, slots=True)
class Listen:
    """Where and how to listen."""

    host: str
    port: int
    tls_cert: Path | None = None
    tls_key: Path | None = None
    port_file: Path | None = None
    workers: int = 1


def serve(config: ServerConfig, listen: Listen) -> int:
    """Serve until stopped; 0 after a clean stop, 1 when the centre could not start."""
    load_or_create_keys(config.data_dir, config.centre_kem)
    store.open_engine(config.database_url).dispose()  # the schema, once, before serving
    sock = _bind(listen.host, listen.port)
    try:
        announce = partial(_write_port_file, listen.port_file, sock.getsockname()[1])
        settings = uvicorn.Config(
            partial(create_app, config),  # picklable: each worker builds its own app
            factory=True,
            workers=listen.workers,
            log_level="info",
            log_config=_log_config(),
            ssl_certfile=listen.tls_cert,
            ssl_keyfile=listen.tls_key,
            timeout_graceful_shutdown=10,
        )
        if listen.workers == 1:
            server = _Server(settings, announce)
            server.run(sockets=[sock])
            return 0 if server.started else 1
        supervisor = _Workers(settings, [sock], announce)
        supervisor.run()
        return 0 if supervisor.started else 1
    finally:
        sock.close()


def _bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host, port))
    except BaseException:
        sock.close()
        raise
    return sock


def _write_port_file(port_file: Path | None, port: int) -> None:
    if port_file is not None:
        partial_file = port_file.with_name(port_file.name + ".part")
        partial_file.write_text(f"{port}\n", encoding="ascii")
        os.replace(partial_file, port_file)  # readers never see half a number


def _log_config() -> dict[str, Any]:
    """uvicorn's logging, plus the centre's own lines: a spawned worker starts with none."""
    settings: dict[str, Any] = copy.deepcopy(LOGGING_CONFIG)
    settings["formatters"]["centre"] = {"format": LOG_FORMAT}
    settings["handlers"]["centre"] = {
        "formatter": "centre",
        "class": "logging.StreamHandler",
        "stream": "ext://sys.stderr",
    }
    settings["loggers"]["sync.server"] = {
        "handlers": ["centre"],
        "level": "INFO",
        "propagate": False,
    }
    return settings


class _Server(uvicorn.Server):
    """One process serving; says where once it does."""

    def __init__(self, settings: uvicorn.Config, announce: Callable[[], None]) -> None:
        super().__init__(settings)
        self._announce = announce

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets=sockets)
        if not self.should_exit:
            self._announce()


class _Workers(Multiprocess):
    """uvicorn's supervisor; says where once every worker answers its health check."""

    def __init__(
        self, settings: uvicorn.Config, sockets: list[socket.socket], announce: Callable[[], None]
    ) -> None:
        super().__init__(settings, sockets)
        self._announce = announce
        self.started = False

    def init_processes(self) -> None:
        super().init_processes()
        for process in self.processes:
            if not process.wait_until_ready(WORKER_STARTUP_SECONDS, self.should_exit):
                log.error("a worker did not start: stopping the centre")
                self.should_exit.set()
                return
        self.started = True
        log.info("centre serving with %d workers", len(self.processes))
        self._announce()
