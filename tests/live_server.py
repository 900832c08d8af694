"""Start a real `kg serve` on 127.0.0.1 in a subprocess for client tests (SPARQLWrapper, rdflib, browsers)."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _limits(memory: int | None, files: int | None):
    def apply() -> None:
        import resource

        if memory:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
        if files:
            resource.setrlimit(resource.RLIMIT_NOFILE, (files, files))

    return apply


@contextlib.contextmanager
def running_server(store: Path, *args: str, memory_limit: int | None = None, file_limit: int | None = None,
                   env: dict | None = None):
    """``kg serve`` in a subprocess; ``memory_limit`` caps its address space (and its workers') like
    ``prlimit --as``, ``file_limit`` its open files like ``prlimit --nofile``."""
    port = free_port()
    cmd = [sys.executable, "-m", "kg.cli", "serve", "--store", str(store), "--port", str(port), *args]
    log = tempfile.TemporaryFile()  # a file, not a pipe: a pipe nobody reads would block the server once full
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env,
                            preexec_fn=_limits(memory_limit, file_limit) if memory_limit or file_limit else None)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                urllib.request.urlopen(base + "/sparql?query=ASK%7B%7D", timeout=1).read()
                break
            except OSError:
                if proc.poll() is not None:
                    log.seek(0)
                    raise RuntimeError(log.read().decode(errors="replace"))
                time.sleep(0.2)
        else:
            raise RuntimeError("kg serve did not start")
        yield base
    except BaseException:
        log.seek(0)
        sys.stderr.write(log.read()[-20000:].decode(errors="replace"))  # the server's side of a failure
        raise
    finally:
        stop(proc)


def stop(proc: subprocess.Popen, timeout: float = 10) -> None:
    """Ask a server started by a test to end; kill it if it has not within ``timeout`` seconds."""
    proc.terminate()
    try:
        proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
