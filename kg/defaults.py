"""Defaults the command line shows in its help and the library starts from, kept where importing them
costs nothing (no pyoxigraph, no rdflib): ``kg --help`` and ``kg extract`` never open a store."""

import os
from pathlib import Path

DEFAULT_STORE = "kg-store"

DEFAULT_BATCH_SIZE = 1000  # articles per write at most: fewer, bigger writes leave the store less to compact


def default_store_path() -> Path:
    """``$KG_STORE``, else ``./kg-store``."""
    return Path(os.environ.get("KG_STORE", DEFAULT_STORE))
