"""The learned entity tagger: training is deterministic, a model round-trips through its file, a model
that cannot be used is a clear error, and extraction shows what the tagger proposed. A tiny model is
trained on sentences written for these tests (no shared data needed)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg import tagger
from kg.cli import cli
from kg.tagger.features import LexiconFlags
from kg.tagger.model import MAGIC, Tagger, TaggerError, chunks
from kg.tagger.train import Sentence, join_clitics, read_conll, train, without_overlap

# invented people, places and organisations, in newswire sentences written for this test
SENTENCES: list[tuple[str, str]] = [
    ("قال سمير حداد إن الوفد وصل إلى حمص", "O B-PERS I-PERS O O O O B-LOC"),
    ("وأكدت منظمة النور للإغاثة أن القافلة وصلت إلى درعا", "O B-ORG I-ORG I-ORG O O O O B-LOC"),
    ("وقال كريم نصار إن المحادثات ستستأنف في عمان", "O B-PERS I-PERS O O O O B-LOC"),
    ("وأعلنت شركة الوادي للنفط أن الإنتاج توقف في البصرة", "O B-ORG I-ORG I-ORG O O O O B-LOC"),
    ("وصرح رامي خليل بأن الطريق إلى حلب مغلق", "O B-PERS I-PERS O O O B-LOC O"),
    ("Karim Nassar said the talks in Amman would resume", "B-PERS I-PERS O O O O B-LOC O O"),
    ("The Nour Relief Agency said its convoy reached Daraa", "O B-ORG I-ORG I-ORG O O O O B-LOC"),
    ("ووصل قرنفلي الثاني إلى حمص أمس", "O B-PERS I-PERS O B-LOC O"),
    ("والتقى الوفد قرنفلي الثاني في عمان", "O O B-PERS I-PERS O B-LOC"),
]


def conll_text(sentences=SENTENCES) -> str:
    blocks = []
    for words, tags in sentences:
        blocks.append("\n".join(f"{w} {t}" for w, t in zip(words.split(), tags.split())))
    return "\n\n".join(blocks) + "\n"


def corpus(sentences=SENTENCES) -> list[Sentence]:
    return [(w.split(), t.split()) for w, t in sentences]


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("model") / "tiny.kgtag"
    train(corpus() * 3, path, LexiconFlags(), language="ar", sources=["tests"])
    return path


def test_training_is_deterministic(tmp_path, tiny_model):
    again = tmp_path / "again.kgtag"
    train(corpus() * 3, again, LexiconFlags(), language="ar", sources=["tests"])
    assert again.read_bytes() == tiny_model.read_bytes()


def test_a_model_round_trips_and_tags_what_it_learned(tiny_model):
    t = Tagger(tiny_model, LexiconFlags())
    assert t.language == "ar" and t.header["sentences"] == 27
    words = "وقال كريم نصار إن الوفد وصل إلى حمص".split()
    labels = t.labels(words)
    assert len(labels) == len(words) and chunks(labels) == [(1, 3, "PERS"), (7, 8, "LOC")]
    spans = t.spans(words)
    assert [(s.first, s.last, s.category) for s in spans] == [(1, 3, "person"), (7, 8, "place")]
    assert all(0.0 < s.score <= 1.0 for s in spans)


def _crfsuite_labels(t: Tagger, words: list[str]) -> list[str]:
    return t._crf.tag(t.features.sequence(words)) if words else []


def test_the_decoder_gives_crfsuite_s_labels(tiny_model):
    """Viterbi over cached per-type scores, sentences decoded together (kg.tagger.decode), against crfsuite's
    own tagging of the same feature strings: the tiny model on sentences of every length (unseen words,
    one-word and empty sentences included), and the shipped Arabic model on sentences written here."""
    t = Tagger(tiny_model, LexiconFlags())
    sentences = [w.split() for w, _ in SENTENCES] + [
        [], ["حمص"], ["قال", "نصار"], "وقال مدير شركة الفجر للتجارة إن الأسعار ارتفعت في طرطوس وحماة".split(),
        "Rami Khalil told reporters in Homs that the road was open".split()]
    got = t.tag_many(sentences)
    assert [labels for labels, _ in got] == [_crfsuite_labels(t, w) for w in sentences]
    shipped = tagger.tagger_for("ar", True)
    text = ("أعلن المتحدث باسم وزارة الصحة أحمد الخطيب أن 12 شخصا أصيبوا في انفجار وقع في سوق مدينة طرطوس . "
            "وقالت منظمة الإغاثة الدولية في بيان إن فرقها وصلت إلى ريف إدلب الجنوبي . "
            "ونقلت وكالة الأنباء عن مصدر أمني قوله إن التحقيقات مستمرة")
    sentences = [s.split() for s in text.split(" . ")]
    assert [labels for labels, _ in shipped.tag_many(sentences)] == [_crfsuite_labels(shipped, w) for w in sentences]
    # the marginals that score a span, by products of matrices made by doubling (kg.tagger.decode): the
    # article's sentences (their scores kept from decoding), sentences of no article decoded (scores made
    # anew), a one-word and a two-word sentence, and one long enough for six doublings
    others = [["طرطوس"], ["قال", "نصار"], (sentences[0] + sentences[1] + sentences[2]) * 2]
    assert shipped._decoder.marginals([]).shape == (0, len(shipped._decoder.labels))
    for words in sentences + others:
        got = shipped._decoder.marginals(words)
        shipped._crf.set(shipped.features.sequence(words))
        for label, j in shipped._decoder.label_ids.items():
            assert all(abs(got[i, j] - shipped._crf.marginal(label, i)) < 1e-9 for i in range(len(words)))
    # the article's scores are found again by the identity of its word lists: an equal list of another caller
    # gets the same marginals, made anew; the tagger's own cache likewise
    shipped.tag_many(sentences)
    again = list(sentences[1])
    assert shipped._decoder._article[id(sentences[1])][0] is sentences[1] and id(again) not in shipped._decoder._article
    assert (shipped._decoder.marginals(again) == shipped._decoder.marginals(sentences[1])).all()
    assert shipped.marginals(sentences[1]) is shipped.marginals(sentences[1])
    assert (shipped.marginals(again) == shipped.marginals(sentences[1])).all()


def test_the_decoder_forgets_word_types_past_its_budget_and_still_gives_crfsuite_s_labels():
    """Memory stays flat however many word types a long run meets: past ``max_types`` the rows start again
    (between batches, never inside one), and the labels are the same as crfsuite's throughout."""
    shipped = tagger.tagger_for("ar", True)
    decoder = shipped._decoder
    before = decoder.max_types
    decoder.max_types = 40
    try:
        made_up = [f"{a}{b}ان" for a in "بتثجحخدذرزسشص" for b in "بتثجح"]  # 65 word types no corpus has
        sentences = [["وقال", w, "إن", "الوفد", "وصل", "إلى", v] for w, v in zip(made_up, reversed(made_up))]
        for k in range(0, len(sentences), 4):
            batch = sentences[k : k + 4]
            assert decoder.tag_many(batch) == [_crfsuite_labels(shipped, w) for w in batch]
            assert len(decoder._types) <= 40 + 4 * 7  # the budget, and at most one batch's words past it
    finally:
        decoder.max_types = before


def test_a_model_that_cannot_be_used_is_a_clear_error(tmp_path, tiny_model):
    with pytest.raises(TaggerError, match="missing.kgtag: cannot read"):
        Tagger(tmp_path / "missing.kgtag", LexiconFlags())
    data = bytearray(tiny_model.read_bytes())
    data[-10] ^= 0xFF
    (tmp_path / "corrupt.kgtag").write_bytes(bytes(data))
    with pytest.raises(TaggerError, match="corrupt.kgtag: corrupt tagger model"):
        Tagger(tmp_path / "corrupt.kgtag", LexiconFlags())
    (tmp_path / "other.kgtag").write_bytes(b"not a model at all")
    with pytest.raises(TaggerError, match="not a kg tagger model"):
        Tagger(tmp_path / "other.kgtag", LexiconFlags())
    header_end = bytes(data).index(b"\n", len(MAGIC))
    header = json.loads(bytes(data)[len(MAGIC):header_end])
    header["feature_version"] = 999
    (tmp_path / "old.kgtag").write_bytes(MAGIC + json.dumps(header).encode() + b"\n" + tiny_model.read_bytes()[header_end + 1:])
    with pytest.raises(TaggerError, match="feature version 999"):
        Tagger(tmp_path / "old.kgtag", LexiconFlags())


def test_read_conll_maps_fine_classes_and_repairs_io_tags(tmp_path):
    f = tmp_path / "fine.conll"
    f.write_text("سمير\tB-Politician\nحداد\tI-Politician\nفي\tO\nحمص\tB-Population-Center\nرواية\tB-Book\n\n"
                 "Karim I-PER\nNassar I-PER\n", encoding="utf-8")
    assert read_conll(f) == [(["سمير", "حداد", "في", "حمص", "رواية"], ["B-PERS", "I-PERS", "O", "B-LOC", "B-MISC"]),
                             (["Karim", "Nassar"], ["B-PERS", "I-PERS"])]


def test_sentences_overlapping_an_excluded_file_are_not_trained_on():
    excluded = corpus(SENTENCES[:1])
    kept, dropped = without_overlap(corpus(), excluded)
    assert dropped == 1 and corpus(SENTENCES[:1])[0] not in kept


def test_the_same_text_segmented_or_spelt_another_way_is_still_an_overlap():
    test_text = "وقال الوزير سامر حداد لوكالة الأنباء إن المفاوضات ستستأنف الأسبوع المقبل في عمان".split()
    excluded = [(test_text, ["O"] * len(test_text))]
    # a treebank-style re-annotation: clitics apart (و قال، ل وكالة), hamzas dropped (الانباء، ان)
    segmented = "و قال الوزير سامر حداد ل وكالة الانباء ان المفاوضات ستستانف الاسبوع المقبل في عمان".split()
    other = "وأعلنت الشركة عن أرباح قياسية هذا العام بفضل الصادرات".split()
    training = [(segmented, ["O"] * len(segmented)), (other, ["O"] * len(other))]
    kept, dropped = without_overlap(training, excluded)
    assert dropped == 1 and [words for words, _ in kept] == [other]
    assert join_clitics("و قال ل الجيش ان ه نسبة ه".split()) == ["وقال", "للجيش", "انه", "نسبته"]


def test_train_and_evaluate_commands(tmp_path):
    data = tmp_path / "tiny.conll"
    data.write_text(conll_text(SENTENCES * 3), encoding="utf-8")
    dev = tmp_path / "dev.conll"
    dev.write_text(conll_text(SENTENCES[:2]), encoding="utf-8")
    model = tmp_path / "m.kgtag"
    r = CliRunner().invoke(cli, ["train", "ner", "--lang", "ar", "--train", str(data), "--dev", str(dev), "--out", str(model)])
    assert r.exit_code == 0, r.output
    assert "sentence(s) dropped" in r.output and "# dev" in r.output and "overall" in r.output
    r = CliRunner().invoke(cli, ["train", "ner", "--evaluate", str(model), str(data)])
    assert r.exit_code == 0 and "F1" in r.output
    r = CliRunner().invoke(cli, ["train", "ner", "--train", str(tmp_path / "nope.conll"), "--out", str(model)])
    assert r.exit_code == 2


def test_extraction_marks_what_the_tagger_proposed(tmp_path, tiny_model):
    text = tmp_path / "a.txt"
    text.write_text("واستقبل قرنفلي الثاني الوفد في حمص.\n", encoding="utf-8")
    try:
        r = CliRunner().invoke(cli, ["extract", "--tagger-model", str(tiny_model), str(text)])
        assert r.exit_code == 0, r.output
        found = {e["label"]: e for e in json.loads(r.output)["entities"]}
        assert "entity.tagger" in found["قرنفلي الثاني"]["rules"] and 0 < found["قرنفلي الثاني"]["tagger_score"] <= 1
        r = CliRunner().invoke(cli, ["extract", "--explain", "--tagger-model", str(tiny_model), str(text)])
        assert "tagger score" in r.output
        r = CliRunner().invoke(cli, ["extract", "--no-tagger", str(text)])
        assert r.exit_code == 0 and "entity.tagger" not in r.output
        r = CliRunner().invoke(cli, ["extract", "--tagger-model", str(tmp_path / "gone.kgtag"), str(text)])
        assert r.exit_code == 2 and "gone.kgtag: cannot read the tagger model" in r.output
    finally:
        tagger.configure()


def test_the_shipped_model_is_used_and_checked():
    path = tagger.model_path("ar")
    assert path is not None and path.name == "ner-ar.kgtag" and path.exists()
    tagger.check()
    assert tagger.model_path("en").name == "ner-en.kgtag" and tagger.model_path("fr") is None  # no model: rules only


def test_the_shipped_tagger_drops_persons_guessed_from_capitals_alone():
    from kg.extract import extract
    from kg.records import Article

    text = "Karim Haddad, head of the Northern Reconstruction Federation delegation, said aid had arrived."

    def persons() -> list[str]:
        return [e.label for e in extract(Article(text=text, source="t", language="en")).entities if e.category == "person"]

    try:
        tagger.configure(enabled=False)
        assert "Northern Reconstruction Federation" in persons()  # the capitalised-words rule alone
        tagger.configure()
        assert persons() == ["Karim Haddad"]  # a given name keeps its person; the tagger vetoes the rest
    finally:
        tagger.configure()
