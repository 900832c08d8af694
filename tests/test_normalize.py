from kg.extract.normalize import light, normalize, normalize_with_offsets, original_prefix_length
from kg.extract.tokens import cut_offset, proclitic_splits, split_sentences, tokenize


def test_letters_unified():
    assert normalize("أإآٱ") == "اااا"
    assert normalize("مستشفى") == normalize("مستشفي")
    assert normalize("مدينة") == "مدينه"
    assert normalize("مسؤول") == "مسوول"
    assert normalize("٩٥") == "95"


def test_diacritics_and_tatweel_removed_with_offsets():
    text = "قـال مُؤكِّداً"
    norm, index = normalize_with_offsets(text)
    assert norm == "قال موكدا"
    # every normalised character points at the original character it came from
    assert all(normalize(text[i]) == c for c, i in zip(norm, index))


def test_light_keeps_alif_maqsura():
    assert light("عَلى") == "على" and normalize("على") == normalize("علي")


def test_proclitics():
    assert (2, "الرقه") in proclitic_splits("وبالرقه")
    assert (1, "الرقه") in proclitic_splits("بالرقه")
    assert any(stem == "المدينه" for _, stem in proclitic_splits("للمدينه"))


def test_clitic_cut_lands_on_original_offset():
    text = "وَبِالرقة"
    [tok] = tokenize(text)
    assert text[cut_offset(tok, 2):] == "الرقة"
    assert original_prefix_length("وَب", 1) == 2


def test_sentences_not_split_inside_quotes():
    text = "قال: «الأمر انتهى. لن نعود». ثم غادر.\nسطر آخر"
    toks = tokenize(text)
    sents = split_sentences(text, toks)
    assert len(sents) == 3
    assert sents[2].paragraph == 1


def test_language_detection_counts_letters_only():
    from kg.extract import detect_language

    assert detect_language("قال الرئيس إن المحادثات ستستأنف.") == "ar"
    assert detect_language("The talks will resume, the president said.") == "en"
    assert detect_language("") == "en" and detect_language("١٢٣ ، ؛ 2024") == "en"  # no letters at all
    # Arabic digits and punctuation are no letters: 18 Latin letters outweigh 12 Arabic ones
    assert detect_language("UN aid convoys arrive ١٢٣٤٥٦٧٨٩ ،،،، قافلة مساعدات") == "en"
    assert detect_language("قافلة مساعدات أممية وصلت UN") == "ar"
