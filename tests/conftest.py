from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


WRITE_TOKEN = "s3cret"


@pytest.fixture
def store_dir(tmp_path: Path) -> Path:
    return tmp_path / "store"


@pytest.fixture
def writable(tmp_path):
    """An in-process writable `kg serve` over one loaded sample; writes need ``WRITE_TOKEN``."""
    import warnings

    from kg.api import load
    from kg.resources import samples_dir
    from kg.serve import ServeConfig, create_app

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient
    path = tmp_path / "w"
    load([samples_dir() / "libya_oil_ar.txt"], store=path)
    with TestClient(create_app(ServeConfig(store=path, writable=True, token=WRITE_TOKEN, workers=2))) as c:
        yield c


def shared_or_skip(*parts: str) -> Path:
    p = SHARED.joinpath(*parts)
    if not p.exists():
        pytest.skip(f"{p} is not available (../shared is only present in CI and dev sessions)")
    return p
