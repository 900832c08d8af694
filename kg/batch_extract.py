"""``kg extract PATH… --out DIR``: many articles extracted in one process (or a pool), one JSON file each.

Scoring a folder or extracting a corpus then costs one start-up, not one per article. Inputs are whatever
``kg load`` reads (files, folders; each record of a JSON-lines file is an article); a file or record that
cannot be read is reported by name and the rest goes on.
"""

from __future__ import annotations

import json
import multiprocessing as mp
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from kg.records import Article, ReadError


@dataclass
class BatchReport:
    written: list[Path] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (source, reason)

    def summary(self) -> str:
        return f"articles extracted: {len(self.written)}, failed: {len(self.failed)}"


def output_name(source: str) -> str:
    """A file name for an article's JSON from where it came from: ``a/b.txt`` → ``b.json``,
    ``batch.jsonl#3`` → ``batch.jsonl-3.json``."""
    base = source.replace("\\", "/").rsplit("/", 1)[-1]
    path, _, record = base.partition("#")
    stem = path.rsplit(".", 1)[0] if not record and "." in path else path
    name = f"{stem}-{record.replace(' ', '')}" if record else stem
    return re.sub(r"[^\w.\-]+", "_", name) + ".json"


def _one(item: Article | ReadError) -> tuple[str, dict | None, str | None]:
    from kg.contract import to_contract
    from kg.extract import extract

    if isinstance(item, ReadError):
        return item.source, None, item.message
    try:
        return item.source, to_contract(extract(item)), None
    except Exception as e:  # noqa: BLE001 - one article's extractor failure is reported by name, the rest goes on
        return item.source, None, f"extraction failed: {type(e).__name__}: {e}"


def extract_to_folder(paths: Iterable[str | Path], out: Path, *, workers: int = 1,
                      on_item: Callable[[str], None] | None = None) -> BatchReport:
    from kg.pipeline import warm_up_worker
    from kg.read import read_paths

    out.mkdir(parents=True, exist_ok=True)
    report = BatchReport()
    used: set[str] = set()
    pool = mp.get_context("spawn").Pool(workers, initializer=warm_up_worker) if workers > 1 else None
    try:
        results = pool.imap(_one, read_paths(list(paths)), chunksize=8) if pool else map(_one, read_paths(list(paths)))
        for source, result, reason in results:
            if result is None:
                report.failed.append((source, reason or "failed"))
            else:
                name = output_name(source)
                n = 2
                while name in used:  # two inputs with one name (a/x.txt, b/x.txt): x.json, x-2.json
                    name = output_name(source).removesuffix(".json") + f"-{n}.json"
                    n += 1
                used.add(name)
                target = out / name
                target.write_text(json.dumps(result, ensure_ascii=False, indent=2), encoding="utf-8")
                report.written.append(target)
            if on_item:
                on_item(source)
    finally:
        if pool is not None:
            pool.close()
            pool.join()
    return report
