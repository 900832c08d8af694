"""A listener on 127.0.0.1 that records every connection made to it and answers like an endpoint.

Attack tests point SERVICE, LOAD, link and push at it: a safe outcome is a listener that saw nothing
(or, for client tests, exactly the requests expected). Behaviour is scripted per test: a normal answer,
a trickle, a huge body, a status code.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

RESULTS = b'{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"literal","value":"from the listener"}}]}}'
TURTLE = b"<http://listener.test/s> <http://listener.test/p> <http://listener.test/o> .\n"


def default_answer(request: bytes) -> bytes:
    if request.startswith(b"GET"):
        body, ctype = TURTLE, b"text/turtle"
    else:
        body, ctype = RESULTS, b"application/sparql-results+json"
    return b"HTTP/1.1 200 OK\r\nContent-Type: " + ctype + b"\r\nContent-Length: " + str(len(body)).encode() + b"\r\nConnection: close\r\n\r\n" + body


@dataclass
class Listener:
    """``with Listener() as l:`` … ``l.url``, ``l.requests`` (the first bytes of each connection)."""

    respond: Callable[[socket.socket, bytes], None] | None = None
    requests: list[bytes] = field(default_factory=list)
    port: int = 0

    def __enter__(self) -> Listener:
        self._sock = socket.socket()
        self._sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self._sock.bind(("127.0.0.1", 0))
        self._sock.listen(64)
        self._sock.settimeout(0.2)
        self.port = self._sock.getsockname()[1]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()
        return self

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    @property
    def connections(self) -> int:
        return len(self.requests)

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._sock.accept()
            except (TimeoutError, OSError):
                continue
            threading.Thread(target=self._handle, args=(conn,), daemon=True).start()

    def _handle(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(2)
            data = b""
            try:
                while b"\r\n\r\n" not in data and len(data) < 65536:
                    chunk = conn.recv(4096)
                    if not chunk:
                        break
                    data += chunk
            except OSError:
                pass
            self.requests.append(data)
            try:
                if self.respond is not None:
                    self.respond(conn, data)
                else:
                    conn.sendall(default_answer(data))
            except OSError:
                pass

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join(timeout=2)
        self._sock.close()


def trickle(conn: socket.socket, head: bytes, every: float = 0.5, limit: float = 30.0) -> None:
    """Send ``head`` then one byte per ``every`` seconds until the peer leaves or ``limit`` passes."""
    conn.sendall(head)
    end = time.monotonic() + limit
    while time.monotonic() < end:
        time.sleep(every)
        conn.sendall(b"x")
