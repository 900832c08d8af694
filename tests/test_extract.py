"""Rule families on sentences written for these tests (Arabic and English), with negative cases."""

from functools import partial

import pytest

from kg.extract import extract
from kg.records import Article


def run(text: str):
    x = extract(Article(text=text, source="test"))
    names = {e.key: e for e in x.entities}
    return x, names


def claimant_label(x, c):
    return x.entity(c.claimant).label if c.claimant else None


def _rule_labels(text: str, category: str) -> list[str]:
    """The labels of the entities of one category that the rules alone (no tagger) find in an Arabic text."""
    x = extract(Article(text=text, source="test", language="ar"), tagger=False)
    return [e.label for e in x.entities if e.category == category]


def test_reported_speech_with_channel_and_person_from_title():
    x, _ = run("وقال وزير الخارجية سامي الحسن لوكالة رويترز إن المحادثات ستستأنف الأسبوع المقبل.")
    [c] = x.claims
    assert claimant_label(x, c) == "سامي الحسن"
    assert x.entity(c.channel).qid == "Q130879"  # Reuters, from the checked gazetteer
    assert c.content.text == "المحادثات ستستأنف الأسبوع المقبل"
    assert c.mode == "indirect" and c.cue.text == "قال"


def test_direct_quote_after_colon_and_carried_speaker():
    text = "وأكدت الناطقة باسم المنظمة ليلى حداد أن «الوضع الإنساني كارثي». وأضافت: «نحتاج إلى ممرات آمنة»."
    x, _ = run(text)
    assert [c.content.text for c in x.claims] == ["الوضع الإنساني كارثي", "نحتاج إلى ممرات آمنة"]
    assert all(claimant_label(x, c) == "ليلى حداد" for c in x.claims)
    assert all(c.mode == "direct" for c in x.claims)


def test_participle_chain_same_speaker_and_hedged():
    x, _ = run("وأعلنت «قوات الأمن» في بيان أنها أغلقت الطريق، مرجحة أن تستمر العملية يومين، مؤكدة سقوط ثلاثة قتلى.")
    assert len(x.claims) == 3
    assert {claimant_label(x, c) for c in x.claims} == {"قوات الأمن"}
    assert [c.certainty for c in x.claims] == ["asserted", "hedged", "asserted"]
    assert x.claims[0].channel_kind == "statement"
    assert x.claims[1].quantities[0].unit == "day" and x.claims[1].quantities[0].value == 2


def test_denial():
    x, _ = run("ونفت وزارة الدفاع أن تكون طائراتها قد قصفت السوق.")
    [c] = x.claims
    assert c.certainty == "denied" and claimant_label(x, c) == "وزارة الدفاع"


def test_according_to_at_start_middle_and_end():
    x, _ = run("وبحسب الأمم المتحدة، نزح أكثر من ألف شخص. وارتفعت الأسعار، وفق مصادر محلية، بنسبة كبيرة. وتوقف العمل في الميناء، بحسب منظمة الصحة العالمية.")
    assert [c.mode for c in x.claims] == ["according_to"] * 3
    assert x.claims[0].content.text == "نزح أكثر من ألف شخص"
    assert x.claims[0].quantities[0].value == 1000 and x.claims[0].quantities[0].qualifier == "more_than"
    assert x.claims[1].claimant is None and x.claims[1].unnamed_source.text == "مصادر"
    assert x.claims[2].content.text == "وتوقف العمل في الميناء"


def test_unnamed_sources():
    x, _ = run("ويقول خبراء إن الاقتصاد سيتعافى ببطء.")
    [c] = x.claims
    assert c.claimant is None and c.unnamed_source.text == "خبراء"


def test_negatives_bain_campaign_title_and_headline():
    # بين is not a cue; a quoted campaign name is not a claim; a headline without a cue is not a claim
    x, _ = run("مواجهات عنيفة في المدينة\nاندلعت اشتباكات بين الجيش والمسلحين خلال حملة «درع الشمال» أمس.")
    assert x.claims == []
    ops = [e for e in x.entities if e.type == "MilitaryOperation"]
    assert ops and ops[0].category == "other"


def test_according_to_needs_a_source():
    x, _ = run("وتم توزيع المساعدات وفق الخطة المعتمدة.")
    assert x.claims == []


def test_entities_clitics_demonyms_and_places():
    x, names = run("وصلت قافلة إيرانية إلى بغداد، ودخلت القوات بلدة تل الهوى في محافظة نينوى قرب نهر دجلة.")
    by_label = {e.label: e for e in x.entities}
    assert names["Q794"].mentions[0].text == "إيرانية"
    assert "Q1530" in names  # Baghdad via بغداد after إلى
    assert by_label["تل الهوى"].type == "City"  # the trigger بلدة types the town; its name is the rest
    assert [m.text for m in by_label["تل الهوى"].mentions] == ["تل الهوى"]
    assert names["Q189352"].type == "Region"
    assert names["Q35591"].type == "River"


def test_coreference_nominal_and_name_parts():
    text = (
        "قال المرصد السوري لحقوق الإنسان إن الاشتباكات مستمرة في مدينة حلب. "
        "وأضاف المرصد أن المدينة شهدت قصفا. وقال مدير «المرصد» كريم ناصر إن الوضع صعب. وأشار ناصر إلى أن الطرق مقطوعة."
    )
    x, names = run(text)
    sohr = next(e for e in x.entities if e.label.startswith("المرصد السوري"))
    assert len(sohr.mentions) >= 3
    assert any(m.text == "المدينة" for m in names["Q41183"].mentions)
    karim = next(e for e in x.entities if e.label == "كريم ناصر")
    assert any(m.text == "ناصر" for m in karim.mentions)
    assert claimant_label(x, x.claims[-1]) == "كريم ناصر"
    assert any(r.role == "director" and r.person == karim.key for r in x.roles)


def test_newspaper_vs_region():
    x, names = run("وقال الوزير عماد سالم لـ«الشرق الأوسط» إن الشرق الأوسط يمر بمرحلة صعبة.")
    [c] = x.claims
    assert x.entity(c.channel).type == "MediaOrganization"
    assert names["Q7204"].mentions[0].text == "الشرق الأوسط"


def test_english_patterns():
    text = (
        '"The situation is dire," said Sarah Miller, a spokeswoman for the agency.\n'
        "The army said on Monday that 12 soldiers were wounded.\n"
        "According to local officials, the bridge was destroyed.\n"
        "Prices rose by 5 percent in March, the Central Bank of Egypt said.\n"
    )
    x, _ = run(text)
    contents = [c.content.text for c in x.claims]
    assert "The situation is dire" in contents
    assert "12 soldiers were wounded" in contents
    assert "the bridge was destroyed" in contents
    assert "Prices rose by 5 percent in March" in contents
    dire = next(c for c in x.claims if c.content.text == "The situation is dire")
    assert claimant_label(x, dire) == "Sarah Miller" and dire.mode == "direct"


@pytest.mark.parametrize(
    "text,value,unit,qualifier",
    [
        ("قال المسؤول إن نحو ٩٥ في المائة من الأراضي تحت السيطرة.", 95, "percent", "about"),
        ("أكد البيان أن ما يربو على ألف طن من القمح وصلت.", 1000, "tonne", "more_than"),
        ("قال المتحدث إن القوات تسيطر على أكثر من 100 كيلومتر مربع.", 100, "km2", "more_than"),
        ("قال المتحدث إن 5 آلاف مدني نزحوا.", 5000, "person", None),
        ("Officials said at least 40 people were killed.", 40, "person", "at_least"),
    ],
)
def test_quantities(text, value, unit, qualifier):
    x, _ = run(text)
    q = x.claims[0].quantities[0]
    assert (q.value, q.unit, q.qualifier) == (value, unit, qualifier)


def test_conflicting_figures_from_different_claimants():
    text = (
        "قال المرصد السوري لحقوق الإنسان إن الفصائل تسيطر على نحو 70 في المائة من مدينة إدلب. "
        "وأكدت الحكومة السورية أن الفصائل لا تسيطر إلا على 40 في المائة من المدينة."
    )
    x, _ = run(text)
    assert len(x.conflicts) == 1
    assert "percent" in x.conflicts[0].reason


def test_roles_before_and_after_the_name():
    x, _ = run("وقال رئيس الهيئة العامة للإحصاء وليد منصور إن الأسعار ارتفعت.")
    [r] = x.roles
    assert (x.entity(r.person).label, r.role, x.entity(r.organization).label) == ("وليد منصور", "head", "الهيئة العامة للإحصاء")
    x, _ = run("Philippe Martin, head of the World Health Organization, said the outbreak was contained.")
    [r] = x.roles
    assert (x.entity(r.person).label, r.role, x.entity(r.organization).qid) == ("Philippe Martin", "head", "Q7817")


def test_carried_speaker_agrees_in_gender():
    text = (
        "وقالت وزيرة الصحة هالة زايد إن المستشفيات ممتلئة. وقال مدير المستشفى كريم نصار إن الأدوية نفدت. "
        "وأضافت: «نحتاج إلى دعم عاجل»."
    )
    x, _ = run(text)
    assert claimant_label(x, x.claims[-1]) == "هالة زايد"


def test_demonstrative_and_topic_subject():
    text = (
        "وأعلنت «قوات الدفاع الشعبي» سيطرتها على البلدة. ودخلت هذه القوات الحي الشرقي. "
        "أما وزارة الدفاع، فأكدت أن «العملية مستمرة»."
    )
    x, _ = run(text)
    forces = next(e for e in x.entities if "الدفاع الشعبي" in e.label)
    assert any(m.text == "هذه القوات" for m in forces.mentions)
    assert claimant_label(x, x.claims[-1]) == "وزارة الدفاع"


def test_relayed_claim_channel_and_unnamed_source():
    x, _ = run("ونقلت وكالة الأناضول عن مصدر أمني قوله إن «الهجوم أسفر عن مقتل ثلاثة جنود».")
    [c] = x.claims
    assert c.claimant is None and c.unnamed_source.text == "مصدر"
    assert x.entity(c.channel).label == "وكالة الأناضول"
    assert c.content.text == "الهجوم أسفر عن مقتل ثلاثة جنود"


def test_denial_with_a_bare_object_and_two_organisations_in_a_row():
    x, _ = run("اتهمت قوات الحماية الشعبية الجيش الليبي بقصف السوق، فيما نفى الجيش أي مسؤولية عن الهجوم.")
    labels = {e.label for e in x.entities}
    assert "قوات الحماية الشعبية" in labels and "الجيش الليبي" in labels
    accusation, c = x.claims  # the accusation is a claim too: that the army shelled the market
    assert accusation.content.text == "الجيش الليبي بقصف السوق" and claimant_label(x, accusation) == "قوات الحماية الشعبية"
    assert c.certainty == "denied" and c.content.text == "أي مسؤولية عن الهجوم"
    assert claimant_label(x, c) == "الجيش الليبي"


def test_document_noun_after_according_to():
    x, _ = run("ووفقاً لتقديرات منظمة الصحة العالمية، أصيب أكثر من ألف شخص.")
    [c] = x.claims
    assert x.entity(c.claimant).qid == "Q7817"


def test_described_english_organisation_is_a_claimant():
    x, _ = run("The eastern-based government denied any role in the attack.")
    [c] = x.claims
    assert claimant_label(x, c) == "eastern-based government" and c.certainty == "denied"


def test_ali_and_the_preposition_where_alif_maqsura_is_written_ya():
    persons = partial(_rule_labels, category="person")

    # إلي and حتي show a writer who spells every ى as ي: علي before a definite noun is the preposition
    assert persons("وأكد الوزير أن العمل يجري علي الصعيد المحلي، وأن الوفد وصل إلي المدينة حتي المساء.") == []
    assert persons("وقال علي حسن إن الوفد وصل إلي المدينة.") == ["علي حسن"]  # a name still follows the name
    # where ى is written as such, علي is only ever the name
    assert persons("وأكد علي الحسيني أن الوفد وصل إلى المدينة على متن طائرة.") == ["علي الحسيني"]


class _FakeTagger:
    """Stands in for the CRF where a test fixes the tagger's reading: sure of its spans, unsure of vetoes."""

    def score(self, words, labels, first, last):
        return 0.95

    def probability(self, words, first, last, kind):
        return 0.5


def _reading(word: str, labels: list[str], category: str | None = None):
    """A fake ``_tagger_output``: ``labels`` from the token ``word`` on, O elsewhere; with ``category``,
    the labelled words are also the tagger's one proposed span."""
    from kg.extract.tagged import TaggerOutput

    def output(self):
        first = next(k for k, t in enumerate(self.tokens) if t.text == word)
        by_token = {k: "O" for k in range(len(self.tokens))} | {first + n: lab for n, lab in enumerate(labels)}
        starts = [s.start for s in self.sentences]
        words = [[t.text for t in self.tokens[s.start:s.end]] for s in self.sentences]
        per_sentence = [[by_token[k] for k in range(s.start, s.end)] for s in self.sentences]
        spans = [f for f in [self._tagged(first, first + len(labels), category)] if f is not None] if category else []
        return TaggerOutput(by_token, spans, _FakeTagger(), starts, words, per_sentence)

    return output


def test_the_tagger_ends_a_person_the_rules_ran_on(monkeypatch):
    from kg.extract.tagged import TaggerRules

    text = "والتقى رئيس الوزراء كريم دحلان الأسبوع الماضي بالوفد."

    def persons() -> list[str]:
        x = extract(Article(text=text, source="test", language="ar"))
        return [e.label for e in x.entities if e.category == "person"]

    monkeypatch.setattr(TaggerRules, "_tagger_output", lambda self: None)
    assert persons() == ["كريم دحلان الأسبوع"]  # the rules alone take the definite word as a family name
    monkeypatch.setattr(TaggerRules, "_tagger_output", _reading("كريم", ["B-PERS", "I-PERS"]))
    assert persons() == ["كريم دحلان"]  # the tagger labels it outside the name: its boundary is kept
    monkeypatch.setattr(TaggerRules, "_tagger_output", _reading("كريم", ["B-PERS", "I-PERS", "I-PERS"]))
    assert persons() == ["كريم دحلان الأسبوع"]  # where the tagger agrees, nothing changes
    # two words the tagger labels outside the name: both cut off; a particle or a reign's number never is
    text = "وأعلن الرئيس ماتياس حالة طوارئ في البلاد."
    monkeypatch.setattr(TaggerRules, "_tagger_output", lambda self: None)
    assert persons() == ["ماتياس حالة طوارئ"]
    monkeypatch.setattr(TaggerRules, "_tagger_output", _reading("ماتياس", ["B-PERS", "O", "O"]))
    assert persons() == ["ماتياس"]
    text = "واستقبل الشيخ كريم بن ناصر آل مرزوق الوفد."
    monkeypatch.setattr(TaggerRules, "_tagger_output", _reading("كريم", ["B-PERS", "I-PERS", "I-PERS", "O", "O"]))
    assert persons() == ["كريم بن ناصر آل مرزوق"]
    text = "واستقبل الملك فيصل السادس عشر الوفد."
    monkeypatch.setattr(TaggerRules, "_tagger_output", _reading("فيصل", ["B-PERS", "O", "O"]))
    assert persons() == ["فيصل السادس عشر"]


def _places_read(monkeypatch, text: str, probability: float | None) -> list[str]:
    """The place mentions of ``text`` where the tagger gives every word ``probability`` of every kind of name
    (its labels all O); ``None``: no tagger at all."""
    from kg.extract.tagged import TaggerRules

    if probability is None:
        monkeypatch.setattr(TaggerRules, "_tagger_output", lambda self: None)
    else:
        monkeypatch.setattr(TaggerRules, "_tagger_output", _reading("وقال", ["O"]))
        monkeypatch.setattr(_FakeTagger, "probability", lambda self, words, first, last, kind: probability)
    x = extract(Article(text=text, source="test", language="ar"))
    return [m.text for e in x.entities if e.category == "place" for m in e.mentions]


def test_a_town_geonames_alone_knows_needs_the_tagger_to_read_a_name_there(monkeypatch):
    from kg.extract.tagged import GEONAMES_ONLY_NAME

    def places(text: str, probability: float | None) -> list[str]:
        return _places_read(monkeypatch, text, probability)

    # «سلالة» ("a breed") and «مساكن» ("dwellings") are towns in GeoNames and nowhere else in kg's gazetteer
    text = "وقال الباحث إن سلالة الخيول نادرة، وإن مساكن العمال قديمة."
    assert places(text, GEONAMES_ONLY_NAME / 4) == []  # read as no name at all (each kind a quarter of the bar)
    assert places(text, GEONAMES_ONLY_NAME) == ["سلالة", "مساكن"]  # (each kind at the bar: read as a name)
    assert places(text, None) == ["سلالة", "مساكن"]  # without a tagger there is no evidence against the town
    # said to be a place by a trigger word: the town whatever the tagger says
    assert places("وقال الباحث إن مدينة مساكن قديمة.", GEONAMES_ONLY_NAME / 4) == ["مساكن"]


def test_a_checked_place_named_by_a_common_word_needs_the_tagger_to_read_a_place(monkeypatch):
    from kg.extract.tagged import COMMON_WORD_PLACE

    def places(text: str, probability: float) -> list[str]:
        return _places_read(monkeypatch, text, probability)

    # الطبقة is a Syrian town in the checked gazetteer, and "the class" in everyday Arabic (common both ways)
    text = "وقال الكاتب إن الطبقة الوسطى تتعرض لضغوط كبيرة."
    assert places(text, COMMON_WORD_PLACE / 2) == []
    assert places(text, COMMON_WORD_PLACE) == ["الطبقة"]
    assert places("وقال الكاتب إن مدينة الطبقة تتعرض لضغوط كبيرة.", COMMON_WORD_PLACE / 2) == ["الطبقة"]  # a trigger
    # a demonym is the country's whatever the tagger reads (the annotation guide: «دعم روسي» IS Russia)
    assert places("وقال الكاتب إن الخطة تحظى بدعم لبناني واسع.", COMMON_WORD_PLACE / 2) == ["لبناني"]


def test_an_everyday_indefinite_word_after_a_place_trigger_describes_the_place_unless_the_tagger_reads_one(monkeypatch):
    from kg.extract.tagged import COMMON_WORD_PLACE

    def places(text: str, probability: float | None) -> list[str]:
        return _places_read(monkeypatch, text, probability)

    # «حرة» "free" and «مهمة» "important": a free zone, an important city — what the place is like
    text = "وقال الوزير إن الحكومة ستقيم منطقة حرة قرب مدينة مهمة على الساحل."
    assert places(text, COMMON_WORD_PLACE / 2) == []
    assert places(text, COMMON_WORD_PLACE) == ["حرة", "مهمة"]  # the tagger reads places there: the names stand
    assert places(text, None) == ["حرة", "مهمة"]  # without a tagger there is no evidence against them
    # a rare word, a definite word and a compound name's first word after a trigger are names as before
    text = "وقال الوزير إن القوات دخلت بلدة كفرنبودة ومنطقة النخيل وقرية عين الحلوة."
    assert places(text, COMMON_WORD_PLACE / 2) == ["كفرنبودة", "النخيل", "عين الحلوة"]


def test_a_channel_named_by_an_everyday_word_is_the_channel_after_a_media_word_or_where_the_tagger_reads_a_name(
        monkeypatch):
    from kg.extract.tagged import COMMON_WORD_PLACE, TaggerRules

    def orgs(text: str, probability: float) -> list[str]:
        monkeypatch.setattr(TaggerRules, "_tagger_output", _reading("وقال", ["O"]))
        monkeypatch.setattr(_FakeTagger, "probability", lambda self, words, first, last, kind: probability)
        x = extract(Article(text=text, source="test", language="ar"))
        return [e.qid or e.label for e in x.entities if e.category == "organization"]

    event = "وقال المنظمون إن الحدث سيقام غدا في العاصمة."  # الحدث "the event", also a news channel's name
    assert orgs(event, COMMON_WORD_PLACE / 4) == []
    assert orgs(event, COMMON_WORD_PLACE) == ["قناة الحدث"]
    assert orgs("وقال الوزير للحدث إن المفاوضات مستمرة.", COMMON_WORD_PLACE / 4) == ["قناة الحدث"]  # «ل»: a channel
    # an organisation of another kind named by a common word stands (القاعدة "the base", "the rule")
    assert orgs("وقال المسؤول إن القاعدة تبنت الهجوم.", COMMON_WORD_PLACE / 4) == ["Q34490"]


def test_a_family_name_the_tagger_has_not_met_stays_where_the_name_must_end(monkeypatch):
    from kg.extract.tagged import TaggerRules

    def persons(text: str, labels: tuple[str, ...] = ("B-PERS", "O")) -> list[str]:
        monkeypatch.setattr(TaggerRules, "_tagger_output", _reading("سامر", list(labels)))
        x = extract(Article(text=text, source="test", language="ar"))
        return [e.label for e in x.entities if e.category == "person"]

    # a nisba that is no everyday word, the last word before punctuation or a «و» conjunct: the rule's end stands
    assert persons("وقال المستشار سامر الزبيدي: إن الاتفاق قريب.") == ["سامر الزبيدي"]
    assert persons("وحضر رئيس الوزراء سامر فلوح ووزير الداخلية الحفل.") == ["سامر فلوح"]
    assert persons("وأكد المستثمر سامر فلوح «أن الشركة رابحة».") == ["سامر فلوح"]
    # a definite word right after «بن X»: the family's name or an epithet ending the nasab
    assert persons("وقال الشيخ سامر بن ناصر العطار إن الاتفاق قريب.", ("B-PERS", "I-PERS", "I-PERS", "O")) == [
        "سامر بن ناصر العطار"]
    # … but not one of the commonest words nor a plural: the tagger's boundary stands
    assert persons("وقال الشيخ سامر بن ناصر المسؤول عن الملف إن الاتفاق قريب.", ("B-PERS", "I-PERS", "I-PERS", "O")) == [
        "سامر بن ناصر"]
    # a definite everyday word, or a word the clause goes on after, is still cut where the tagger ends the name
    assert persons("وقال المستشار سامر الماضي إن الاتفاق قريب.") == ["سامر"]
    assert persons("والتقى رئيس الوزراء سامر فلوح الأسبوع الماضي بالوفد.", ("B-PERS", "I-PERS", "O")) == ["سامر فلوح"]


def test_a_foreign_name_spelt_like_a_proclitic_and_the_article_goes_on_the_name():
    persons = partial(_rule_labels, category="person")

    # فالديز (Valdez) and كالفينو (Calvino) read as ف / ك + the article would be "so the …", "like the …":
    # no Arabic word «الديز» or «الفينو» bears that reading out, so the letters are the name's own
    assert persons("وأوضح رئيس الشركة ماتياس كالفينو أن الأرباح تضاعفت.") == ["ماتياس كالفينو"]
    assert persons("وقال الوزير ماتياس فالديز إن المحادثات صعبة.") == ["ماتياس فالديز"]
    # a real proclitic before a definite noun still ends the name; after «و», a definite name too (another person)
    assert persons("وقال الوزير ماتياس فالحكومة لن تتراجع.") == ["ماتياس"]
    assert persons("وشارك في الحفل الفنان سامر حداد والمهتدي بالله.") == ["سامر حداد"]


def test_a_sovereigns_name_ends_with_the_number_of_the_reign(monkeypatch):
    from kg.extract.tagged import TaggerRules

    persons = partial(_rule_labels, category="person")
    assert persons("واستقبل جلالة الملك فيصل الثالث الوفد أمس.") == ["فيصل الثالث"]
    assert persons("وقال البابا سمعان السابع عشر إن السلام ممكن.") == ["سمعان السابع عشر"]
    assert persons("وتوجت الملكة هيلين الثانية في القصر.") == ["هيلين الثانية"]
    # a given name with the article after a sovereign's or an imam's title (not after any title)
    assert persons("وكان الملك الحسن قد أمر ببناء الجسر.") == ["الحسن"]
    assert persons("وزار الوفد مرقد الإمام الهادي في المدينة.") == ["الهادي"]
    assert persons("وقال الوزير الحسن إن الوضع مستقر.") == []
    # the tagger labelling the number outside the name does not cut it off after a sovereign's title
    text = "واستقبل الملك فيصل الثالث الوفد أمس."
    monkeypatch.setattr(TaggerRules, "_tagger_output", _reading("فيصل", ["B-PERS", "O"]))
    x = extract(Article(text=text, source="test", language="ar"))
    assert [e.label for e in x.entities if e.category == "person"] == ["فيصل الثالث"]
    # elsewhere an ordinal is no part of a name (a seed, a rank): the tagger's boundary stands
    text = "وفازت الروسية نادية كوفالي الثالثة على منافستها."
    monkeypatch.setattr(TaggerRules, "_tagger_output", _reading("نادية", ["B-PERS", "I-PERS", "O"]))
    x = extract(Article(text=text, source="test", language="ar"))
    assert [e.label for e in x.entities if e.category == "person"] == ["نادية كوفالي"]


def test_and_with_an_everyday_word_starts_another_conjunct_not_more_of_the_name():
    from kg.extract.entities import _Finder
    from kg.extract.tokens import split_sentences, tokenize

    # the rules alone: «وعدد» ("and a number") ends the name before it
    assert _rule_labels("والتقى الوزير ماتياس كالفينو وعدد من النواب أمس.", "person") == ["ماتياس كالفينو"]
    # a tagger span over «… وإخراج …» ("and directed by"): one person each side, the everyday word in neither
    text = "والفيلم من تأليف تاكيرو موراني وإخراج كينجي ساتورو."
    tokens = tokenize(text)
    finder = _Finder(text, tokens, split_sentences(text, tokens), "ar")
    k = next(n for n, t in enumerate(tokens) if t.text == "تاكيرو")
    assert finder._conjoined_pieces(k, k + 5, "person") == [(k, k + 2), (k + 3, k + 5)]


def test_the_tagger_does_not_end_a_name_on_a_particle(monkeypatch):
    from kg.extract.tagged import TaggerRules

    text = "واستقبل الأمير فهد بن سالم آل مرزوق الوفد في القصر."
    monkeypatch.setattr(TaggerRules, "_tagger_output", _reading("فهد", ["B-PERS", "I-PERS", "I-PERS", "I-PERS", "O"]))
    x = extract(Article(text=text, source="test", language="ar"))
    # the tagger reads the family's name after «آل» as outside the name: a name does not end on «آل»
    assert [e.label for e in x.entities if e.category == "person"] == ["فهد بن سالم آل مرزوق"]


def test_the_tagger_starts_a_known_family_name_earlier_and_the_link_follows_the_name(monkeypatch):
    from kg.extract.tagged import TaggerRules

    def persons(text: str, reading) -> list[tuple[str, str | None, list[str]]]:
        monkeypatch.setattr(TaggerRules, "_tagger_output", reading)
        x = extract(Article(text=text, source="test", language="ar"))
        return [(e.label, e.qid, [m.text for m in e.mentions]) for e in x.entities if e.category == "person"]

    relative = "وحضرت ميلانيا ترامب الحفل في نيويورك."
    assert persons(relative, lambda self: None) == [("دونالد ترامب", "Q22686", ["ترامب"])]  # the family name alone
    # the tagger reads the given name before it as the same name's start: another person of that family
    assert persons(relative, _reading("ميلانيا", ["B-PERS", "I-PERS"])) == [("ميلانيا ترامب", None, ["ميلانيا ترامب"])]
    # a spelling of the known person's own name (as many words, the same first letter) keeps the link
    variant = "وقال فلاديمر بوتين إن المحادثات مفيدة."
    assert persons(variant, _reading("فلاديمر", ["B-PERS", "I-PERS"])) == [("فلاديمير بوتين", "Q7747", ["فلاديمر بوتين"])]
    # a title is never taken into the name, whatever the tagger reads
    titled = "وقال الرئيس بوتين إن المحادثات مفيدة."
    assert persons(titled, _reading("الرئيس", ["B-PERS", "I-PERS"])) == [("فلاديمير بوتين", "Q7747", ["بوتين"])]
    # nor a definite word no title list holds (an occupation, an adjective): such a word starts no name
    for described in ("وقال الفنان سامر فلوح إن العرض ناجح.", "وتأهل المخضرم سامر فلوح إلى النهائي."):
        word = described.split()[1]
        assert [p[0] for p in persons(described, _reading(word, ["B-PERS", "I-PERS", "I-PERS"]))] == ["سامر فلوح"]


def test_a_person_the_tagger_found_is_kept_though_each_word_ends_as_a_nisba_does(monkeypatch):
    # كوستي، ناباري end in ي like an adjective (دولي), as do هنري، مصطفى (normalised مصطفي): a name all the same
    text = "وقاد الدولي الفرنسي كوستي ناباري فريقه إلى الفوز."
    person = _first_entity(monkeypatch, text, _reading("كوستي", ["B-PERS", "I-PERS"], "person"), "person")
    assert [m.text for m in person.mentions] == ["كوستي ناباري"] and person.rules == ["entity.tagger"]
    # an organisation's head and an adjective alone name no organisation (منظمة دولية "an international one")
    from kg.extract.tagged import TaggerRules

    text = "وقالت منظمة دولية إن الوضع صعب."
    monkeypatch.setattr(TaggerRules, "_tagger_output", _reading("منظمة", ["B-ORG", "I-ORG"], "organization"))
    assert [e for e in extract(Article(text=text, source="test", language="ar")).entities if e.category == "organization"] == []


def test_a_rule_person_and_the_tagger_s_name_right_after_it_are_one_person(monkeypatch):
    from kg.extract.tagged import TaggerRules

    text = "وقال المستشار سامر دبوس بيرغن إن الاتفاق قريب. وأضاف بيرغن أن الوفد سيعود."

    def persons(reading) -> list[tuple[str, list[str], list[str]]]:
        monkeypatch.setattr(TaggerRules, "_tagger_output", reading)
        x = extract(Article(text=text, source="test", language="ar"))
        return [(e.label, [m.text for m in e.mentions], e.rules) for e in x.entities if e.category == "person"]

    assert persons(lambda self: None)[0][0] == "سامر دبوس"  # the rules stop after two unknown words
    # the tagger starts a name again right after it: one name, the join the tagger's; its family name recurs
    assert persons(_reading("بيرغن", ["B-PERS"], "person")) == [
        ("سامر دبوس بيرغن", ["سامر دبوس بيرغن", "بيرغن"], ["entity.tagger", "entity.part"])]
    conjoined = "وقال المستشار سامر دبوس وبيرغن إن الاتفاق قريب."
    monkeypatch.setattr(TaggerRules, "_tagger_output", _reading("وبيرغن", ["B-PERS"], "person"))
    x = extract(Article(text=conjoined, source="test", language="ar"))
    labels = [e.label for e in x.entities if e.category == "person"]
    assert len(labels) == 2 and labels[0] == "سامر دبوس"  # after «و», another person


def test_a_name_s_last_word_that_is_one_of_the_commonest_words_is_no_mention_of_the_person_alone():
    text = "استقبل الوزير نادر الجديد الوفد في مكتبه. وقال الوزير إن المشروع الجديد سيبدأ قريبا."
    x = extract(Article(text=text, source="test", language="ar"), tagger=False)
    assert [[m.text for m in e.mentions] for e in x.entities if e.category == "person"] == [["نادر الجديد"]]
    # a family name less common than that is still the person (الخطيب، الشامي)
    text = "استقبل الوزير نادر الخطيب الوفد في مكتبه. وقال الخطيب إن المشروع سيبدأ قريبا."
    x = extract(Article(text=text, source="test", language="ar"), tagger=False)
    assert [[m.text for m in e.mentions] for e in x.entities if e.category == "person"] == [["نادر الخطيب", "الخطيب"]]


def test_an_unknown_family_name_after_two_given_names_is_part_of_the_name():
    persons = partial(_rule_labels, category="person")
    assert persons("وقال كريم حسن دحلان إن الاجتماع ناجح.") == ["كريم حسن دحلان"]
    # given names of other languages, as the Arabic press writes them
    assert persons("وقال وزير الخارجية كارلوس ماتيو فيرنانديز في مؤتمر صحفي إن الاجتماع ناجح.") == ["كارلوس ماتيو فيرنانديز"]
    assert persons("وقالت أنجيلا شتورم إن الوفد وصل.") == ["أنجيلا شتورم"]


def test_feminine_titles_and_more_roles_introduce_a_person_with_the_role():
    x = extract(Article(text="وقالت المستشارة كارين شتورم إن الاتفاق قريب، فيما أكد ولي العهد سامر الحداد أن "
                             "المفاوضات مستمرة.", source="test", language="ar"), tagger=False)
    assert [e.label for e in x.entities if e.category == "person"] == ["كارين شتورم", "سامر الحداد"]
    assert [r.role for r in x.roles] == ["adviser", "crown prince"]


def test_a_full_name_repeated_where_the_rules_see_no_person_is_that_person():
    text = "ورحب الوزير نادر قباني بالضيوف. ثم استقبل نادر قباني الوفد في مكتبه."
    x = extract(Article(text=text, source="test", language="ar"), tagger=False)
    person = next(e for e in x.entities if e.category == "person")
    assert [m.text for m in person.mentions] == ["نادر قباني", "نادر قباني"]  # not the family name alone
    assert len([e for e in x.entities if e.category == "person"]) == 1


def test_the_tagger_carries_a_person_on_where_the_rules_stopped(monkeypatch):
    from kg.extract.tagged import TaggerRules

    text = "وقال وزير الخارجية فاسكو ماتيوس فيرنانديز غارسيا في مؤتمر صحفي إن الاجتماع ناجح."

    def persons() -> list[str]:
        x = extract(Article(text=text, source="test", language="ar"))
        return [e.label for e in x.entities if e.category == "person"]

    def reading(names: int):
        return _reading("فاسكو", ["B-PERS"] + ["I-PERS"] * (names - 1))

    monkeypatch.setattr(TaggerRules, "_tagger_output", lambda self: None)
    assert persons() == ["فاسكو ماتيوس"]  # the rules alone stop after two unknown words
    monkeypatch.setattr(TaggerRules, "_tagger_output", reading(4))
    assert persons() == ["فاسكو ماتيوس فيرنانديز غارسيا"]  # the tagger reads the name on: its end is kept
    monkeypatch.setattr(TaggerRules, "_tagger_output", reading(2))
    assert persons() == ["فاسكو ماتيوس"]  # where it agrees with the rules, nothing changes


def test_a_titled_person_the_tagger_is_sure_names_no_one_is_dropped():
    text = "واقترح الوزير الأردني إجراء انتخابات مبكرة في الربيع."

    def persons(tagger: bool) -> list[str]:
        x = extract(Article(text=text, source="test", language="ar"), tagger=tagger)
        return [e.label for e in x.entities if e.category == "person"]

    assert persons(False) == ["إجراء انتخابات مبكرة"]  # a title, then words: the rules alone take them for a name
    assert persons(True) == []  # the tagger gives them almost no chance of being one


def test_a_club_named_after_its_city_is_an_organisation_not_the_city():
    def named(text: str, lang: str = "ar") -> list[tuple[str, str]]:
        x = extract(Article(text=text, source="test", language=lang), tagger=False)
        return [(e.category, m.text) for e in x.entities for m in e.mentions]

    assert named("وتغلب دينامو كييف على ضيفه بهدفين.") == [("organization", "دينامو كييف")]
    assert named("وفاز ريال مدريد في الدوري.") == [("organization", "ريال مدريد")]
    assert named("وتعادل مانشستر يونايتد مع ضيفه.") == [("organization", "مانشستر يونايتد")]  # a word after the city
    assert named("وانضم المدافع رسميا لمانشستر يونايتد أمس.") == [("organization", "مانشستر يونايتد")]  # after «ل» too
    # «نادي» / «فريق» before a place: the club, named by the place's name (the noun outside the mention)
    assert named("وتعاقد نادي ليفربول مع المدرب.") == [("organization", "ليفربول")]
    assert named("وفاز فريق قطر على ضيفه.") == [("organization", "قطر")]
    assert named("Dynamo Kyiv beat their guests 2-1.", "en") == [("organization", "Dynamo Kyiv")]
    # the club word needs a place after it: the riyal before a demonym is money
    assert named("وبلغ السعر ألف ريال سعودي.") == []  # a currency (no club), its adjective no mention of the country
    assert named("وزار الوفد كييف أمس.") == [("place", "كييف")]


def test_a_noun_that_says_what_kind_of_organisation_or_place_stays_outside_its_name():
    def named(text: str) -> list[tuple[str, str]]:
        x = extract(Article(text=text, source="test", language="ar"), tagger=False)
        return [(e.category, m.text) for e in x.entities for m in e.mentions]

    assert named("وأعلنت شركة مايكروسوفت عن خطة جديدة.") == [("organization", "مايكروسوفت")]
    assert named("وقالت صحيفة الأهرام إن المفاوضات تعثرت.") == [("organization", "الأهرام")]
    assert named("ووصل الوفد إلى دولة الكويت أمس.") == [("place", "الكويت")]
    # the whole names another entity than its rest: the whole stays
    assert named("وقصفت الطائرات قطاع غزة ليلا.") == [("place", "قطاع غزة")]
    assert named("وزار الوفد إقليم كردستان أمس.") == [("place", "إقليم كردستان")]
    # the noun outside the name still carries the «ل» that makes the name a channel
    x = extract(Article(text="وقال الوزير رامي خليل لصحيفة الأهرام إن المحادثات ستستأنف.", source="test", language="ar"),
                tagger=False)
    [c] = x.claims
    assert x.entity(c.channel).label_ar == "الأهرام" and claimant_label(x, c) == "رامي خليل"


def test_a_demonym_standing_as_a_noun_says_who_the_name_after_it_is():
    persons = partial(_rule_labels, category="person")

    assert persons("وتأهل الهولندي ماركوس فيربيك إلى الدور الثاني.") == ["ماركوس فيربيك"]  # "the Dutchman"
    assert persons("وفازت على البرازيلية لويزا تافاريس في النهائي.") == ["لويزا تافاريس"]
    # an adjective of a definite noun is no title of its own; a plural is no one's
    assert persons("وأعلنت الحكومة البرتغالية خطة جديدة.") == []
    assert persons("وقال الإثيوبيون إن السد اكتمل.") == []
    places = partial(_rule_labels, category="place")
    assert places("وقال مسؤول يوناني إن سفينة تركية اقتربت من الجزيرة.") == ["اليونان", "تركيا"]


def test_a_title_with_a_possessive_stands_before_the_name_not_in_it():
    persons = partial(_rule_labels, category="person")

    assert persons("والتقى وزير الخارجية نظيره غوستافو ألميدا في العاصمة.") == ["غوستافو ألميدا"]  # "his counterpart"
    assert persons("واستقبلت الوزيرة نظيرتها لينا ماركوفا أمس.") == ["لينا ماركوفا"]
    assert persons("وقال مستشاره سامر دبوس إن الاتفاق قريب.") == ["سامر دبوس"]  # a title (مستشار) + "his"
    # ة normalised reads ه: محافظة "governorate" is no محافظ "governor" + "his"
    assert persons("وانتشرت الدوريات في المدينة ومحافظة البادية والمناطق المحيطة بها.") == []


def _first_entity(monkeypatch, text: str, reading, category: str):
    """The first entity of ``category`` that extraction finds in ``text`` with the tagger reading ``reading``."""
    from kg.extract.tagged import TaggerRules

    monkeypatch.setattr(TaggerRules, "_tagger_output", reading)
    x = extract(Article(text=text, source="test", language="ar"))
    return next(e for e in x.entities if e.category == category)


def test_a_person_only_the_tagger_found_gets_its_later_name_parts(monkeypatch):
    text = "وفاز الدراج توماس بيرغن بالمرحلة الثالثة، وتقدم بيرغن في الترتيب العام."
    # the tagger labels the full name, not the family name after it
    person = _first_entity(monkeypatch, text, _reading("توماس", ["B-PERS", "I-PERS"], "person"), "person")
    assert [m.text for m in person.mentions] == ["توماس بيرغن", "بيرغن"]
    assert person.rules == ["entity.tagger", "entity.part"]


def test_a_name_only_the_tagger_found_is_the_same_entity_where_it_recurs(monkeypatch):
    text = "وفاز نادي غرانتيل الرياضي باللقب. وقال مدرب غرانتيل إن الفريق استحق الفوز."
    # the tagger labels the name in its first sentence only
    org = _first_entity(monkeypatch, text, _reading("غرانتيل", ["B-ORG"], "organization"), "organization")
    assert [m.text for m in org.mentions] == ["غرانتيل", "غرانتيل"]
    assert org.rules == ["entity.tagger", "entity.tagger-repeat"]


def test_a_place_inside_a_name_the_tagger_reads_as_an_organisation_is_the_organisation(monkeypatch):
    from kg.extract.tagged import TaggerRules

    text = "خسر فوركا كييف أمام منافسه مساء السبت في العاصمة."

    def named() -> list[tuple[str, list[str]]]:
        x = extract(Article(text=text, source="test", language="ar"))
        return [(e.category, [m.text for m in e.mentions]) for e in x.entities if e.category in {"place", "organization"}]

    monkeypatch.setattr(TaggerRules, "_tagger_output", lambda self: None)
    assert named() == [("place", ["كييف"])]  # the rules alone: the city the gazetteer knows
    monkeypatch.setattr(TaggerRules, "_tagger_output", _reading("فوركا", ["B-ORG", "I-ORG"], "organization"))
    assert named() == [("organization", ["فوركا كييف"])]  # a club named after its city: the club, no place
    monkeypatch.setattr(TaggerRules, "_tagger_output", _reading("فوركا", ["B-LOC", "I-LOC"], "place"))
    assert named() == [("place", ["كييف"])]  # only an organisation the tagger reads there overrules the gazetteer
    monkeypatch.setattr(TaggerRules, "_tagger_output", _reading("كييف", ["B-ORG"], "organization"))
    assert named() == [("organization", ["كييف"])]  # the city alone, read surely as an organisation: the club
    monkeypatch.setattr(_FakeTagger, "probability", lambda self, words, first, last, kind: 0.3)
    assert named() == [("place", ["كييف"])]  # read so with less than CLUB_READING: the city stays
    monkeypatch.undo()
    # «في» or «ب» before it ("in Kyiv"): the place, however surely the tagger reads the club
    for text in ("وقال شهود إن اعتقالات جرت في كييف أمس.", "وقال شهود إن اعتقالات جرت بكييف أمس."):
        monkeypatch.setattr(TaggerRules, "_tagger_output", _reading("كييف" if "في" in text.split() else "بكييف",
                                                                    ["B-ORG"], "organization"))
        assert named() == [("place", ["كييف"])], text


def test_two_spellings_of_one_organisation_are_one_entity(monkeypatch):
    import kg.extract.entities as entities

    text = ("وقالت جبهة التحرير الديمقراطية في بيان إن الهجوم فشل. "
            "وأكدت جبهة التحرير الديموقراطية لاحقا أن مقاتليها انسحبوا من القرى.")

    def organisations() -> list[list[str]]:
        x = extract(Article(text=text, source="test", language="ar"))
        return [[m.text for m in e.mentions] for e in x.entities if e.category == "organization"]

    assert organisations() == [["جبهة التحرير الديمقراطية", "جبهة التحرير الديموقراطية"]]
    monkeypatch.setattr(entities, "_spellings", lambda text, found: {})
    assert organisations() == [["جبهة التحرير الديمقراطية"], ["جبهة التحرير الديموقراطية"]]


def test_spelling_skeletons_keep_different_names_apart():
    from kg.extract.normalize import spelling_skeleton

    assert spelling_skeleton("القوات الأميركية") == spelling_skeleton("القوات الأمريكية")
    assert spelling_skeleton("رابطة الصحفيين الديمقراطية") == spelling_skeleton("رابطة الصحافيين الديموقراطية")
    assert spelling_skeleton("وزارة الداخلية") != spelling_skeleton("وزارة الدفاع")
    assert spelling_skeleton("Red Crescent") == spelling_skeleton("red crescent")


def test_and_before_a_given_name_or_a_title_starts_another_person(monkeypatch):
    from kg.extract.tagged import TaggerRules

    def persons(text: str) -> list[str]:
        x = extract(Article(text=text, source="test", language="ar"))
        return [m.text for e in x.entities if e.category == "person" for m in e.mentions]

    monkeypatch.setattr(TaggerRules, "_tagger_output", lambda self: None)  # the rules alone
    assert persons("وحضر الاجتماع سامر حداد ورانيا خوري أمس.") == ["سامر حداد", "رانيا خوري"]
    assert persons("استقبل الملك سامر حداد والرئيس كريم نصار في القصر.") == ["سامر حداد", "كريم نصار"]
    assert persons("وحضر الاجتماع وليد حداد أمس.") == ["وليد حداد"]  # وليد is a name, not «و» + ليد
    # a tagger span over both names is cut into one person each, the second without its «و»
    from kg.extract.entities import _Finder
    from kg.extract.tokens import split_sentences, tokenize

    text = "وحضر الاجتماع سامر حداد ورانيا خوري أمس."
    tokens = tokenize(text)
    finder = _Finder(text, tokens, split_sentences(text, tokens), "ar")
    k = next(n for n, t in enumerate(tokens) if t.text == "سامر")
    assert finder._conjoined_pieces(k, k + 4, "person") == [(k, k + 2), (k + 2, k + 4)]
    assert finder._conjoined_pieces(k, k + 4, "organization") == [(k, k + 4)]
    second = finder._tagged(k + 2, k + 4, "person")
    assert text[second.start : second.end] == "رانيا خوري"
    # a «و» word no lexicon knows, with more of the span after it, starts another person too; a name's
    # last word may start with «و» (بروك ويلكنز)
    text = "وضمت القائمة يوهان دي بروك وكلاوديو رينالدي في الهجوم."
    tokens = tokenize(text)
    finder = _Finder(text, tokens, split_sentences(text, tokens), "ar")
    k = next(n for n, t in enumerate(tokens) if t.text == "يوهان")
    assert finder._conjoined_pieces(k, k + 5, "person") == [(k, k + 3), (k + 3, k + 5)]
    assert finder._conjoined_pieces(k, k + 4, "person") == [(k, k + 4)]  # وكلاوديو last: kept in the name
    second = finder._tagged(k + 3, k + 5, "person", conjoined=True)
    assert text[second.start : second.end] == "كلاوديو رينالدي"


def test_a_place_named_by_a_listed_common_word_needs_the_tagger_to_read_a_place(monkeypatch):
    from kg.extract.tagged import TaggerRules

    text = "وتصاعدت المخاوف في الرياض أمس."

    def places() -> list[str]:
        x = extract(Article(text=text, source="test", language="ar"))
        return [m.text for e in x.entities if e.category == "place" for m in e.mentions]

    monkeypatch.setattr(TaggerRules, "_tagger_output", lambda self: None)
    assert places() == []  # الرياض is also "the gardens" (place_stopwords.txt): the rules alone leave it
    monkeypatch.setattr(TaggerRules, "_tagger_output", _reading("الرياض", ["B-LOC"]))  # read as a place (0.5)
    assert places() == ["الرياض"]


def test_a_tagger_span_does_not_start_with_a_name_joined_to_a_participle():
    from kg.extract.entities import _Finder
    from kg.extract.tokens import split_sentences, tokenize

    text = "The talks were reported by the Kremlin-run Tawfiq Agency on Sunday."
    tokens = tokenize(text)
    finder = _Finder(text, tokens, split_sentences(text, tokens), "en")
    k = next(n for n, t in enumerate(tokens) if t.text == "Kremlin-run")
    f = finder._tagged(k, k + 3, "organization")
    assert text[f.start : f.end] == "Tawfiq Agency"  # "Kremlin-run" describes the agency
    assert finder._tagged(k, k + 1, "organization") is None


def test_a_name_ends_before_and_a_word_the_tagger_reads_outside_it(monkeypatch):
    from kg.extract.tagged import TaggerRules

    text = "وقال الرئيس سامر حداد وعدد من النواب إن الجلسة تأجلت."

    def persons() -> list[str]:
        x = extract(Article(text=text, source="test", language="ar"))
        return [e.label for e in x.entities if e.category == "person"]

    monkeypatch.setattr(TaggerRules, "_tagger_output", _reading("سامر", ["B-PERS", "I-PERS", "O"]))
    assert persons() == ["سامر حداد"]
    monkeypatch.setattr(TaggerRules, "_tagger_output", _reading("سامر", ["B-PERS", "I-PERS", "I-PERS"]))
    assert persons() == ["سامر حداد"]  # «وعدد», an everyday word after «و», ends it whatever the tagger reads
    text = "وقال الرئيس سامر حداد ونوسي إن الجلسة تأجلت."  # a rare «و» word: the tagger's reading decides
    assert persons() == ["سامر حداد ونوسي"]
    monkeypatch.setattr(TaggerRules, "_tagger_output", _reading("سامر", ["B-PERS", "I-PERS", "O"]))
    assert persons() == ["سامر حداد"]


def test_other_names_of_a_country_are_that_country():
    text = "وصل وفد من الدنمارك إلى بانكوك عاصمة تايلند، ثم زار المجر وساحل العاج."
    x = extract(Article(text=text, source="test", language="ar"))
    countries = {e.label_en: [m.text for m in e.mentions] for e in x.entities if e.type == "Country"}
    assert countries == {"Denmark": ["الدنمارك"], "Thailand": ["تايلند"], "Hungary": ["المجر"], "Côte d’Ivoire": ["ساحل العاج"]}


def test_a_repeated_family_name_after_a_given_name_is_the_whole_name(monkeypatch):
    text = "وقال حداد إن الوضع مستقر. وزار سامر حداد المدينة أمس. وغادر حداد مساء."
    person = _first_entity(monkeypatch, text, _reading("حداد", ["B-PERS"], "person"), "person")
    assert [m.text for m in person.mentions] == ["حداد", "سامر حداد", "حداد"]
    assert person.rules == ["entity.tagger", "entity.tagger-repeat"]


def test_an_organisation_name_ends_at_a_noun_after_its_adjective():
    text = ("ونفت الحكومة الكندية الأنباء المتداولة عن الصفقة جملة وتفصيلا. "
            "وقالت وزارة الخارجية الأميركية إن الحكومة السورية المؤقتة تعمل مع الهيئة العليا المستقلة للانتخابات.")
    x = extract(Article(text=text, source="test", language="ar"))
    names = [m.text for e in x.entities if e.category == "organization" for m in e.mentions]
    assert names == ["الحكومة الكندية", "وزارة الخارجية الأميركية", "الحكومة السورية المؤقتة",
                     "الهيئة العليا المستقلة للانتخابات"]
    # a definite head takes adjectives only: «الشركة العمال» is "the company [urged] the workers"
    x = extract(Article(text="وناشد مدير عام الشركة العمال العودة إلى المصنع.", source="test", language="ar"))
    assert [e.label for e in x.entities if e.category == "organization"] == []


def test_a_channel_named_after_a_common_word_after_its_correspondent():
    text = "وذكر مراسل الجزيرة أن الاشتباكات هدأت ليلا. وأفادت مراسلة العربية بأن القصف توقف في شبه الجزيرة."
    x = extract(Article(text=text, source="test", language="ar"))
    media = [(e.type, [m.text for m in e.mentions]) for e in x.entities if e.category == "organization"]
    assert media == [("MediaOrganization", ["الجزيرة"]), ("MediaOrganization", ["العربية"])]  # not the peninsula at the end


def test_a_family_name_that_is_also_a_geonames_city_stays_the_person():
    text = ("وقال المتحدث باسم الشرطة العقيد سامر ميري إن الدوريات انتشرت في الأحياء الشرقية. "
            "وأوضح ميري أن التحقيق مستمر.")
    x = extract(Article(text=text, source="test", language="ar"), tagger=False)
    samer = next(e for e in x.entities if e.label == "سامر ميري")
    assert [m.text for m in samer.mentions] == ["سامر ميري", "ميري"]
    assert not [e for e in x.entities if e.category == "place"]
    assert claimant_label(x, x.claims[-1]) == "سامر ميري"
    # with no person of that name before it, the word is still the city
    y = extract(Article(text="وصل الوفد إلى ميري أمس.", source="test", language="ar"), tagger=False)
    assert [e.type for e in y.entities if e.category == "place"] == ["City"]


def test_geonames_arabic_label_is_a_clean_spelling():
    from kg.extract.gazetteer import _arabic_label

    assert _arabic_label(["ااالمدينة", "مدينة", "المدينة"]) == "المدينة"
    assert _arabic_label(["ااالخرطوم", "خارطوم", "خرطوم"]) == "خرطوم"
    assert _arabic_label([]) is None


def test_a_head_before_the_whole_name_of_a_known_organisation_is_that_organisation():
    x = extract(Article(text="وقالت قوات الناتو في بيان إن دورياتها مستمرة. وأكد الناتو أن المهمة لم تنته.",
                        source="test", language="ar"), tagger=False)
    orgs = [e for e in x.entities if e.category == "organization"]
    assert [e.key for e in orgs] == ["Q7184"] and len(orgs[0].mentions) == 2
    assert [claimant_label(x, c) for c in x.claims] == [orgs[0].label, orgs[0].label]
    # a head before words that are not a known name still makes an organisation of its own
    y = extract(Article(text="وقالت قوات الدفاع الشعبي إن الهجوم صُدّ.", source="test", language="ar"), tagger=False)
    assert [e.label for e in y.entities if e.category == "organization"] == ["قوات الدفاع الشعبي"]


def test_a_trigger_before_a_number_or_a_describing_word_names_no_place():
    places = partial(_rule_labels, category="place")

    assert places("وسجلت الإصابات في حي واحد فقط.") == []  # "in one neighbourhood"
    assert places("ووصلت القافلة إلى مدينة رئيسية قرب الحدود.") == []  # "a main city"
    assert places("وانتقلت العائلات إلى مخيم عشوائي قرب الطريق.") == []  # "a makeshift camp"
    assert places("وروى الحديث سهل بن مالك عن أبيه.") == []  # سهل "a plain", here a given name before «بن»
    # a name, definite or not, still makes the place
    assert places("وقالت مصادر محلية إن القصف طال بلدة كفرزيتون ومنطقة الصالحية.") == ["كفرزيتون", "الصالحية"]


def test_english_governorates_by_their_bare_name_and_with_province():
    def places(text: str) -> list[tuple[str, str]]:
        x = extract(Article(text=text, source="test", language="en"), tagger=False)
        return [(m.text, e.type) for e in x.entities if e.category == "place" for m in e.mentions]

    assert places("Officials said the roads in Maysan province were closed.") == [("Maysan province", "Region")]
    assert places("Officials said two villages in Wasit were evacuated.") == [("Wasit", "Region")]
    assert places("Officials said fighting continued in Aleppo province.") == [("Aleppo province", "Region")]
    assert places("Officials said the market in Aleppo reopened.") == [("Aleppo", "City")]  # the city keeps its name


def test_a_dual_trigger_before_two_names_is_two_places():
    def places(text: str) -> list[tuple[str, str]]:
        x = extract(Article(text=text, source="test", language="ar"), tagger=False)
        return [(m.text, e.type) for e in x.entities if e.category == "place" for m in e.mentions]

    assert places("وتركز القصف على مدينتي حمص وحماة أمس.") == [("حمص", "City"), ("حماة", "City")]
    assert places("وقالت مصادر إن القتال امتد إلى بلدتي كفرنبل وحزارين.") == [("كفرنبل", "City"), ("حزارين", "City")]
    assert places("واستؤنف التصدير من ميناءي الزويتينة والبريقة بعد توقف.") == [("الزويتينة", "Region"), ("البريقة", "Region")]
    assert places("وزار الوفد مدينتي منذ عامين.") == []  # "my city": no two names follow


def test_a_geonames_town_named_by_a_common_word_is_a_place_only_where_the_text_says_so(monkeypatch):
    from kg.extract.tagged import TaggerRules

    def places(text: str) -> list[str]:
        x = extract(Article(text=text, source="test", language="ar"), tagger=False)
        return [e.label_en for e in x.entities if e.category == "place"]

    common = "وفرضت القوات الحصار على البلدة منذ أشهر، وانقطع الخبر عن سكانها."
    assert places(common) == []  # "the siege", "the news": not the towns of Hisar and Khobar
    assert places("ووصل الوفد إلى مدينة الخبر في المنطقة الشرقية.") == ["Khobar"]  # a trigger says it is the town
    monkeypatch.setattr(TaggerRules, "tagger_reads_place", lambda self, k: True)
    assert places("ووصل الوفد إلى الخبر.") == ["Khobar"]  # the tagger reads a place there


def test_the_tagger_reads_a_place_where_a_common_word_names_a_town():
    from kg.extract.entities import _Finder
    from kg.extract.tokens import split_sentences, tokenize

    def reads_place(text: str, word: str) -> bool:
        tokens = tokenize(text)
        finder = _Finder(text, tokens, split_sentences(text, tokens), "ar")
        finder.use_tagger = True
        return finder.tagger_reads_place(next(k for k, t in enumerate(tokens) if t.text == word))

    assert reads_place("وزار الوزير الخبر والدمام والرياض.", "الخبر")  # (after «إلى» alone the model gives 0.045 since the name words' flag)
    assert not reads_place("ونقل الخبر عن مصادر محلية أن الاجتماع تأجل.", "الخبر")


def test_a_country_joined_to_a_participle_is_a_mention_of_the_country():
    text = ("Officials said a Russian-made drone hit the depot, and Iranian-backed fighters and a Saudi-led "
            "coalition exchanged fire near the well-known market.")
    x = extract(Article(text=text, source="test", language="en"), tagger=False)
    places = {e.label_en: [m.text for m in e.mentions] for e in x.entities if e.category == "place"}
    assert places == {"Russia": ["Russian"], "Iran": ["Iranian"], "Saudi Arabia": ["Saudi"]}
    for e in x.entities:
        for m in e.mentions:
            assert text[m.start:m.end] == m.text  # the name's own letters, not the whole compound
    # a hyphenated name the gazetteer knows is still that name
    y = extract(Article(text="Clashes broke out in Al-Hasakah Governorate on Monday.", source="test", language="en"),
                tagger=False)
    assert [m.text for e in y.entities if e.category == "place" for m in e.mentions] == ["Al-Hasakah Governorate"]


def test_social_platforms_are_channels():
    text = 'وكتب الوزير على "تويتر" أن المفاوضات مستمرة، فيما نشرت الحركة على تلغرام مقطعا مصورا.'
    x = extract(Article(text=text, source="test", language="ar"), tagger=False)
    media = [(e.label_en, e.type) for e in x.entities if e.category == "organization"]
    assert ("Twitter", "MediaOrganization") in media and ("Telegram", "MediaOrganization") in media
    # the medium a speaker wrote on (في / على / عبر, quoted or not) is the claim's channel, never its claimant
    y, _ = run('وأعلن المحامي سامر حداد أمس في "تويتر" أن المحكمة أجلت الجلسة.')
    [c] = y.claims
    assert claimant_label(y, c) == "سامر حداد" and y.entity(c.channel).label_en == "Twitter"
    z, _ = run("The lawyer Samer Haddad said on Twitter that the court had adjourned the hearing.")
    [c] = z.claims
    assert claimant_label(z, c) == "Samer Haddad" and z.entity(c.channel).label_en == "Twitter"


def test_a_government_named_by_its_seat_is_an_organisation_not_the_city():
    x = extract(Article(text="وأعلنت حكومة طرابلس في بيان أن المفاوضات متوقفة، فيما شهدت بنغازي هدوءا.",
                        source="test", language="ar"), tagger=False)
    named = [(e.category, e.type, e.label) for e in x.entities]
    assert ("organization", "GovernmentBody", "حكومة طرابلس") in named
    assert [label for cat, _, label in named if cat == "place"] == ["بنغازي"]  # the seat is not a place mention there
    assert claimant_label(x, x.claims[0]) == "حكومة طرابلس"


def test_the_government_named_by_its_head_alone_is_the_claimant():
    x = extract(Article(text="وقالت الحكومة في بيان إن الأسعار سترتفع الشهر المقبل. وأضافت الحكومة أن الدعم مستمر.",
                        source="test", language="ar"), tagger=False)
    [government] = [e for e in x.entities if e.category == "organization"]
    assert (government.label, government.type) == ("الحكومة", "GovernmentBody")
    assert [m.text for m in government.mentions] == ["الحكومة", "الحكومة"]
    assert [claimant_label(x, c) for c in x.claims] == ["الحكومة", "الحكومة"]
    # a government named before is the one the bare head refers to
    y = extract(Article(text="وقالت الحكومة الكندية إن الخطة جاهزة. وأكدت الحكومة أن التمويل متوفر.",
                        source="test", language="ar"), tagger=False)
    assert [claimant_label(y, c) for c in y.claims] == ["الحكومة الكندية", "الحكومة الكندية"]
    # not a subject of speech: no actor is made of it
    z = extract(Article(text="وناقش النواب خطة الحكومة للعام المقبل.", source="test", language="ar"), tagger=False)
    assert not [e for e in z.entities if e.category == "organization"]


def test_arabic_name_boundaries_particles_demonyms_prepositions_and_cues():
    persons = partial(_rule_labels, category="person")

    # a name with particles may run past five words
    assert persons("واستقبل الوزير خالد بن سلمان بن فهد آل سعود الوفد أمس.") == ["خالد بن سلمان بن فهد آل سعود"]
    # a demonym after the name describes the person; it is no family name
    assert persons("وقال الوزير سامر الأردني إن الفريق جاهز.") == ["سامر"]
    # a preposition spelt like a given name (على read as علي) and a cue verb end the name
    assert persons("وشدد سامر حداد على أن الفريق جاهز.") == ["سامر حداد"]
    assert persons("التقى الوزير كريم وقال إن الاجتماع كان مثمرا.") == ["كريم"]


def test_chaired_by_and_led_by_are_no_organisation():
    organisations = partial(_rule_labels, category="organization")

    assert organisations("وشارك وفد برئاسة الوزير سامر حداد في المؤتمر.") == []
    assert organisations("وتقدمت القوات بقيادة الجيش نحو المدينة.") == []
    assert organisations("وقالت رئاسة الجمهورية في بيان إن اللقاء مثمر.") == ["رئاسة الجمهورية"]


def test_the_preposition_ala_is_no_later_mention_of_a_person_named_ali(monkeypatch):
    # «على» "on" normalises as the name «علي»: as written it is the preposition, not the person again
    from kg.extract.tagged import TaggerRules

    text = "وصرح تاكيرو موراني علي للصحفيين بأن الاتفاق جيد. ووضع الوفد الوثيقة على الطاولة."
    monkeypatch.setattr(TaggerRules, "_tagger_output", _reading("تاكيرو", ["B-PERS", "I-PERS", "I-PERS"], "person"))
    x = extract(Article(text=text, source="test", language="ar"))
    [person] = [e for e in x.entities if e.category == "person"]
    assert [m.text for m in person.mentions] == ["تاكيرو موراني علي"]


def test_a_demonym_naming_a_currency_is_no_mention_of_the_country():
    text = "ودفع التاجر ثلاثة آلاف ليرة سورية ومئة دولار أمريكي، وأكد مسؤول أمريكي أن الصفقة تمت في سورية."
    x = extract(Article(text=text, source="test", language="ar"), tagger=False)
    mentions = {e.label: [text[m.start : m.end] for m in e.mentions] for e in x.entities if e.category == "place"}
    places = sorted(m for ms in mentions.values() for m in ms)
    assert places == ["أمريكي", "سورية"]  # the source's nationality and the country where it happened
    assert text.index("في سورية") + 3 == next(m.start for e in x.entities for m in e.mentions if m.text == "سورية")
    english = "The fine was 5,000 Lebanese pounds, a Lebanese official said."
    x = extract(Article(text=english, source="test", language="en"), tagger=False)
    [lebanon] = [e for e in x.entities if e.category == "place"]
    assert [m.start for m in lebanon.mentions] == [english.index("a Lebanese") + 2]  # English puts it before


def test_ali_spelt_like_the_preposition_before_a_place_or_after_a_proclitic_is_the_preposition():
    persons = partial(_rule_labels, category="person")

    # a text that writes ى as ي (إلي): «علي» before a place the gazetteer knows is "on", not the name Ali
    assert persons("وعرض الوفد ملف الهجمات علي سوريا ثم عاد إلي عمان.") == []
    assert persons("وقال علي حسن إنه عاد إلي بيروت.") == ["علي حسن"]  # before an unknown word: the name
    # «وعلى» as written is "and on": no given name after the proclitic
    assert persons("وفي الجولة الأخيرة وعلى ملعب المدينة فاز الفريق.") == []


def test_a_head_with_an_everyday_sense_before_one_everyday_noun_is_no_organisation():
    organisations = partial(_rule_labels, category="organization")

    assert organisations("وتوقفت حركة المرور في وسط العاصمة ساعتين.") == []  # traffic
    assert organisations("ووصلت سيارات الإسعاف إلى موقع الحادث بعد دقائق.") == []  # the site of the accident
    assert organisations("وتتولى البلدية تنظيم المعرض كل خريف.") == []  # organising the fair
    assert organisations("وسرق اللصوص جهاز الكمبيوتر من المكتب.") == []  # the computer
    assert organisations("ونشرت البلدية الخبر عبر شبكة الإنترنت مساء أمس.") == []  # the internet
    # a longer name, a relational adjective or another kind of head: an organisation
    assert organisations("وقالت حركة المقاومة الشعبية في بيانها إن الغارات تواصلت.") == ["حركة المقاومة الشعبية"]
    assert organisations("وأعلن جهاز الأمن الوطني اعتقال خلية.") == ["جهاز الأمن الوطني"]
    assert organisations("وبثت قناة الحياة المقابلة مساء أمس.")  # a channel named by an everyday word


def test_a_demonym_the_tagger_reads_as_a_name_after_a_definite_noun_is_the_adjective(monkeypatch):
    from kg.extract.tagged import TaggerRules

    text = "وقال وزير الدفاع السوداني إن القوات تقدمت."  # السوداني is also a family name the gazetteer knows
    monkeypatch.setattr(TaggerRules, "_tagger_output", _reading("السوداني", ["B-PERS"], "person"))
    x = extract(Article(text=text, source="test", language="ar"))
    assert not [e for e in x.entities if e.category == "person"]


def test_a_name_with_its_bearer_before_bin_and_title_complements_that_are_no_names():
    persons = partial(_rule_labels, category="person")

    # «X بن» before a name: X bears the whole name, whatever lexicon knows X
    assert persons("واستقبل الشيخ ضاري بن سالم بن خالد آل سعيد الوفد.") == ["ضاري بن سالم بن خالد آل سعيد"]
    # a particle after a particle (بن أبي …): the word after both is the name's too
    assert persons("وروى المؤرخ أن ماجد بن أبي رواحة سكن المدينة.") == ["ماجد بن أبي رواحة"]
    # a possessed complement of a title (وزير خارجيتها) and «رئيس وزراء» are no first names
    assert "خارجيتها" not in " ".join(persons("وقال وزير خارجيتها فلان إن الحوار مستمر."))
    assert not [p for p in persons("وقال رئيس وزراء البلاد إن الحكومة مستمرة.") if p.startswith("وزراء")]


def test_a_bracketed_name_after_one_organisation_is_its_alias_not_after_several():
    text = "وتأهلت شركة نور للاتصالات (نورتل) إلى المرحلة الثانية، وقالت نورتل إنها راضية."
    x = extract(Article(text=text, source="test", language="ar"), tagger=False)
    org = next(e for e in x.entities if e.category == "organization")
    assert [m.text for m in org.mentions] == ["نور للاتصالات", "نورتل", "نورتل"]
    # the same brackets after two organisations say something of each (a results table's category or country)
    text = "وتأهلت شركة نور للاتصالات (الفئة الأولى) وشركة سما للطيران (الفئة الأولى) إلى المرحلة الثانية."
    x = extract(Article(text=text, source="test", language="ar"), tagger=False)
    assert [[m.text for m in e.mentions] for e in x.entities if e.category == "organization"] == [
        ["نور للاتصالات"], ["سما للطيران"]]


def test_a_name_of_a_region_and_of_a_paper_in_quotes_is_the_paper():
    def kinds(text: str) -> list[tuple[str, str]]:
        x = extract(Article(text=text, source="test", language="ar"), tagger=False)
        return [(e.label, e.category) for e in x.entities]

    assert kinds("ونشرت «الشرق الأوسط» تقريرا عن الأزمة.") == [("الشرق الأوسط", "organization")]
    assert kinds("وجال الوزير في دول الشرق الأوسط الأسبوع الماضي.") == [("الشرق الأوسط", "place")]


def test_a_country_the_gazetteer_knows_is_no_family_name_but_a_demonym_may_be():
    x = extract(Article(text="وانتقد المبعوث الأممي دعم إسرائيل للمستوطنين في القطاع.", source="test", language="ar"),
                tagger=False)
    assert [e.label for e in x.entities if e.category == "place"] == ["إسرائيل"]
    assert all("إسرائيل" not in e.label for e in x.entities if e.category == "person")
    assert _rule_labels("وقال الوزير سامر مغربي إن البلاد مستعدة.", "person") == ["سامر مغربي"]


def test_a_transliterated_organisation_name_ends_before_a_function_word_or_one_of_the_commonest_words():
    orgs = partial(_rule_labels, category="organization")
    assert orgs("وقالت منظمة فالتوريا ماتيكس وهو اسمها الجديد إن العمل مستمر.") == ["منظمة فالتوريا ماتيكس"]
    assert orgs("وقالت منظمة فالتوريا ماتيكس حيث يعمل إن العمل مستمر.") == ["منظمة فالتوريا ماتيكس"]
    # a common word may be the name's first word (a country: قطر غاز), and a less common one a later word
    assert orgs("وقال المدير العام لشركة بترو غاز، إن الإنتاج ارتفع.") == ["بترو غاز"]  # (the head outside)


def test_a_proclitic_on_an_organisation_head_after_a_title_starts_no_person():
    assert _rule_labels("وقال المدير العام لشركة بترو غاز، إن الإنتاج ارتفع.", "person") == []


def test_a_tagger_name_right_after_a_number_is_a_currency_or_a_unit_not_a_name(monkeypatch):
    from kg.extract.tagged import TaggerRules

    def persons(text: str, word: str, labels: list[str]) -> list[str]:
        monkeypatch.setattr(TaggerRules, "_tagger_output", _reading(word, labels, "person"))
        x = extract(Article(text=text, source="test", language="ar"))
        return [m.text for e in x.entities if e.category == "person" for m in e.mentions]

    assert persons("ودفعت الشركة 120 مليون شيكل للحكومة.", "شيكل", ["B-PERS"]) == []
    assert persons("وغرمت اللجنة النادي خمسة آلاف فرنك.", "فرنك", ["B-PERS"]) == []
    # a name that starts with a given name after a year (a dateline, a headline) stays
    assert persons("عام 2006 سامر فلوح يفوز بالجائزة.", "سامر", ["B-PERS", "I-PERS"]) == ["سامر فلوح"]


def test_a_tagger_person_right_after_a_channel_or_paper_noun_is_that_medium(monkeypatch):
    from kg.extract.tagged import TaggerRules

    def kinds(text: str, word: str, labels: list[str]) -> list[tuple[str, str]]:
        monkeypatch.setattr(TaggerRules, "_tagger_output", _reading(word, labels, "person"))
        x = extract(Article(text=text, source="test", language="ar"))
        return [(e.label, e.category) for e in x.entities]

    assert kinds("وقال في تصريح لقناة فيليكس الأحد إن الوضع صعب.", "فيليكس", ["B-PERS"]) == [("فيليكس", "organization")]
    # after another organisation's head the person stays (a person's government)
    assert kinds("وسقطت حكومة ماتياس فالدو أمس.", "ماتياس", ["B-PERS", "I-PERS"]) == [("ماتياس فالدو", "person")]


def test_a_name_ends_before_a_preposition_phrase_a_conjunct_or_a_relative():
    persons = partial(_rule_labels, category="person")
    # «ب» + an everyday word ("with the participation of"), then another person
    assert persons("وقامت ببطولته الفنانة رنا قاسم بمشاركة سامر فلوح.") == ["رنا قاسم", "سامر فلوح"]
    assert persons("وهنأ رئيس الاتحاد كريم حسن بفوز سامر فلوح بالميدالية.") == ["كريم حسن", "سامر فلوح"]  # a short one
    # a «و» word before a given name opens another conjunct ("and music by"), it is not inside the name
    assert persons("كلمات رنا قاسم وتلحين سامر فلوح.") == ["رنا قاسم", "سامر فلوح"]
    # بن / ابن before a kinship noun with a pronoun ("his cousin") is no particle of a name
    assert persons("واستقبل الرئيس سامر فلوح ابن عمه في القصر.") == ["سامر فلوح"]
    assert persons("وقال سامر بن عطية إن الوفد وصل.") == ["سامر بن عطية"]


def test_a_role_noun_after_a_name_ends_it(monkeypatch):
    from kg.extract.tagged import TaggerRules

    # the rules: a title, two given names, then the role (not a family name)
    assert _rule_labels("وقال الدكتور كريم حسن مدرب الفريق إن الفوز مستحق.", "person") == ["كريم حسن"]
    # a role noun that is also a given name as written (أمين "secretary", Amin) goes on with the name
    assert _rule_labels("وقال الدكتور محمد أمين فلوح إن الوضع صعب.", "person") == ["محمد أمين فلوح"]
    # the tagger's extension of a rule's person stops before it too
    monkeypatch.setattr(TaggerRules, "_tagger_output", _reading("سامر", ["B-PERS", "I-PERS", "I-PERS"]))
    x = extract(Article(text="وقال الوزير سامر فلوح مدرب الفريق السابق إن الفوز مستحق.", source="test", language="ar"))
    assert [e.label for e in x.entities if e.category == "person"] == ["سامر فلوح"]
    # with a possessive pronoun (مدربه "his coach"): after the name it ends it, before it the tagger's earlier start
    # does not take it in
    monkeypatch.setattr(TaggerRules, "_tagger_output", _reading("مدربه", ["B-PERS", "I-PERS", "I-PERS"]))
    x = extract(Article(text="ولعب الفريق بإشراف مدربه سامر فلوح منذ عامين.", source="test", language="ar"))
    assert [e.label for e in x.entities if e.category == "person"] == ["سامر فلوح"]
    assert not any("مدربه" in label for label in _rule_labels("وشكر اللاعب سامر مدربه على الثقة.", "person"))


def test_an_organisation_named_in_quotes_after_its_head_is_the_quoted_name():
    for text in ("وأعلنت شركة «فالتو» أرباحها أمس.", 'وأعلنت شركة "فالتو" أرباحها أمس.', "وأعلنت شركة “فالتو” أرباحها أمس."):
        x = extract(Article(text=text, source="test", language="ar"), tagger=False)
        assert [(e.label, e.category, [m.text for m in e.mentions]) for e in x.entities] == [
            ("فالتو", "organization", ["فالتو"])], text
    # the name alone recurs as that organisation (the head and the quotes said it was one), not an everyday word
    x = extract(Article(text="وأعلنت شركة «فالتو» أرباحها. وقالت فالتو إن الأرباح تضاعفت.", source="test", language="ar"),
                tagger=False)
    assert [[m.text for m in e.mentions] for e in x.entities] == [["فالتو", "فالتو"]]
    x = extract(Article(text="وأعلنت شركة «الأمل» أرباحها. وقال المدير إن الأمل كبير.", source="test", language="ar"),
                tagger=False)
    assert [[m.text for m in e.mentions] for e in x.entities] == [["الأمل"]]


def test_bint_daughter_of_is_a_name_particle_and_starts_a_place_name_after_a_trigger():
    assert _rule_labels("وقالت فاطمة بنت فلوح إن الرواية اكتملت.", "person") == ["فاطمة بنت فلوح"]
    x = extract(Article(text="وقصفت الطائرات مدينة بنت جبيل جنوب لبنان.", source="test", language="ar"), tagger=False)
    assert [m.text for e in x.entities if e.category == "place" for m in e.mentions][0] == "بنت جبيل"


def test_the_capital_with_a_country_s_adjective_names_its_city_and_a_preposition_ends_a_title_s_complement():
    def places(text: str) -> list[tuple[str, str]]:
        x = extract(Article(text=text, source="test", language="ar"), tagger=False)
        return [(m.text, e.category) for e in x.entities for m in e.mentions]

    # an unknown word after «العاصمة» and a country's adjective: that capital, a city
    assert ("فالتيرا", "place") in places("ووصل الوفد إلى العاصمة الإريترية فالتيرا أمس.")
    # an everyday word there is no name without the tagger's reading, and is no person either: «إلى»
    # (normalised «الي») is a preposition, not a definite word continuing the minister's title
    assert [p for p in places("ووصل الوزير إلى العاصمة الإريترية قادما من القاهرة.") if p[1] != "place"] == []


def test_chief_of_staff_is_a_title_and_a_number_word_ends_a_name():
    persons = partial(_rule_labels, category="person")
    # «رئيس أركان» (chief of staff): أركان completes the title, the name comes after the army's name
    assert persons("وحذر رئيس أركان الجيش فالدو ريمار من التصعيد.") == ["فالدو ريمار"]
    # a number after the name is no part of it (… مائة من الضباط "a hundred of the officers")
    assert persons("واستدعى رئيس أركان الجيش فالدو ريمار مائة من الضباط.") == ["فالدو ريمار"]


def test_an_inflected_everyday_word_after_a_title_is_no_first_name_and_a_nasab_takes_no_plural():
    persons = partial(_rule_labels, category="person")
    # after a demonym standing as a title, an everyday word with the accusative ending: no person
    assert persons("وحقق الفرنسي فوزا ثمينا في المباراة.") == []
    # (a final ه is a name's own as often: نبيه، وجيه)
    assert persons("وقال رئيس المجلس نبيه فلوح إن الحوار مستمر.") == ["نبيه فلوح"]


def test_a_role_opening_a_tagger_person_span_is_left_out(monkeypatch):
    from kg.extract.tagged import TaggerRules

    monkeypatch.setattr(TaggerRules, "_tagger_output", _reading("الحارس", ["B-PERS", "I-PERS"], "person"))
    x = extract(Article(text="وتصدى الحارس ريمار للكرة ببراعة.", source="test", language="ar"))
    assert [m.text for e in x.entities if e.category == "person" for m in e.mentions] == ["ريمار"]


def test_a_place_a_trigger_named_is_that_place_again_by_its_name_alone():
    x = extract(Article(text="وصلنا إلى قرية فالتورا أمس. وفي فالتورا التقينا السكان.", source="test", language="ar"),
                tagger=False)
    assert [[m.text for m in e.mentions] for e in x.entities if e.category == "place"] == [["فالتورا", "فالتورا"]]


def test_a_tagger_person_span_starting_at_bin_takes_the_bearer_before_it(monkeypatch):
    from kg.extract.tagged import TaggerRules

    monkeypatch.setattr(TaggerRules, "_tagger_output", _reading("بن", ["B-PERS", "I-PERS"], "person"))
    x = extract(Article(text="وقال ريناتو بن ريمار إن الاتفاق قريب.", source="test", language="ar"))
    assert [e.label for e in x.entities if e.category == "person"] == ["ريناتو بن ريمار"]
    # not a cue, a title or a function word before it
    monkeypatch.setattr(TaggerRules, "_tagger_output", _reading("بن", ["B-PERS", "I-PERS"], "person"))
    x = extract(Article(text="وأكد الوزير أن بن ريمار وصل.", source="test", language="ar"))
    assert [e.label for e in x.entities if e.category == "person"] == ["بن ريمار"]
    # nor a cue verb or a function word behind its proclitic (وقال "and said")
    monkeypatch.setattr(TaggerRules, "_tagger_output", _reading("بن", ["B-PERS", "I-PERS"], "person"))
    x = extract(Article(text="وقال بن ريمار إن الاتفاق قريب.", source="test", language="ar"))
    assert [e.label for e in x.entities if e.category == "person"] == ["بن ريمار"]


def test_a_conjunct_ending_one_tagger_person_starts_the_next_person_it_runs_into(monkeypatch):
    from kg.extract.tagged import TaggerOutput, TaggerRules
    from kg.tagger.model import chunks

    def output(self):  # the tagger reads «… ريمار ونورالدين» as one name and «علي كنعان» as the next one
        first = next(k for k, t in enumerate(self.tokens) if t.text == "ريناتو")
        labels = ["B-PERS", "I-PERS", "I-PERS", "B-PERS", "I-PERS"]
        by_token = {k: "O" for k in range(len(self.tokens))} | {first + n: lab for n, lab in enumerate(labels)}
        spans = [self._tagged(first + a, first + b, "person") for a, b, _ in chunks(labels)]
        words = [[t.text for t in self.tokens[s.start:s.end]] for s in self.sentences]
        per_sentence = [[by_token[k] for k in range(s.start, s.end)] for s in self.sentences]
        return TaggerOutput(by_token, spans, _FakeTagger(), [s.start for s in self.sentences], words, per_sentence)

    monkeypatch.setattr(TaggerRules, "_tagger_output", output)
    x = extract(Article(text="وضمت القائمة ريناتو ريمار ونورالدين علي كنعان أمس.", source="test", language="ar"))
    assert [[m.text for m in e.mentions] for e in x.entities if e.category == "person"] == [
        ["ريناتو ريمار"], ["نورالدين علي كنعان"]]


def test_a_tagger_person_opening_with_wa_and_a_foreign_name_leaves_the_wa_out(monkeypatch):
    from kg.extract.tagged import TaggerRules

    def people(text: str, word: str) -> list[str]:
        monkeypatch.setattr(TaggerRules, "_tagger_output", _reading(word, ["B-PERS", "I-PERS"], "person"))
        x = extract(Article(text=text, source="test", language="ar"))
        return [m.text for e in x.entities if e.category == "person" for m in e.mentions]

    # ريكاردو is common in general Arabic, وريكاردو is not: «و» "and" before the name
    assert people("وحضر الحفل الممثل وريكاردو ماريني أمس.", "وريكاردو") == ["ريكاردو ماريني"]
    # a name that starts with و itself keeps it (وليام "William": more common whole than ليام)
    assert people("وحضر الحفل وليام ماريني أمس.", "وليام") == ["وليام ماريني"]


def test_a_tagger_person_over_a_part_of_another_persons_name_is_a_relative_or_namesake(monkeypatch):
    from kg.extract.tagged import RELATIVE_FIRST_NAME, TaggerRules

    text = "وقال الرئيس سامر فلوح إن الاتفاق قريب. ودافعت ميلينا فلوح بشدة عن الخطة."

    def people(probability: float | None) -> list[tuple[str, list[str]]]:
        if probability is not None:
            monkeypatch.setattr(TaggerRules, "_tagger_output", _reading("ميلينا", ["B-PERS", "I-PERS"], "person"))
            monkeypatch.setattr(_FakeTagger, "probability", lambda self, words, first, last, kind: probability)
        x = extract(Article(text=text, source="test", language="ar"), tagger=probability is not None)
        return [(e.label, [m.text for m in e.mentions]) for e in x.entities if e.category == "person"]

    # the rules alone read «فلوح» as سامر فلوح again
    assert people(None) == [("سامر فلوح", ["سامر فلوح", "فلوح"])]
    # the tagger reads another first name before it: another person
    assert people(RELATIVE_FIRST_NAME) == [("سامر فلوح", ["سامر فلوح"]), ("ميلينا فلوح", ["ميلينا فلوح"])]
    # … unless it is unsure the first word is a name (a verb before the family name)
    assert people(RELATIVE_FIRST_NAME / 2) == [("سامر فلوح", ["سامر فلوح", "فلوح"])]


def test_a_tagger_person_leaves_out_the_word_naming_it_and_ends_before_a_proclitic_on_a_head(monkeypatch):
    from kg.extract.tagged import TaggerRules

    def people(text: str, word: str, n: int) -> list[str]:
        monkeypatch.setattr(TaggerRules, "_tagger_output", _reading(word, ["B-PERS"] + ["I-PERS"] * (n - 1), "person"))
        x = extract(Article(text=text, source="test", language="ar"))
        return [m.text for e in x.entities if e.category == "person" for m in e.mentions]

    # يُدعى "(who) is called"
    assert people("وتروي القصة حكاية مهاجر يُدعى ريناتو ماريني في الجنوب.", "يُدعى", 3) == ["ريناتو ماريني"]
    # بنادي "at the club", لشركة "for the company": the name ended before
    assert people("وتدرب ريناتو ماريني بنادي الشباب أمس.", "ريناتو", 3) == ["ريناتو ماريني"]
    assert people("وعمل ريناتو ماريني لشركة النفط سنوات.", "ريناتو", 3) == ["ريناتو ماريني"]
    # a proclitic before a kunya's particle is cut off the name (لأبي "to Abu")
    assert people("وأهدى الشاعر قصيدته لأبي ريمار الفارس أمس.", "لأبي", 3) == ["أبي ريمار الفارس"]
    # «و» + a verb before its subject (وسيغيب "and … will miss", ويروي "and … tells"): not in the name
    assert people("وسيغيب ماريني عن المباراة المقبلة.", "وسيغيب", 2) == ["ماريني"]
    assert people("ويروي ماريني تفاصيل الرحلة.", "ويروي", 2) == ["ماريني"]
    # … but a name after «و» stays whole, and a name of its own with a short rest stays (ويلي "Willie")
    assert people("وحضر الحفل ويلي ماريني أمس.", "ويلي", 2) == ["ويلي ماريني"]


def test_a_form_of_address_is_a_title_for_the_rules_but_no_flag_of_the_tagger():
    from kg.extract.lexicon import honorifics, titles
    from kg.tagger.features import build_lexicon_flags

    # معالي "His Excellency" before two words no lexicon knows: a person, the honorific outside the name
    assert _rule_labels("وقال معالي ريمار الفارس وزير الدولة إن الاتفاق قريب.", "person") == ["ريمار الفارس"]
    assert _rule_labels("وأكد سعادة ريمار الهاشمي أن المشروع سيكتمل.", "person") == ["ريمار الهاشمي"]
    # the tagger's lexicon flags (and so the shipped model) do not read them
    assert ("معالي",) in honorifics() and ("معالي",) not in titles()
    assert "title" not in build_lexicon_flags().of("معالي")


def test_the_last_two_words_of_a_longer_name_are_its_later_mention_but_not_in_a_nasab():
    def people(text: str) -> list[tuple[str, list[str]]]:
        x = extract(Article(text=text, source="test", language="ar"), tagger=False)
        return [(e.label, [m.text for m in e.mentions]) for e in x.entities if e.category == "person"]

    assert people("وقال الرئيس ريناتو فيلار مير إن الاتفاق قريب. وأضاف فيلار مير أن الوفد سيصل.") == [
        ("ريناتو فيلار مير", ["ريناتو فيلار مير", "فيلار مير"])]
    # in a nasab the last two words are the father's name: «ريمار الفارس» is not the son (the family name alone is)
    assert people("وقال الأمير فهد بن ريمار الفارس إن الاتفاق قريب. وأضاف أن ريمار الفارس سيصل.") == [
        ("فهد بن ريمار الفارس", ["فهد بن ريمار الفارس", "الفارس"])]


def test_a_word_as_written_is_no_part_and_no_first_name_after_a_title():
    def people(text: str) -> list[tuple[str, list[str]]]:
        x = extract(Article(text=text, source="test", language="ar"), tagger=False)
        return [(e.label, [m.text for m in e.mentions]) for e in x.entities if e.category == "person"]

    # «كريم تعهد» ran on over the verb; «وتعهد» ("and pledged", common as written) is no «و» + its name part,
    # and «بدعم» ("with the support of") after the title is no first name
    assert people("وقال الرئيس كريم تعهد إن الاتفاق قريب. وتعهد الرئيس بدعم الفريق.") == [("كريم تعهد", ["كريم تعهد"])]


def test_a_foreign_places_first_word_before_a_known_place_names_another_place():
    def places(text: str) -> list[tuple[str, str, str | None, list[str]]]:
        x = extract(Article(text=text, source="test", language="ar"), tagger=False)
        return [(e.label, e.type, e.qid, [m.text for m in e.mentions]) for e in x.entities if e.category == "place"]

    # «جيرسي» alone is the Crown dependency of Jersey; «نيو جيرسي» is another place, with no link to it
    assert places("وزار الوفد نيو جيرسي أمس.") == [("نيو جيرسي", "City", None, ["نيو جيرسي"])]
    # after a trigger, the trigger types it
    assert places("وتقع المدينة الهندية نيو دلهي في الشمال.") == [("نيو دلهي", "City", None, ["نيو دلهي"])]  # not Delhi
    assert places("وأعلن حاكم ولاية نيو جيرسي الطوارئ.") == [("ولاية نيو جيرسي", "Region", None, ["نيو جيرسي"])]
    # the gazetteer's own names stay as they are
    assert [p[0] for p in places("وزار الوفد سان فرانسيسكو أمس.")] == ["سان فرانسيسكو"]
    # in English too: New Mexico is not Mexico
    x = extract(Article(text="Officials in New Mexico said the fire spread.", source="test", language="en"), tagger=False)
    assert [(e.label, e.qid) for e in x.entities if e.category == "place"] == [("New Mexico", None)]


def test_a_foreign_company_name_ends_before_a_noun_with_its_pronoun_and_quotes_with_spaces_stay_outside():
    def orgs(text: str) -> list[tuple[str, list[str]]]:
        x = extract(Article(text=text, source="test", language="ar"), tagger=False)
        return [(e.label, [m.text for m in e.mentions]) for e in x.entities if e.category == "organization"]

    # أرباحها "its profits": an everyday noun with a possessive pronoun is no word of the name
    assert orgs("وأعلنت شركة فالكورا أرباحها أمس.") == [("فالكورا", ["فالكورا"])]
    # a known name in quotes after its descriptor head, the quotes set off by spaces: the name alone
    assert orgs("وأعلنت شركة « غوغل » أرباحها أمس.") == orgs("وأعلنت شركة «غوغل» أرباحها أمس.") == [("غوغل", ["غوغل"])]


def test_a_given_name_that_is_a_role_noun_in_construct_and_a_number_after_a_title_are_no_persons():
    # أمين "Amin" and "curator/secretary": before a definite noun, the role (أمين المكتبة "the library's curator")
    assert _rule_labels("وقال أمين المكتبة إن المخطوطة أصلية.", "person") == []
    assert _rule_labels("وقال الدكتور سامر فلوح أمين المكتبة إن المخطوطة أصلية.", "person") == ["سامر فلوح"]
    assert _rule_labels("وقال محمد أمين فلوح إن الوضع صعب.", "person") == ["محمد أمين فلوح"]
    # a token with digits after a title is no first name
    assert _rule_labels("واجتمع رئيس الحكومة و21 نائبا أمس.", "person") == []


def test_a_later_part_of_a_name_displaces_a_shape_only_person_it_overlaps_and_mentions_never_overlap():
    # «ناصر» is a given name: the rules alone read «ناصر تعرّض» as a person; «بن ناصر» is the coach named before
    text = ("وأعلن النادي تعيين المدرب سامي بن ناصر للموسم المقبل. "
            "وقال مقربون منه إن بن ناصر تعرّض لانتقادات.")
    x = extract(Article(text=text, source="test", language="ar"), tagger=False)
    people = [(e.label, [m.text for m in e.mentions]) for e in x.entities if e.category == "person"]
    assert people == [("سامي بن ناصر", ["سامي بن ناصر", "بن ناصر"])]
    spans = sorted((m.start, m.end) for e in x.entities for m in e.mentions)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))


def test_a_works_credits_are_followed_by_a_name(monkeypatch):
    """«من إخراج X» "directed by X", «تأليف X», «ألحان / تلحين X»: a name follows the credit as it follows a title,
    also where its first word is no given name kg knows, and the tagger's reading of no name does not veto it;
    a credit the word «بطولة» ("starring", as often "championship") is not."""
    from kg.extract.tagged import TaggerRules

    text = "والمسلسل من تأليف نزار قنديل وإخراج خيري فرحات، ويعرض في رمضان."

    def persons() -> list[str]:
        x = extract(Article(text=text, source="test", language="ar"))
        return [e.label for e in x.entities if e.category == "person"]

    monkeypatch.setattr(TaggerRules, "_tagger_output", lambda self: None)
    assert persons() == ["نزار قنديل", "خيري فرحات"]
    monkeypatch.setattr(TaggerRules, "_tagger_output", _reading("خيري", ["O", "O"]))
    assert persons() == ["نزار قنديل", "خيري فرحات"]  # the tagger reads no name there: the credit's evidence stands
    text = "وفاز الفريق ببطولة كأس المدينة بعد مباراة صعبة."
    monkeypatch.setattr(TaggerRules, "_tagger_output", lambda self: None)
    assert persons() == []


def test_an_ordinal_in_a_title_keeps_the_name_after_it(monkeypatch):
    """«الوزير الأول X» (the Maghreb's prime minister), «النائبة الأولى لرئيس البرلمان X»: the ordinal belongs to the
    title, and an unknown first name after it is a name as after the title alone (الأول is also a function word)."""
    from kg.extract.tagged import TaggerRules

    monkeypatch.setattr(TaggerRules, "_tagger_output", lambda self: None)
    for text, name in [("واجتمعت النقابات أمس بالوزير الأول ريمار بنعلي في مكتبه.", "ريمار بنعلي"),
                       ("وقالت النائبة الأولى لرئيس البرلمان سعاد فرحات إن الجلسة تأجلت.", "سعاد فرحات")]:
        x = extract(Article(text=text, source="test", language="ar"))
        assert [e.label for e in x.entities if e.category == "person"] == [name]


def test_the_rules_own_regions_are_places_but_no_flag_of_the_tagger():
    """regions.tsv (England, Crimea, Kashmir, Texas …): places the rules know, in Arabic and English, which the
    shipped taggers' lexicon flags leave out — a name added to them would change what the models read."""
    from kg.extract.gazetteer import load_gazetteer, name_key
    from kg.tagger.features import _lexical, build_lexicon_flags

    def places(text: str, lang: str = "ar") -> list[str]:
        x = extract(Article(text=text, source="test", language=lang), tagger=False)
        return [m.text for e in x.entities if e.category == "place" for m in e.mentions]

    assert places("وفازت إنجلترا على ضيفتها في المباراة.") == ["إنجلترا"]
    assert places("ووصل الوفد إلى كشمير بعد جولة في تكساس.") == ["كشمير", "تكساس"]
    assert places("Floods hit Kashmir and parts of Texas on Monday.", "en") == ["Kashmir", "Texas"]
    [england] = load_gazetteer().lookup(name_key("إنجلترا"))
    assert england.type == "Region" and england.qid is None and not england.tagger_lexicon
    flags = build_lexicon_flags()

    def gaz_flagged(word: str) -> bool:
        return any(f.startswith("gaz") for f in flags.of(_lexical(word)))

    assert not gaz_flagged("إنجلترا") and not gaz_flagged("كشمير") and not gaz_flagged("Kashmir")
    assert gaz_flagged("سوريا") and gaz_flagged("الأردن")  # the checked gazetteer's names are flags as before
    # a sea or a strait is a natural feature; a city GeoNames also knows takes its id and coordinates, in both
    # languages one entity, and GeoNames' own English name stays a flag of the English model
    x = extract(Article(text="وعبرت الناقلة مضيق هرمز قبل أن تصل إلى جنيف.", source="test", language="ar"), tagger=False)
    by_label = {e.label: e for e in x.entities}
    assert by_label["مضيق هرمز"].type == "NaturalFeature" and by_label["جنيف"].geonames_id
    y = extract(Article(text="Delegates met in Geneva on Monday.", source="test", language="en"), tagger=False)
    assert [e.geonames_id for e in y.entities] == [by_label["جنيف"].geonames_id]
    assert gaz_flagged("Geneva")
    # a rules-only name never takes away what the flags were built from: the checked Kurdistan Region's bare
    # English name stays a flag though regions.tsv has a "Kurdistan" too
    assert "gaz1:place" in flags.of(_lexical("Kurdistan"))
    # a region of these lists is a family name as often (فادي عكار): it does not end a person's name, as a
    # country or an organisation of the checked lists does (… دعم إسرائيل)
    assert [(e.category, e.label) for e in extract(Article(text="وقال فادي عكار إن الاجتماع تأجل إلى الأحد.",
            source="test", language="ar"), tagger=False).entities] == [("person", "فادي عكار")]
    assert places("واشتبك الجيش مع مسلحين في عكار.") == ["عكار"]
    # actors.tsv: organisations, rules only as well (a descriptor head before one stays outside its mention)
    z = extract(Article(text="وهاجمت جماعة بوكو حرام قرية قبل قمة مجموعة العشرين.", source="test", language="ar"), tagger=False)
    assert [(e.type, m.text) for e in z.entities for m in e.mentions] == [("ArmedGroup", "بوكو حرام"),
                                                                         ("InternationalOrganization", "مجموعة العشرين")]
    assert not gaz_flagged("بوكو") and not gaz_flagged("يوروبول")


def test_a_list_of_companies_is_one_organisation_each():
    """«شركة X وشركة Y وشركة Z»: a transliterated name ends before «و» + another organisation's head, which
    also ends a one-word name as punctuation would (it had run on: «X وشركة Y» one organisation)."""
    x = extract(Article(text="وأعلنت شركة فالترون وشركة ميراكس وشركة دونوفا أرباحها الفصلية.", source="test",
                        language="ar"), tagger=False)
    assert [(e.category, m.text) for e in x.entities for m in e.mentions] == [
        ("organization", "فالترون"), ("organization", "ميراكس"), ("organization", "دونوفا")]


def test_clubs_and_companies_named_by_everyday_words_need_their_field():
    """clubs.tsv and companies.tsv (rules only, no flag of the taggers): a distinctive name is the club or the
    company anywhere; a name that is also an everyday word only in a sentence of its field, never as the
    adjective of a definite noun or before a definite word that goes on with it; a maker's name after a
    vehicle's noun is the product; and a head before such a word (المجلس العربي) is no club."""
    from kg.extract.gazetteer import CLUBS, COMPANIES, load_gazetteer, name_key
    from kg.tagger.features import _lexical, build_lexicon_flags

    def orgs(text: str) -> list[tuple[str, str]]:
        x = extract(Article(text=text, source="test", language="ar"), tagger=False)
        return [(e.label, m.text) for e in x.entities if e.category == "organization" for m in e.mentions]

    # a sports sentence: two words of sports_words.txt, read through proclitics and the article
    assert orgs("وفاز الأهلي على الترجي بهدفين في المباراة الختامية على الملعب.") == [("الأهلي", "الأهلي"), ("الترجي", "الترجي")]
    assert orgs("وقال رئيس نادي الأهلي إن المدرب سيختار اللاعبين قبل المباراة.") == [("الأهلي", "الأهلي")]
    # the club's noun with the article stays outside the mention too, as without it
    assert orgs("وأشاد مدرب النادي الأهلي باللاعبين بعد المباراة على الملعب.") == [("الأهلي", "الأهلي")]
    # the same words elsewhere are words: "the national (bank)", "the (High) Dam", the moon's crescent
    assert orgs("وقال مدير البنك الأهلي إن القروض زادت.") == [("البنك الأهلي", "البنك الأهلي")]
    assert orgs("وارتفع منسوب المياه أمام السد العالي في الصيف.") == []
    assert orgs("ويترقب الفلكيون ولادة الهلال مساء الأحد.") == []
    assert orgs("وأكد رئيس المجلس العربي أن الاجتماع سيعقد غدا.") == [("المجلس العربي", "المجلس العربي")]
    # a distinctive name needs no sports sentence; of two clubs of one name, the one of the article's country
    assert orgs("وتعاقد الغرافة مع مدافع جديد.") == [("الغرافة", "الغرافة")]
    assert orgs("وتأهل أسود الأطلس إلى الدور الثاني.") == [("أسود الأطلس", "أسود الأطلس")]  # a national team's nickname
    gaz = load_gazetteer()
    assert {e.country for e in gaz.lookup(name_key("الأهلي"))} == {"EG"}
    assert {e.source for e in gaz.lookup(name_key("الغرافة"))} == {CLUBS}
    # companies: a distinctive name anywhere, an everyday one in a business sentence, a product after its noun
    assert orgs("وقالت تويوتا إنها ستفتتح مصنعا جديدا.") == [("تويوتا", "تويوتا")]
    assert orgs("وأعلنت شل أن أرباح الشركة ارتفعت في الصيف.") == [("شل", "شل")]
    assert orgs("وشل الإضراب العمل في الموانئ.") == []
    assert orgs("وتعطلت سيارة فولفو وسيارات تويوتا في الطريق.") == []
    assert {e.source for e in gaz.lookup(name_key("تويوتا")) if e.category == "organization"} == {COMPANIES}
    flags = build_lexicon_flags()
    assert not any(f.startswith("gaz") for w in ("الغرافة", "فولفو") for f in flags.of(_lexical(w)))


def test_well_known_persons_by_family_name_alone():
    """people.tsv (rules only, no flag of the taggers): a well-known person's family name alone is that person,
    with no title before it; a title before the full name stays outside the mention; «ف/ك» before a one-word
    name is read as part of another word (فرائس "prey" is not ف + رايس)."""
    from kg.extract.gazetteer import PEOPLE, load_gazetteer, name_key
    from kg.tagger.features import _lexical, build_lexicon_flags

    def persons(text: str) -> list[tuple[str, str]]:
        x = extract(Article(text=text, source="test", language="ar"), tagger=False)
        return [(e.label, m.text) for e in x.entities if e.category == "person" for m in e.mentions]

    assert persons("وانتقد شيراك قرار ميركل أمس.") == [("جاك شيراك", "شيراك"), ("أنجيلا ميركل", "ميركل")]
    assert persons("واستقبل الملك محمد السادس وفدا من البرلمان.") == [("محمد السادس", "محمد السادس")]
    assert persons("وتبحث الذئاب عن فرائس في الشتاء.") == []
    [chirac] = load_gazetteer().lookup(name_key("شيراك"))
    assert chirac.source == PEOPLE and chirac.qid is None and chirac.label_en == "Jacques Chirac"
    flags = build_lexicon_flags()
    assert not any(f.startswith("gaz") for f in flags.of(_lexical("شيراك")))


def test_a_dateline_names_its_source():
    """«CITY - SOURCE :», «CITY (SOURCE) -», "CITY (Reuters) -" at a sentence's start: the source is a media
    organisation (a new one where kg does not know it), not a reporter's byline nor a desk's generic credit."""
    def sources(text: str, lang: str = "ar") -> list[tuple[str, str, list[str]]]:
        x = extract(Article(text=text, source="test", language=lang), tagger=False)
        return [(e.type, e.label, e.rules) for e in x.entities if e.category == "organization"]

    assert sources("الدوحة - الوطنية : افتتح الوزير المعرض أمس.") == [("MediaOrganization", "الوطنية", ["entity.dateline"])]
    assert sources("عمان ( البشائر ) - افتتح الوزير المعرض أمس.") == [("MediaOrganization", "البشائر", ["entity.dateline"])]
    assert sources("دبي - « الوطنية » : افتتح الوزير المعرض أمس.") == [("MediaOrganization", "الوطنية", ["entity.dateline"])]
    assert sources("بيروت - رويترز : قال مسؤول إن الوضع هادئ.")[0][:2] == ("NewsAgency", "رويترز")
    assert sources("الرياض - سامي الخالدي : أكد المدير أن المشروع اكتمل.") == []  # a byline
    assert sources("الخرطوم - عبدالواحد ساري : أكد المدير أن المشروع اكتمل.") == []
    assert sources("عواصم - وكالات : قتل ثلاثة أشخاص.") == []
    assert sources("دمشق - الشروق ووكالات : ارتفعت الأسعار أمس.") == []
    assert sources("وقال الوزير في عمان - أمس - إن المعرض افتتح.") == []  # not at a sentence's start


def test_media_named_by_everyday_words_need_a_medium_s_context():
    """media.tsv (rules only): a paper or channel named by an everyday word (الأيام "the days", الغد
    "tomorrow") is the medium after a medium's noun, a correspondent or in quotes — not after «ل» alone
    (للعالم "for the world"); a distinctive name anywhere; a name matched across an opening quote after a
    medium's noun ends before the closing one."""
    def media(text: str) -> list[tuple[str, str, str]]:
        x = extract(Article(text=text, source="test", language="ar"), tagger=False)
        return [(e.type, e.label, m.text) for e in x.entities if e.category == "organization" for m in e.mentions]

    assert media("وقال الوزير لصحيفة الغد إن الاتفاق قريب.") == [("MediaOrganization", "الغد", "الغد")]
    assert media("وقال الوزير لـ«الغد» إن الاتفاق قريب.") == [("MediaOrganization", "الغد", "الغد")]
    assert media("وسيحمل الغد أخبارا سارة للعالم كله.") == []
    assert media("وأفادت كونا بأن الأمير وصل إلى الرياض.")[0][:2] == ("NewsAgency", "وكالة الأنباء الكويتية")
    assert media('وذكرت صحيفة " كوميرسانت " الروسية أن المفاوضات توقفت.') == [("MediaOrganization", "كوميرسانت", "كوميرسانت")]
    # the rules that ask whether a word names something else (and so ends a person's name) do not count a
    # medium, a club or a company named by an everyday word: «الحياة» is "life" there, «الأهلي» "national"
    from kg.extract.entities import _Finder
    from kg.extract.gazetteer import load_gazetteer, name_key
    from kg.extract.tokens import split_sentences, tokenize

    text = "وقال سامي الحياة إن الأمر انتهى."
    toks = tokenize(text)
    finder = _Finder(text, toks, split_sentences(text, toks), "ar")
    for word in ("الحياة", "الأهلي"):
        assert load_gazetteer().lookup(name_key(word)) and not finder.plain_entries(name_key(word))


def test_an_organisation_pattern_ends_with_the_known_name_it_spells():
    """A head's chain of words that begins with a known organisation's whole name ends there (its adjectives
    go on): «لتنظيم ندوة» "to organise a seminar" after the name is not part of it."""
    x = extract(Article(text="ووقعت الجامعة العربية اتفاقا مع المنظمة العالمية للملكية الفكرية لتنظيم ندوة في جنيف.",
                        source="test", language="ar"), tagger=False)
    assert [(e.label_en, m.text) for e in x.entities if e.category == "organization" for m in e.mentions] == [
        ("Arab League", "الجامعة العربية"), ("World Intellectual Property Organization", "المنظمة العالمية للملكية الفكرية")]


def test_a_city_in_a_match_is_its_club():
    """In a sports sentence, a city right after a match's verb or the other side's word is the club called by
    it; the same city where something happens in it, or outside sport, is the city."""
    def orgs_and_places(text: str) -> list[tuple[str, str]]:
        x = extract(Article(text=text, source="test", language="ar"), tagger=False)
        return [(e.category, m.text) for e in x.entities for m in e.mentions]

    assert orgs_and_places("وفي الدوري الفرنسي تعادل ليون مع ضيفه مرسيليا في المباراة.") == [
        ("organization", "ليون"), ("organization", "مرسيليا")]
    assert orgs_and_places("وفي الدوري الفرنسي أقيمت المباراة في ليون أمام الجماهير.") == [("place", "ليون")]
    assert orgs_and_places("وقال مدرب مرسيليا إن الفريق جاهز للمباراة على الملعب.") == [("organization", "مرسيليا")]
    assert orgs_and_places("وسافر الوزير إلى ليون ثم إلى مرسيليا.") == [("place", "ليون"), ("place", "مرسيليا")]
    # before a country's adjective in the masculine, in a sports sentence: the club (a city takes the feminine)
    assert ("organization", "ليون") in orgs_and_places("وتصدر ليون الفرنسي الدوري بعد فوزه بهدفين.")
    assert ("place", "ليون") in orgs_and_places("وزار الوفد مدينة ليون الفرنسية أمس.")


def test_a_kunya_takes_its_nisba():
    """A nisba after a kunya is its bearer's name (أبو خالد التونسي), where after a given name it describes the
    person (… محمد علي المصري: the Egyptian)."""
    x = extract(Article(text="وقال أبو خالد التونسي إن الجماعة لن تتراجع.", source="test", language="ar"), tagger=False)
    assert [m.text for e in x.entities if e.category == "person" for m in e.mentions] == ["أبو خالد التونسي"]


def test_former_countries_are_places():
    """The Soviet Union, Yugoslavia …: countries of the past (regions.tsv), places, not organisations named by
    «الاتحاد» "the union"."""
    x = extract(Article(text="ومنذ زوال الاتحاد السوفياتي تبدلت حدود يوغوسلافيا.", source="test", language="ar"), tagger=False)
    assert [(e.type, m.text) for e in x.entities for m in e.mentions] == [("Country", "الاتحاد السوفياتي"),
                                                                         ("Country", "يوغوسلافيا")]


def test_the_rules_given_names_that_are_no_flag_of_the_tagger():
    """given_names_rules.tsv: given names the rules know (Persian, Kurdish, Turkish …) and the taggers' flags
    do not, so adding one needs no rebuild of the models."""
    from kg.extract.lexicon import given_names, rule_given_names
    from kg.tagger.features import _lexical, build_lexicon_flags

    x = extract(Article(text="وقال بهروز كمالوند إن الاتفاق قريب.", source="test", language="ar"), tagger=False)
    assert [m.text for e in x.entities if e.category == "person" for m in e.mentions] == ["بهروز كمالوند"]
    assert "بهروز" in rule_given_names() and "بهروز" not in given_names()
    assert set(given_names()) <= set(rule_given_names())
    assert "given" not in build_lexicon_flags().of(_lexical("بهروز"))


def test_historical_and_provincial_regions():
    """regions.tsv: regions of the news by their bare names (خراسان، كردفان، دارفور's states, the Hejaz …);
    names that are also common words (نجد "we find", عسير "difficult") are left out."""
    x = extract(Article(text="ونزح الآلاف من جنوب كردفان إلى خراسان ثم إلى الحجاز.", source="test", language="ar"),
                tagger=False)
    assert [(e.type, m.text) for e in x.entities for m in e.mentions] == [
        ("Region", "جنوب كردفان"), ("Region", "خراسان"), ("Region", "الحجاز")]
    y = extract(Article(text="ونجد أن الوضع عسير على الجميع.", source="test", language="ar"), tagger=False)
    assert [e.label for e in y.entities] == []


def test_a_person_is_called_later_by_the_first_name_alone():
    text = ("قالت الكاتبة ليلى حداد إن روايتها الجديدة ستصدر قريبا. وبدأت ليلى الكتابة في سن مبكرة، "
            "ويقول رامي إن الكتاب جاهز. وكان الشاعر رامي عباس قد سافر.")
    x = extract(Article(text=text, source="test", language="ar"))
    persons = {e.label: ([m.text for m in e.mentions], e.rules) for e in x.entities if e.category == "person"}
    assert persons["ليلى حداد"] == (["ليلى حداد", "ليلى"], ["entity.person", "entity.first-name"])
    assert "entity.first-name" not in persons.get("رامي عباس", ([], []))[1]  # named only after the first name


def test_a_first_name_two_persons_bear_is_no_one_of_them():
    text = ("قالت الكاتبة ليلى حداد إن روايتها الجديدة ستصدر قريبا، وردت الصحفية ليلى منصور بأن الموعد تأجل. "
            "وبدأت ليلى الكتابة في سن مبكرة.")
    x = extract(Article(text=text, source="test", language="ar"))
    for e in x.entities:
        if e.label in ("ليلى حداد", "ليلى منصور"):
            assert [m.text for m in e.mentions] == [e.label]


def test_an_everyday_word_the_tagger_reads_as_a_place_is_the_word(monkeypatch):
    from kg.extract.tagged import TaggerRules

    def places(text: str, word: str) -> list[str]:
        monkeypatch.setattr(TaggerRules, "_tagger_output", _reading(word, ["B-LOC"], "place"))
        x = extract(Article(text=text, source="test", language="ar"))
        return [e.label for e in x.entities if e.category == "place"]

    assert places("وشوهد أسد يتجول قرب الحديقة أمس.", "أسد") == []  # "a lion": common with and without ال
    assert places("وصل الوفد إلى مدينة أسد أمس.", "أسد") == ["أسد"]  # after a place's trigger: a town's name
    assert places("وصل الوفد إلى كوبانغ أمس.", "كوبانغ") == ["كوبانغ"]  # no everyday word: the tagger's place


class _LabelsTagger(_FakeTagger):
    """A stand-in CRF that labels the given words as one name of ``kind`` wherever they stand."""

    def __init__(self, words: list[str], kind: str):
        self.words, self.kind = words, kind

    def tag_many(self, sentences, scores=False):
        from kg.tagger.model import TaggedSpan, TYPES

        out = []
        for sentence in sentences:
            labels = ["O"] * len(sentence)
            spans = []
            for k in range(len(sentence) - len(self.words) + 1):
                if sentence[k : k + len(self.words)] == self.words:
                    labels[k : k + len(self.words)] = [f"B-{self.kind}"] + [f"I-{self.kind}"] * (len(self.words) - 1)
                    spans.append(TaggedSpan(k, k + len(self.words), TYPES[self.kind], None))
            out.append((labels, spans))
        return out


def test_a_name_after_a_noun_of_a_building_a_prize_or_a_work_is_no_person(monkeypatch):
    import kg.tagger

    def entities(text: str, name: str) -> list[tuple[str, str, str]]:
        monkeypatch.setattr(kg.tagger, "tagger_for", lambda lang, use=None: _LabelsTagger(name.split(), "PERS"))
        x = extract(Article(text=text, source="test", language="ar"))
        return [(e.label, e.category, e.type) for e in x.entities if e.label == name]

    assert entities("وأقيمت الصلاة في مسجد برايتون هيل أمس.", "برايتون هيل") == []
    assert entities("وفازت الرواية بجائزة غونكور هذا العام.", "غونكور") == []
    assert entities("وقال المدرب لمجلة رانكويك إن الفريق جاهز.", "رانكويك") == [("رانكويك", "organization", "MediaOrganization")]
    assert entities("وصل برايتون هيل إلى المطار أمس.", "برايتون هيل") == [("برايتون هيل", "person", "Person")]
    # named where no such noun stands before it too: the person in both places
    text = "وصل برايتون هيل إلى المطار أمس، ثم زار مسجد برايتون هيل."
    assert entities(text, "برايتون هيل") == [("برايتون هيل", "person", "Person")]


def test_an_occupation_introduces_a_person_with_the_role():
    x = extract(Article(text="وقالت الروائية ميرنا كوستاف إن الرواية ستصدر قريبا، وأضاف المخرج تادي برونيك أن "
                             "الفيلم جاهز.", source="test", language="ar"), tagger=False)
    assert [e.label for e in x.entities if e.category == "person"] == ["ميرنا كوستاف", "تادي برونيك"]
    assert [r.role for r in x.roles] == ["novelist", "director"]
    from kg.extract.lexicon import occupations, titles

    assert occupations() and not set(occupations()) & set(titles())  # the tagger's flags read titles.tsv alone


def test_a_given_name_before_the_tagger_s_person_starts_the_name(monkeypatch):
    import kg.tagger

    monkeypatch.setattr(kg.tagger, "tagger_for", lambda lang, use=None: None if use is False else _LabelsTagger(["كوبانغ"], "PERS"))
    text = "وشارك في الحفل سامر كوبانغ وعدد من الضيوف."
    assert [e.label for e in extract(Article(text=text, source="test", language="ar"), tagger=False).entities] == []
    x = extract(Article(text=text, source="test", language="ar"))
    assert [(e.label, e.rules) for e in x.entities] == [("سامر كوبانغ", ["entity.tagger"])]
    x = extract(Article(text="وشارك في الحفل على كوبانغ وعدد من الضيوف.", source="test", language="ar"))
    assert [e.label for e in x.entities] == ["كوبانغ"]  # «على» "on", spelt like the name علي, opens no name


def test_an_everyday_phrase_the_tagger_reads_as_an_organisation_is_none(monkeypatch):
    import kg.tagger

    def orgs(text: str, words: str) -> list[str]:
        monkeypatch.setattr(kg.tagger, "tagger_for", lambda lang, use=None: _LabelsTagger(words.split(), "ORG"))
        return [e.label for e in extract(Article(text=text, source="test", language="ar")).entities]

    assert orgs("ونشرت الدراسة على شبكة الإنترنت أمس.", "شبكة الإنترنت") == []  # "the internet"
    assert orgs("وفقد اللاعب وزنه بعد الإصابة.", "وزنه") == []  # "his weight"
    assert orgs("ونشرت الدراسة على شبكة كوبانغ أمس.", "شبكة كوبانغ") == ["شبكة كوبانغ"]


def test_a_title_the_gazetteer_names_a_person_by_is_the_title_of_the_name_after_it():
    text = "وقال وزير الخارجية الروسي سيرغي لافروف إن المحادثات مستمرة. وأضاف وزير الخارجية الروسي أن الوفد سيصل غدا."
    x = extract(Article(text=text, source="test", language="ar"), tagger=False)
    lavrov = next(e for e in x.entities if e.label_en == "Sergey Lavrov")
    assert [m.text for m in lavrov.mentions] == ["سيرغي لافروف", "وزير الخارجية الروسي"]  # alone, the office is him
    x = extract(Article(text="وقال وزير الخارجية الروسي « سيرغي لافروف » إن المحادثات مستمرة.", source="test", language="ar"),
                tagger=False)
    assert [m.text for e in x.entities for m in e.mentions if e.category == "person"] == ["سيرغي لافروف"]


def test_an_unsure_tagger_organisation_of_several_words_is_left_out(monkeypatch):
    import kg.tagger
    from kg.extract.tagged import MIN_NAME_SCORE

    class Unsure(_LabelsTagger):
        def score(self, words, labels, first, last):
            return MIN_NAME_SCORE - 0.1

    text = "ونشرت ريمار كوبانغ تقريرا أمس."
    for tagger, expected in ((Unsure, []), (_LabelsTagger, ["ريمار كوبانغ"])):
        monkeypatch.setattr(kg.tagger, "tagger_for", lambda lang, use=None, t=tagger: t(["ريمار", "كوبانغ"], "ORG"))
        assert [e.label for e in extract(Article(text=text, source="test", language="ar")).entities] == expected


def test_courts_and_institutes_are_organisations():
    x = extract(Article(text="وقضت المحكمة الدستورية الكندية بأن القانون باطل، وقال معهد البحوث الزراعية إن الموسم جيد.",
                        source="test", language="ar"), tagger=False)
    assert [(e.category, e.label) for e in x.entities if e.category == "organization"] == [
        ("organization", "المحكمة الدستورية الكندية"), ("organization", "معهد البحوث الزراعية")]
    x = extract(Article(text="ونشرت مؤسسة ريمار كوبانغ تقريرا أمس.", source="test", language="ar"), tagger=False)
    assert [e.label for e in x.entities] == ["مؤسسة ريمار كوبانغ"]  # not … تقريرا "a report", the verb's object


def test_an_area_named_by_an_everyday_noun_is_a_description():
    def places(text: str) -> list[str]:
        x = extract(Article(text=text, source="test", language="ar"), tagger=False)
        return [m.text for e in x.entities if e.category == "place" for m in e.mentions]

    assert places("وأغلقت الشرطة منطقة الخطر حول المصنع.") == []  # "the danger zone"
    assert places("وأخلت السلطات منطقة مساحتها عشرة كيلومترات.") == []  # "an area whose surface …"
    assert places("وتقع القرية في منطقة القرن الإفريقي.") == ["القرن الإفريقي"]  # a name, with its adjective
    assert places("وشهدت مدينة كوبانغ اشتباكات.") == ["كوبانغ"]


def test_a_club_or_a_paper_named_by_an_everyday_word_after_its_noun_or_in_brackets():
    def orgs(text: str) -> list[str]:
        x = extract(Article(text=text, source="test", language="ar"), tagger=False)
        return [m.text for e in x.entities if e.category == "organization" for m in e.mentions]

    assert orgs("وعقد النادي الأهلي مؤتمرا صحفيا أمس.") == ["الأهلي"]
    assert orgs("وقال الوزير إن الأهلي في البلاد كثيرون.") == []
    assert orgs("وقال الوزير إن الحوار مستمر ( الحياة ) .") == ["الحياة"]  # a credit in brackets
    assert orgs("وعادت الحياة إلى طبيعتها.") == []  # "life"


def test_a_club_named_with_its_country_s_adjective_is_the_name_alone():
    x = extract(Article(text="وخسر مرسيليا أمام ميلان الإيطالي بهدف في دوري الأبطال.", source="test",
                        language="ar"), tagger=False)
    milan = next(e for e in x.entities if e.label_en == "AC Milan")
    assert [m.text for m in milan.mentions] == ["ميلان"]  # the adjective is its country's, outside the name


def test_a_given_name_of_two_words_with_al_din():
    persons = partial(_rule_labels, category="person")
    assert persons("وقال عز الدين الفلوحي إن الوفد وصل.") == ["عز الدين الفلوحي"]
    assert persons("وقال رجال الدين إن الوفد وصل.") == []  # "the clergy"


def test_the_tagger_carries_no_name_over_a_verb_before_it_or_an_object_after_it(monkeypatch):
    import kg.tagger

    monkeypatch.setattr(kg.tagger, "tagger_for", lambda lang, use=None: None if use is False else
                        _LabelsTagger(["وقاد", "عز", "الدين", "الفلوحي", "جيوشه"], "PERS"))
    x = extract(Article(text="وقاد عز الدين الفلوحي جيوشه نحو المدينة.", source="test", language="ar"))
    assert [e.label for e in x.entities if e.category == "person"] == ["عز الدين الفلوحي"]


def test_a_country_spelt_with_other_long_vowels_is_that_country():
    x = extract(Article(text="وزار الوفد تركمنستان وطاجكستان الأسبوع الماضي.", source="test", language="ar"), tagger=False)
    assert [(e.label_en, [m.text for m in e.mentions]) for e in x.entities] == [
        ("Turkmenistan", ["تركمنستان"]), ("Tajikistan", ["طاجكستان"])]


def test_an_unknown_word_before_a_country_s_masculine_adjective_in_a_sports_sentence_is_a_club():
    def orgs(text: str) -> list[str]:
        x = extract(Article(text=text, source="test", language="ar"), tagger=False)
        return [m.text for e in x.entities if e.category == "organization" for m in e.mentions]

    assert orgs("وخسر الفريق أمام كوبانيتسا البرتغالي بهدفين في المباراة.") == ["كوبانيتسا"]
    assert orgs("وزار الوفد كوبانيتسا البرتغالية أمس.") == []  # no sports sentence, and the feminine


def test_the_rules_function_words_end_a_name_and_make_none(monkeypatch):
    import kg.tagger

    monkeypatch.setattr(kg.tagger, "tagger_for", lambda lang, use=None: None if use is False else _LabelsTagger(["وأين"], "PERS"))
    x = extract(Article(text="وسألته وأين سافر الوفد أمس.", source="test", language="ar"))
    assert [e.label for e in x.entities] == []  # «و» + «أين» "where", no name
    from kg.extract.lexicon import function_words, rule_function_words
    from kg.extract.normalize import normalize

    assert normalize("حيث") in rule_function_words() and normalize("حيث") not in function_words()  # (the tagger's flags)


def test_a_club_named_by_a_word_no_list_knows_after_the_club_s_noun():
    def orgs(text: str) -> list[str]:
        x = extract(Article(text=text, source="test", language="ar"), tagger=False)
        return [m.text for e in x.entities if e.category == "organization" for m in e.mentions]

    assert orgs("وانتقل اللاعب إلى نادي الكوبانغ الشهر الماضي.") == ["الكوبانغ"]
    assert orgs("وطلب فريق الدفاع عن المتهمين تأجيل الجلسة.") == []  # "the team defending the accused"
    assert orgs("وشارك فريق البحث في العملية أمس.") == []  # an everyday word outside a sports sentence


def test_an_organisation_name_goes_on_over_a_joined_adjective_and_an_aim_with_its_place():
    def orgs(text: str) -> list[str]:
        x = extract(Article(text=text, source="test", language="ar"), tagger=False)
        return [m.text for e in x.entities if e.category == "organization" for m in e.mentions]

    # «و» + a relational adjective after one: one council; two countries' adjectives: not one body
    assert orgs("وأكد المجلس الزراعي والتجاري أن القرار نهائي.") == ["المجلس الزراعي والتجاري"]
    assert "القوات السورية والروسية" not in orgs("وقصفت القوات السورية والروسية البلدة.")
    # «لـ» + a derived verbal noun + a known place: the name of a front, not what forces do there
    assert orgs("وأعلنت الجبهة الوطنية لتحرير كينيا رفضها الاتفاق.") == ["الجبهة الوطنية لتحرير كينيا"]
    assert orgs("وانتشرت القوات الكينية لتأمين نيروبي.") == ["القوات الكينية"]
    assert orgs("وقال رئيس اللجنة الانتخابية لريال مدريد إن التصويت انتهى.")[:1] == ["اللجنة الانتخابية"]


def test_a_family_name_alone_is_no_age_between_a_preposition_and_a_number():
    text = "وقال سامر عمر إن الحوار مستمر. وتوفي والده عن عمر 70 عاما. وأضاف عمر أن الطريق مفتوح."
    x = extract(Article(text=text, source="test", language="ar"), tagger=False)
    mentions = {e.label: [m.text for m in e.mentions] for e in x.entities if e.category == "person"}
    assert mentions == {"سامر عمر": ["سامر عمر", "عمر"]}  # the last, not "at the age of 70"


def test_a_channel_named_by_an_everyday_word_in_an_interview_or_a_credit_in_brackets():
    def media(text: str) -> list[str]:
        x = extract(Article(text=text, source="test", language="ar"), tagger=False)
        return [m.text for e in x.entities if e.type == "MediaOrganization" for m in e.mentions]

    assert media("وقال الوزير في مقابلة خاصة مع الجزيرة إن المفاوضات متعثرة.") == ["الجزيرة"]
    assert media("وأكد الوزير أن المفاوضات متعثرة ( الجزيرة ) .") == ["الجزيرة"]
    assert media("وعاد الصيادون إلى الجزيرة مع الفجر.") == []  # "the island"


def test_the_name_parts_of_a_person_only_the_tagger_found_need_it_sure_of_the_name(monkeypatch):
    from kg.extract.tagged import TaggerRules

    text = "ووصل كوبانغ ريمار إلى المدينة أمس. وأكد ريمار أن الطريق مفتوح."
    monkeypatch.setattr(TaggerRules, "_tagger_output", _reading("كوبانغ", ["B-PERS", "I-PERS"], "person"))

    def mentions() -> list[list[str]]:
        x = extract(Article(text=text, source="test", language="ar"))
        return [[m.text for m in e.mentions] for e in x.entities if e.category == "person"]

    assert mentions() == [["كوبانغ ريمار", "ريمار"]]  # sure of it (0.95)
    monkeypatch.setattr(_FakeTagger, "score", lambda self, words, labels, first, last: 0.7)
    assert mentions() == [["كوبانغ ريمار"]]  # unsure: the family name alone is left out


def test_a_name_of_several_words_whose_first_word_has_two_letters_after_wa():
    x = extract(Article(text="وزار الوفد القدس وتل أبيب قبل أن يعود.", source="test", language="ar"), tagger=False)
    assert [m.text for e in x.entities if e.category == "place" for m in e.mentions] == ["القدس", "تل أبيب"]
    x = extract(Article(text="وقال السفير بتل أبيب إن اللقاء تأجل.", source="test", language="ar"), tagger=False)
    assert [m.text for e in x.entities if e.category == "place" for m in e.mentions] == ["تل أبيب"]
    # «ب» + a one-word name of two letters is read as before (بقم "in Qom")
    x = extract(Article(text="وقال رجل الدين بقم إن الوضع هادئ.", source="test", language="ar"), tagger=False)
    assert [e.qid for e in x.entities if e.category == "place"] == ["Q170573"]


def test_a_family_name_alone_is_no_preposition_as_written_nor_a_function_word(monkeypatch):
    from kg.extract.tagged import TaggerRules

    def mentions(text: str, word: str) -> list[list[str]]:
        monkeypatch.setattr(TaggerRules, "_tagger_output", _reading(word, ["B-PERS", "I-PERS"], "person"))
        x = extract(Article(text=text, source="test", language="ar"))
        return [[m.text for m in e.mentions] for e in x.entities if e.category == "person"]

    # «وعلى» "and on" as written, after a person whose name ends with علي (as «على» normalises)
    assert mentions("وقال كوبانغ علي إن الوفد وصل. وعلى الصعيد الميداني هدأ القتال.", "كوبانغ") == [["كوبانغ علي"]]
    # a function word a run-on name took in is no mention of the person alone
    assert mentions("وقال ريمار فيهم إن الوفد وصل. وكان فيهم رجل مسن.", "ريمار") == [["ريمار فيهم"]]


def test_a_medium_that_interviewed_the_speaker_is_the_channel_not_the_claimant():
    def said(text: str, language: str = "ar") -> list[tuple[str | None, str | None]]:
        x = extract(Article(text=text, source="test", language=language), tagger=False)
        return [(claimant_label(x, c), x.entity(c.channel).label if c.channel else None) for c in x.claims]

    first = "وأكد الوزير سامر حداد أن المفاوضات متعثرة. "
    for medium in ("الجزيرة", "قناة الجزيرة", "وكالة رويترز"):
        got = said(first + f"وقال الوزير في مقابلة خاصة مع {medium} إن الحوار مستمر.")
        assert got[-1][0] == "سامر حداد" and got[-1][1] in ("الجزيرة", "رويترز"), medium
    got = said("Karim Haddad said in an interview with Reuters that the talks would continue.", "en")
    assert got == [("Karim Haddad", "Reuters")]


def test_a_medium_relaying_a_source_with_naqlan_an_or_a_titled_source():
    def said(text: str) -> list[tuple[str | None, str | None, str]]:
        x = extract(Article(text=text, source="test", language="ar"), tagger=False)
        return [(claimant_label(x, c) or (c.unnamed_source.text if c.unnamed_source else None),
                 x.entity(c.channel).label if c.channel else None, c.content.text) for c in x.claims]

    # «ذكرت X نقلا عن Y أن …»: Y said it, X relayed it (not the whole sentence «according to» Y)
    assert said("وذكرت صحيفة الأهرام نقلا عن مصادر مطلعة أن الاجتماع تأجل.") == [("مصادر", "الأهرام", "الاجتماع تأجل")]
    # a title before the relayed source's name, with «نقلت … عن» and with «نقلا عن»
    for text in ("ونقلت وكالة رويترز عن الوزير سامر حداد قوله إن الوفد وصل.",
                 "وذكرت وكالة رويترز نقلا عن الوزير سامر حداد أن الوفد وصل."):
        assert said(text) == [("سامر حداد", "رويترز", "الوفد وصل")], text


def test_according_to_then_fa_inna_and_a_relayed_title_with_no_name():
    x = extract(Article(text="وبحسب المرصد السوري لحقوق الإنسان، فإن الاشتباكات تجددت في المدينة.", source="test",
                        language="ar"), tagger=False)
    assert [c.content.text for c in x.claims] == ["الاشتباكات تجددت في المدينة"]  # «فإنّ» opens the clause
    x = extract(Article(text="ونقل التلفزيون الرسمي عن وزير الداخلية قوله إن الوضع تحت السيطرة.", source="test",
                        language="ar"), tagger=False)
    [c] = x.claims  # a title with no name after it: the claim stands, its claimant unknown, the relay its channel
    assert c.content.text == "الوضع تحت السيطرة" and c.claimant is None and x.entity(c.channel).label == "التلفزيون الرسمي"


def test_a_one_word_person_the_rules_found_is_that_person_where_it_recurs():
    """Name parts follow names of two words or more; a person the rules found by one word (after a title or a
    demonym used as one) is that person again where the word recurs alone (rule ``entity.repeat``)."""
    text = "وقال النجم البرازيلي زيكانو إن الفريق جاهز للمباراة. وكان زيكانو قد غاب عن المباراة السابقة."
    x = extract(Article(text=text, source="test", language="ar"), tagger=False)
    [person] = [e for e in x.entities if e.category == "person"]
    assert [m.text for m in person.mentions] == ["زيكانو", "زيكانو"]
    assert person.rules == ["entity.person", "entity.repeat"]


def test_the_words_of_names_the_press_writes_are_a_flag_of_the_tagger_only():
    """name_words_ar.txt (arabnamer's name dictionary, CC BY 4.0): a word the press has written as part of a
    person's name is the tagger's flag ``pname`` (``pname-everyday`` where general Arabic uses it as a word
    too); the rules never read it — a rare name's word alone makes no entity."""
    from kg.extract.lexicon import name_words_ar
    from kg.tagger.features import _lexical, build_lexicon_flags

    flags = build_lexicon_flags()
    assert "pname" in flags.of(_lexical("آلتونين")) and _lexical("آلتونين") in name_words_ar()
    assert "pname-everyday" in flags.of(_lexical("عارف"))  # a given name, and "knowing"
    assert not any(f.startswith("pname") for f in flags.of(_lexical("الحكومة")))
    assert all(w and " " not in w for w in name_words_ar())
    x = extract(Article(text="ووصل آلتونين إلى المدينة أمس.", source="test", language="ar"), tagger=False)
    assert not [e for e in x.entities if e.category == "person"]


def test_a_family_name_before_the_full_name_is_that_person_where_no_everyday_word():
    """A headline names the person by the family name alone, the body in full: the word before the first full
    mention is that person (rule ``entity.part``) — not where the family name is also an everyday word (حداد
    "mourning"), which carried back would make a common noun a person."""
    def persons(text: str) -> list[tuple[str, list[str]]]:
        x = extract(Article(text=text, source="test", language="ar"), tagger=False)
        return [(e.label, [m.text for m in e.mentions]) for e in x.entities if e.category == "person"]

    body = "\nواستقبل وزير الاقتصاد سامر {0} وفدا تجاريا أمس في مكتبه."
    assert persons("كسباري يستقبل وفدا تجاريا" + body.format("كسباري")) == [("سامر كسباري", ["كسباري", "سامر كسباري"])]
    assert persons("حداد يستقبل وفدا تجاريا" + body.format("حداد")) == [("سامر حداد", ["سامر حداد"])]


def test_a_common_word_as_written_is_no_proclitic_on_a_town_only_geonames_knows():
    """«فعالية» "effectiveness" is a word general Arabic uses as written (Zipf ≥ 4), not «ف» + a town of
    GeoNames; a proclitic on such a town's name in a rarer word is still read off (وتطوان)."""
    def places(text: str) -> list[str]:
        x = extract(Article(text=text, source="test", language="ar"), tagger=False)
        return [m.text for e in x.entities if e.category == "place" for m in e.mentions]

    assert places("وشدد الوزير على ضرورة زيادة فعالية الاتفاق.") == []
    assert places("ووصل الجرحى إلى الفاشر وتطوان.") == ["الفاشر", "تطوان"]


def test_the_names_of_clubs_are_a_flag_of_the_tagger_only():
    """club_names_ar.txt (ArWikiCats, MIT): a club named by one word is the tagger's flag ``club1``, a word of a
    longer club's name ``club``; the rules read kg's own clubs.tsv, not this list."""
    from kg.extract.lexicon import club_names_ar
    from kg.tagger.features import _lexical, build_lexicon_flags

    flags = build_lexicon_flags()
    assert "club1" in flags.of(_lexical("الغرافة"))
    assert "club" in flags.of(_lexical("يونايتد"))
    assert all(1 <= len(name) <= 3 for name in club_names_ar())
    assert not any(w in {"نادي", "الرياضي"} for name in club_names_ar() for w in name)
