from rdflib.compare import isomorphic

from kg.extract import extract
from kg.map import to_graphs
from kg.read import read_paths
from kg.resources import samples_dir
from kg.store import KGStore, StoreError


def _graphs(name):
    [a] = list(read_paths([samples_dir() / name]))
    return to_graphs(extract(a))


def test_mapping_is_deterministic():
    a, b = _graphs("iraq_mosul_ar.txt"), _graphs("iraq_mosul_ar.txt")
    assert a.graph == b.graph and isomorphic(a.triples, b.triples) and isomorphic(a.entities, b.entities)


def test_replace_is_idempotent(store_dir):
    g = _graphs("libya_oil_ar.txt")
    with KGStore(store_dir) as s:
        s.replace_article(g.graph, g.article_triples, g.entity_triples)
        n = len(s)
        s.replace_article(g.graph, g.article_triples, g.entity_triples)
        assert len(s) == n
        assert str(g.graph) in s.named_graphs()


def test_locked_store_has_a_clear_message(store_dir):
    with KGStore(store_dir):
        try:
            KGStore(store_dir)
        except StoreError as e:
            assert "locked" in str(e)
        else:  # pragma: no cover - some platforms allow a second handle
            pass


def test_orphan_bulk_files_removed(store_dir):
    with KGStore(store_dir):
        pass
    (store_dir / "bulk-0001.sst").write_bytes(b"x")
    with KGStore(store_dir) as s:
        assert s.orphans_removed == 1
    assert not (store_dir / "bulk-0001.sst").exists()


def test_nquads_for_the_writer_hold_exactly_the_mapped_triples():
    """The writer's N-Quads are made by suffixing N-Triples lines: literals with line breaks, quotes
    and " ." inside must survive, and the entity blocks together are the entity triples."""
    import pyoxigraph as ox

    from kg.records import Article

    text = 'قال المتحدث باسم الجيش اللبناني إن «الوضع هادئ .\nتماماً» "quoted" .\r\nend'
    g = to_graphs(extract(Article(text=text, source="t.txt")))
    ents = "https://example.org/entities"
    got = set(ox.parse(g.article_nquads() + b"".join(g.entity_blocks(ents)), format=ox.RdfFormat.N_QUADS))
    want = {ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(str(g.graph))) for t in g.article_triples}
    want |= {ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(ents)) for t in g.entity_triples}
    assert got == want
    subjects = [next(iter(ox.parse(b, format=ox.RdfFormat.N_QUADS))).subject for b in g.entity_blocks(ents)]
    assert len(subjects) == len(set(subjects)), "one block per entity"


def test_stored_blocks_are_written_once_and_memory_is_bounded():
    from kg.pipeline import StoredBlocks

    seen = StoredBlocks(limit=3)
    first = seen.unseen([(b"a", b"A"), (b"b", b"B"), (b"a", b"A")])
    assert first == [(b"a", b"A"), (b"b", b"B")]  # repeated within a batch: once
    assert seen.unseen([(b"a", b"A")]) == [(b"a", b"A")]  # not yet stored: still unseen
    seen.add([b"a", b"b"])
    assert seen.unseen([(b"a", b"A"), (b"c", b"C")]) == [(b"c", b"C")]
    seen.add([b"c", b"d"])
    seen.add([b"e"])  # over the limit: forgotten, so some blocks are written again, never lost
    assert len(seen._seen) <= 3


def test_a_failing_warm_up_does_not_break_the_load(store_dir, monkeypatch):
    """A pool initializer that raises would make multiprocessing respawn workers forever."""
    import kg.pipeline as pipeline

    def broken(article, tagger=None):
        raise RuntimeError("lexicon missing")

    monkeypatch.setattr(pipeline, "_warm", False)
    monkeypatch.setattr(pipeline, "process", broken)
    pipeline.warm_up()  # returns; the failure shows per article instead
    with KGStore(store_dir) as s:
        report = pipeline.load_paths([samples_dir()], s, workers=1)
    assert report.loaded == 0 and report.rejected
    assert all("extraction failed: RuntimeError: lexicon missing" in r.reason for r in report.rejected)
