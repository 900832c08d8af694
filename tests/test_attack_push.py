"""Point 8 of the hardening issue: `kg push` is bounded against an endpoint that misbehaves."""

from __future__ import annotations

import time

import pytest

from kg.api import load
from kg.push import push
from kg.resources import samples_dir
from tests.listener import Listener, trickle


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("push") / "store"
    load([samples_dir() / "iraq_mosul_ar.txt", samples_dir() / "english_economy.txt"], store=path)
    return path  # three graphs: two articles and the entities


def test_a_huge_error_body_is_not_read(store):
    def huge(conn, _):
        conn.sendall(b"HTTP/1.1 500 Internal Server Error\r\nContent-Length: 3000000000\r\n\r\n")
        for _ in range(1000):  # up to 64 MB, while the client reads 200 bytes and leaves
            conn.sendall(b"x" * 65536)

    with Listener(respond=huge) as endpoint:
        t0 = time.monotonic()
        report = push(store, endpoint.url, timeout=5, retries=0)
        assert report.pushed == 0 and len(report.failed) == 3
        assert all(why.startswith("HTTP 500: xxx") and len(why) < 300 for _, why in report.failed)
        assert time.monotonic() - t0 < 30


def test_a_trickling_endpoint_is_cut_off(store):
    head = b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n"
    with Listener(respond=lambda conn, _: trickle(conn, head, every=0.2, limit=30)) as endpoint:
        t0 = time.monotonic()
        report = push(store, endpoint.url, timeout=1.0, retries=0)
        assert report.pushed == 0 and len(report.failed) == 3
        assert time.monotonic() - t0 < 12


def test_overall_deadline(store):
    head = b"HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\n"
    with Listener(respond=lambda conn, _: trickle(conn, head, every=0.2, limit=30)) as endpoint:
        t0 = time.monotonic()
        report = push(store, endpoint.url, timeout=10.0, deadline=1.5, retries=0)
        assert report.stopped and "deadline" in report.stopped and report.pushed == 0
        assert time.monotonic() - t0 < 5


def test_503_is_retried_with_back_off(store):
    answers = iter([b"HTTP/1.1 503 Service Unavailable\r\nRetry-After: 1\r\nContent-Length: 0\r\n\r\n"]
                   + [b"HTTP/1.1 201 Created\r\nContent-Length: 0\r\n\r\n"] * 10)

    def respond(conn, _):
        conn.sendall(next(answers))

    with Listener(respond=respond) as endpoint:
        t0 = time.monotonic()
        report = push(store, endpoint.url, backoff=0.1)
        assert report.pushed == 3 and not report.failed
        assert endpoint.connections == 4 and time.monotonic() - t0 >= 1.0  # Retry-After obeyed


def test_push_stops_after_401(store):
    def refuse(conn, _):
        conn.sendall(b"HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer\r\nContent-Length: 5\r\n\r\nnope!")

    with Listener(respond=refuse) as endpoint:
        report = push(store, endpoint.url, token="wrong")
        assert report.pushed == 0 and report.stopped and "401" in report.stopped and report.not_sent == 3
        assert endpoint.connections == 1
