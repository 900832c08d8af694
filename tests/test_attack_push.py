"""Point 8 of the hardening issue: `kg push` is bounded against an endpoint that misbehaves."""

from __future__ import annotations

import time

import pytest

from kg.api import load
from kg.push import PushError, push
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


def test_digest_authentication_answers_the_challenge(store):
    """RFC 7616 Digest, checked by a listener that computes what the answer must be (Virtuoso itself in
    tests/test_virtuoso.py): no credentials and a wrong password stop the push at the first graph."""
    import hashlib
    import re

    realm, nonce = "kg-test", "5f3c9a"

    def md5(text: str) -> str:
        return hashlib.md5(text.encode()).hexdigest()

    def check(conn, request):
        head = request.split(b"\r\n\r\n", 1)[0].decode("latin-1")
        method, uri = head.split(" ", 2)[:2]
        auth = next((line.split(":", 1)[1].strip() for line in head.split("\r\n") if line.lower().startswith("authorization:")), "")
        fields = dict(re.findall(r'(\w+)="?([^",]*)"?', auth.removeprefix("Digest ")))
        expected = md5(f"{md5(f'alice:{realm}:s3cret')}:{nonce}:{fields.get('nc')}:{fields.get('cnonce')}:auth:{md5(f'{method}:{uri}')}")
        if auth.startswith("Digest ") and fields.get("username") == "alice" and fields.get("response") == expected:
            conn.sendall(b"HTTP/1.1 201 Created\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
        else:
            challenge = f'Digest realm="{realm}", nonce="{nonce}", qop="auth", algorithm=MD5'
            conn.sendall(f"HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: {challenge}\r\n"
                         "Content-Length: 0\r\nConnection: close\r\n\r\n".encode())

    with Listener(respond=check) as endpoint:
        report = push(store, endpoint.url, user="alice", password="s3cret", auth="digest", timeout=5)
        assert report.pushed == 3 and not report.failed and not report.stopped
        wrong = push(store, endpoint.url, user="alice", password="guess", auth="digest", timeout=5)
        assert wrong.pushed == 0 and "HTTP 401" in wrong.stopped and wrong.not_sent == 3
        basic = push(store, endpoint.url, user="alice", password="s3cret", timeout=5)  # Basic is not Digest
        assert basic.pushed == 0 and "HTTP 401" in basic.stopped
    with pytest.raises(PushError, match="needs --user"):
        push(store, "http://127.0.0.1:9/store", auth="digest")
