"""The HTTP protocol kg serve runs under uvicorn, with a deadline for request headers.

uvicorn closes idle keep-alive connections but gives a client all the time it wants to send the
headers of a request; a thousand connections that open and then say nothing (or trickle a byte a
second) hold a thousand file descriptors and lock everyone else out. Here a connection that has not
finished its request headers ``header_timeout`` seconds after it opened (or after its previous
response) is closed. The deadline is added to uvicorn's fast httptools protocol when it is installed,
else to its h11 protocol.
"""

from __future__ import annotations

import asyncio
import os

HEADER_TIMEOUT_ENV = "KG_SERVE_HEADER_TIMEOUT"  # the deadline for the processes of a multi-process server


class _HeaderDeadline:
    """Mixed in before a uvicorn HTTP protocol class: arm at connect and after each response, disarm
    when a request's headers are complete, close the transport when the deadline passes first."""

    header_timeout: float = 10.0
    _deadline: asyncio.TimerHandle | None = None

    def _arm(self) -> None:
        self._disarm()
        self._deadline = self.loop.call_later(self.header_timeout, self._expire)

    def _disarm(self) -> None:
        if self._deadline is not None:
            self._deadline.cancel()
            self._deadline = None

    def _expire(self) -> None:
        self._deadline = None
        if not self.transport.is_closing():
            self.transport.close()

    def connection_made(self, transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def connection_lost(self, exc) -> None:
        self._disarm()
        super().connection_lost(exc)

    def on_response_complete(self) -> None:
        super().on_response_complete()
        if not self.transport.is_closing():
            self._arm()  # the next request on this connection gets the same deadline


def with_header_timeout(header_timeout: float) -> type:
    try:
        from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

        class HttpToolsWithDeadline(_HeaderDeadline, HttpToolsProtocol):
            def on_headers_complete(self) -> None:
                self._disarm()
                super().on_headers_complete()

        HttpToolsWithDeadline.header_timeout = header_timeout
        return HttpToolsWithDeadline
    except ImportError:  # httptools is not installed: the pure-Python h11 protocol
        from uvicorn.protocols.http.h11_impl import H11Protocol

        class H11WithDeadline(_HeaderDeadline, H11Protocol):
            def handle_events(self) -> None:
                before = self.cycle
                super().handle_events()
                if self.cycle is not before and self.cycle is not None:
                    self._disarm()  # a request's headers arrived

        H11WithDeadline.header_timeout = header_timeout
        return H11WithDeadline


def __getattr__(name: str) -> type:
    """``kg.serve.protocol:FromEnvironment``: the protocol with the deadline in :data:`HEADER_TIMEOUT_ENV`,
    named by an import string so that uvicorn can start it in each process of a multi-process server."""
    if name == "FromEnvironment":
        return with_header_timeout(float(os.environ.get(HEADER_TIMEOUT_ENV, "10")))
    raise AttributeError(name)
