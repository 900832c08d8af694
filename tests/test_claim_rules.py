"""Claims carry the ids of the rules that made them (`kg extract --explain`, `kg evaluate --rules`),
and the speaker rules for pronouns and appositions, on sentences written for these tests."""

from __future__ import annotations

from click.testing import CliRunner

from kg.cli import cli
from kg.extract import extract
from kg.records import Article

CASES = __import__("pathlib").Path(__file__).parent / "cases"


def claims(text: str):
    x = extract(Article(text=text, source="test", language="en"))
    labels = {e.key: e.label for e in x.entities}
    return [(labels.get(c.claimant), c.rules) for c in x.claims]


def test_every_claim_names_its_cue_content_and_claimant_rules():
    for who, rules in claims('The Health Ministry said on Monday that 40 people were wounded. "We are overwhelmed," said Dr. Hana Saleh.'):
        assert len(rules) == 3 and rules[0].startswith("cue:en:") and rules[1].startswith("content.") and rules[2].startswith("claimant.")


def test_pronoun_takes_the_agreeing_speaker():
    text = ('Ms. Layla Haddad, the mayor, visited the shelter on Monday. Mr. Karim Nassar, the camp manager, '
            'said supplies were running low. "We have no more blankets," he said. "The roads must reopen," she said.')
    got = claims(text)
    assert got[-2][0] == "Karim Nassar" and got[-2][1][2].startswith("claimant.pronoun.")
    assert got[-1][0] == "Layla Haddad" and got[-1][1][2].startswith("claimant.pronoun.")


def test_it_said_is_an_organisation_and_a_quote_name_does_not_count():
    text = ('The World Health Organization warned of cholera. "Doctors told us Mr. Omar Zaki had left," it said.')
    who, rules = claims(text)[-1]
    assert who == "World Health Organization" and rules[2].startswith("claimant.pronoun.")


def test_a_name_with_a_role_apposition_speaks():
    text = "Tarek Mansour, Tripoli water authority director told reporters that the pumps had stopped."
    who, rules = claims(text)[0]
    assert who == "Tarek Mansour"


def test_mr_without_a_period_is_a_title():
    text = "Mr Haddad said the talks would resume next week."
    assert claims(text)[0][0] == "Mr Haddad"


def test_extract_explain_and_evaluate_rules_cli(tmp_path):
    r = CliRunner().invoke(cli, ["extract", "--explain", str(CASES / "en_wire_libya.txt")])
    assert r.exit_code == 0 and "rules: cue:en:" in r.output and "claimant." in r.output
    assert "rules: entity." in r.output  # entities name the passes that found their mentions
    r = CliRunner().invoke(cli, ["evaluate", "--rules", str(CASES)])
    assert r.exit_code == 0, r.output
    lines = r.output.splitlines()
    assert lines[0].split() == ["rule", "claims", "matched", "right", "precision"]
    rows = {ln.split()[0]: ln.split()[1:] for ln in lines[1:]}
    assert any(k.startswith("cue:ar:") for k in rows) and any(k.startswith("claimant.") for k in rows)
    assert any(k.startswith("entity.") for k in rows)
    precisions = [float(v[-1]) for v in rows.values()]
    assert precisions == sorted(precisions)  # worst first


def ar_claims(text: str):
    x = extract(Article(text=text, source="test", language="ar"))
    labels = {e.key: e.label for e in x.entities}
    return [(labels.get(c.claimant), c.unnamed_source.text if c.unnamed_source else None, c.content.text, c.rules) for c in x.claims]


def test_kana_puts_the_subject_before_the_cue():
    [(who, _, content, rules)] = ar_claims("وكان الجيش اللبناني قد أعلن أن وحداته أعادت فتح الطريق الساحلي.")
    assert who == "الجيش اللبناني" and rules[2] == "claimant.ar.kana-subject" and content.startswith("وحداته")


def test_an_unnamed_head_is_not_replaced_by_its_modifier():
    [(who, unnamed, _, rules)] = ar_claims("وقال مصدر في وزارة الصحة إن عدد المصابين ارتفع إلى ثلاثين.")
    assert who is None and unnamed == "مصدر" and rules[2] == "claimant.subject.unnamed-head"
    [(who, rules)] = claims("A senior US official said the talks had stalled.")
    assert who is None and rules[2] == "claimant.subject.unnamed-head"  # not the United States
    [(who, rules)] = claims("Lebanese Health Minister Firas Abiad said the talks had stalled.")
    assert who == "Firas Abiad"  # a named person still wins


def test_noun_phrase_complements_only_without_a_clause():
    [(_, _, content, rules)] = ar_claims("وأشار الوزير إلى ارتفاع أسعار الوقود خلال الشهر الماضي.")
    assert content.startswith("ارتفاع") and rules[1] == "content.ar.to-noun-phrase"
    [(_, _, content, rules)] = ar_claims("وأشار الوزير إلى أن أسعار الوقود ارتفعت خلال الشهر الماضي.")
    assert content.startswith("أسعار") and rules[1] == "content.ar.complementizer"
    [(_, _, content, rules)] = ar_claims("وأعلنت الشركة الوطنية للنفط عن خطة جديدة لخفض الإنتاج.")
    assert content.startswith("خطة") and rules[1] == "content.ar.about-noun-phrase"


def test_english_cue_forms_come_from_lemmas():
    from kg.extract.lexicon import cues, english_forms

    assert english_forms("deny") == {"deny": "pl", "denies": "sg", "denied": "any"}
    assert english_forms("say", "said") == {"say": "pl", "says": "sg", "said": "any"}
    table = cues()
    assert table["warns"].family == "warn" and table["said"].rule == "cue:en:say"
    assert "state" not in table and "stated" in table  # a noun homograph: only the past form
    [(_, rules)] = claims("Local officials say the bridge will reopen next month.")
    assert rules[0] == "cue:en:say"


def test_that_only_cues_need_a_that_clause():
    assert claims("The expected deal was signed on Monday in Cairo.") == []
    [(_, rules)] = claims("Analysts at the bank expected that prices would fall.")
    assert rules[0] == "cue:en:expect"


def test_speakers_after_long_titles_and_foreign_names():
    cases = {
        "وقال رئيس مجلس إدارة الشركة سامر حداد في بيان إن الإنتاج توقف.": "سامر حداد",
        "ودعت وزيرة خارجية كندا ميلاني جولي إلى وقف القتال.": "ميلاني جولي",
        "قال أمين عام وزارة الزراعة مدير عام الصندوق بالوكالة خالد النمر، إن الموسم جيد.": "خالد النمر",
        "وقال المتحدث باسم الجيش نداف شوشاني إن العملية انتهت.": "نداف شوشاني",
        "وقال وزير الخارجية الفرنسي جان بارو للصحافيين إن الحل سياسي.": "جان بارو",
        "وقال رئيس مجلس النواب نبيه بري لرويترز إن الحوار مستمر.": "نبيه بري",  # بري is a name, لرويترز a channel
    }
    for text, speaker in cases.items():
        [(who, _, _, _)] = ar_claims(text)
        assert who == speaker, text


def test_subject_shapes():
    # coordinated subjects: the first named, not the nearest
    [(who, _)] = claims("Jordan and Egypt have also announced that aid convoys would cross on Friday.")
    assert who == "Jordan"
    # a parenthetical adverb between commas does not hide the subject
    text = "Health Minister Firas Abiad visited the hospital. Mr. Abiad, however, said that supplies were short."
    assert claims(text)[-1][0] == "Firas Abiad"
    # mediators are an unnamed source
    [(who, rules)] = claims("International mediators have urged both sides to accept the truce.")
    assert who is None and rules[2] in ("claimant.unnamed-source", "claimant.subject.unnamed")


def test_a_short_quoted_name_after_the_cue_is_the_subject():
    [(who, unnamed, content, rules)] = ar_claims("وأعلنت «الهيئة» أن الطريق أعيد فتحه أمام الشاحنات.")
    assert content.startswith("الطريق") and rules[1] == "content.ar.complementizer"


def test_definite_unnamed_sources_refer_back():
    [(who, unnamed, _, _)] = ar_claims("وقالت المصادر لوكالة رويترز إن الهدنة صامدة.")
    assert who is None and unnamed == "المصادر"


def test_transliterated_organisation_names_after_a_head():
    [(who, _, _, _)] = ar_claims("وقالت شركة أرامكو، إن الإنتاج ارتفع.")
    assert who == "أرامكو السعودية"  # the head before a known organisation's name: that organisation
    [(who, _, _, _)] = ar_claims("وقالت شركة فالكورا، إن الإنتاج ارتفع.")
    assert who == "فالكورا"  # a foreign name is a name by itself: the head stays outside (شركة says what it names)
    for text in ("وقالت منظمة تعمل في المجال الإنساني إن المساعدات توقفت.", "أعلنت منظمة دولية أن المساعدات توقفت."):
        x = extract(Article(text=text, source="t", language="ar"))
        assert not any(e.category == "organization" for e in x.entities), text  # a verb or an adjective is no name


def test_counted_nouns_ranges_and_millions_are_figures():
    def figures(text: str, lang: str = "en"):
        x = extract(Article(text=text, source="t", language=lang))
        return [(q.value, q.unit) for c in x.claims for q in c.quantities]

    assert figures("The World Health Organization said 17 suspected cases and 11 confirmed infections were recorded.") == [(17, "case"), (11, "case")]
    assert (2000, "person") in figures("Col. Sami Haddad said that a force of 2,000 to 3,000 troops was needed.")
    assert (1_200_000, "count") in figures("The World Health Organization said that 1.2 million have been displaced since April.")
    assert figures("The World Health Organization said that on October 12 the crossing reopened.") == []  # a date, not a figure
    assert figures("The World Health Organization said that in 2023 the crossing reopened.") == []  # a year
    assert (300, "person") in figures("وأعلن الجيش اللبناني مقتل نحو 300 مسلح في المعارك.", "ar")
    assert (3, "count") in figures("وقالت المنظمة إن المحكمة أيدت الحكم بحق ثلاثة من المحتجين.", "ar")


def test_month_names_and_common_adjectives_are_not_towns():
    x = extract(Article(text="وقال المتحدث إن الاتفاق الجديد سيوقع في آب المقبل.", source="t", language="ar"))
    assert not [e for e in x.entities if e.category == "place"]


def test_a_dropped_subject_skips_the_outlet_that_relayed():
    text = ("وقالت منظمة الصحة العالمية في بيان إن «الوضع خطير»، بحسب وكالة الأنباء الفرنسية. "
            "وأضافت أن الفرق الطبية وصلت إلى المدينة.")
    last = ar_claims(text)[-1]
    assert last[0] == "منظمة الصحة العالمية" and last[3][2] == "claimant.carried"


def test_an_assertion_and_its_negation_by_different_claimants_conflict():
    text = ("وقالت وزارة الصحة إن الغارة استهدفت مستشفى الشفاء وأوقعت عشرات الجرحى. "
            "وقال الجيش الإسرائيلي إن الغارة لم تستهدف مستشفى الشفاء ولم توقع جرحى.")
    x = extract(Article(text=text, source="t", language="ar"))
    assert [(c.first, c.second) for c in x.conflicts] == [(0, 1)] and "negates" in x.conflicts[0].reason
    same_side = ("وقالت وزارة الصحة إن الغارة استهدفت مستشفى الشفاء. "
                 "وقال الجيش الإسرائيلي إن المفاوضات لم تنته بعد في القاهرة.")
    assert extract(Article(text=same_side, source="t", language="ar")).conflicts == []  # nothing shared: no conflict


def test_object_after_a_subject_that_came_first():
    [(who, _, content, rules)] = ar_claims("وكان الجيش اللبناني قد توقع ارتفاع عدد النازحين إلى عشرة آلاف.")
    assert who == "الجيش اللبناني" and content.startswith("ارتفاع") and rules[1:] == ["content.ar.object-after-subject", "claimant.ar.kana-subject"]


def test_arabic_cue_forms_come_from_lemmas():
    from kg.extract.lexicon import arabic_forms, cues

    forms = {f for f, *_ in arabic_forms("حذر", "يحذر", "محذرا", "that")}
    assert {"حذر", "حذرت", "حذروا", "حذرتا", "يحذر", "تحذر", "يحذرون", "محذرا", "محذرة", "محذرين", "محذرات"} == forms
    [(who, _, content, rules)] = ar_claims("ويحذرون الخبراء من أن الأسعار سترتفع.") or [(None, None, "", [""])]
    assert rules[0] == "cue:ar:حذر"
    assert cues()["يصف"].family == "وصف"


def test_the_first_of_coordinated_subjects_is_the_claimant():
    en = extract(Article(text="Officials and the World Health Organization said the outbreak was spreading.", source="t", language="en"))
    assert [(c.claimant, c.unnamed_source.text, c.rules[2]) for c in en.claims] == [(None, "Officials", "claimant.subject.first-conjunct")]
    ar = extract(Article(text="وقال مسؤولون ومنظمة الصحة العالمية إن الوضع خطير.", source="t", language="ar"))
    assert [(c.claimant, c.unnamed_source.text) for c in ar.claims] == [(None, "مسؤولون")]
    actor_first = extract(Article(text="The World Health Organization and officials said the outbreak was spreading.", source="t", language="en"))
    assert [c.claimant is not None for c in actor_first.claims] == [True]


def test_reports_are_the_source_of_what_they_say():
    def got(text, lang):
        x = extract(Article(text=text, source="t", language=lang))
        labels = {e.key: e.label for e in x.entities}
        return [(labels.get(c.claimant), c.unnamed_source.text if c.unnamed_source else None, c.content.text, c.rules[2])
                for c in x.claims]

    rule = "claimant.reported-by-document"
    assert got("وأشارت منظمة العفو الدولية إلى تقارير صحفية تفيد بأن المحكمة لم تصادق على الحكم.", "ar") == [
        (None, "تقارير", "المحكمة لم تصادق على الحكم", rule)]
    assert got("وأشارت منظمة العفو الدولية إلى تقرير الأمم المتحدة الذي يقول إن المحكمة لم تصادق على الحكم.", "ar") == [
        ("الأمم المتحدة", None, "المحكمة لم تصادق على الحكم", rule)]
    assert got("Amnesty International cited reports that the court had upheld the sentences.", "en") == [
        (None, "reports", "the court had upheld the sentences", rule)]
    # a report named as the content, with nothing it says, stays the speaker's claim
    assert got("وأشارت منظمة العفو الدولية إلى تقارير صحفية.", "ar")[0][:2] == ("منظمة العفو الدولية", None)


def test_an_english_organisation_named_by_its_head_speaks():
    x = extract(Article(text="The army said it had struck a weapons depot near the border.", source="t", language="en"))
    assert [(e.label, e.category, e.type) for e in x.entities if e.category == "organization"] == [("the army", "organization", "GovernmentBody")]
    assert [x.entity(c.claimant).label for c in x.claims] == ["the army"]
    y = extract(Article(text="The US embassy said the convoy had arrived.", source="t", language="en"))
    assert [y.entity(c.claimant).label for c in y.claims] == ["US embassy"]
    # not the subject of a cue: no organisation is made of "the army"
    z = extract(Article(text="He joined the army in 1990, officials said.", source="t", language="en"))
    assert not [e for e in z.entities if e.category == "organization"]


def test_a_spokesperson_for_a_body_named_by_its_head_speaks_for_it():
    """«ونفى المتحدث باسم الجيش أن …» with no army named before: the army is the claimant, not the speaker of the
    sentence before carried on (the title and «باسم» say who speaks)."""
    text = "وقال وزير المالية سامر كسباري إن المفاوضات مستمرة. {0} أن تكون القوات قد قصفت القرية."
    for opening, body in (("ونفى المتحدث باسم الجيش", "الجيش"), ("ونفت الناطقة باسم الحكومة", "الحكومة"),
                          ("ونفى متحدث باسم الوزارة", "الوزارة")):
        got = ar_claims(text.format(opening))
        assert [who for who, *_ in got] == ["سامر كسباري", body], opening
    # «باسم» after a word that is no spokesperson's title («praised, in the army's name») makes no actor of the army
    x = extract(Article(text="وأشاد الضيف باسم الجيش في كلمته.", source="test", language="ar"))
    assert not [e for e in x.entities if e.category == "organization"]


def test_a_bare_title_as_the_subject_is_the_person_named_with_that_title():
    """«وحذر الوزير من أن …» after another speaker: the minister named before, not the last speaker carried on
    (rule claimant.ar.title-back); «الرئيس» alone is not a head of government named before."""
    text = ("وقال وزير الصحة سامر كسباري إن الوضع تحت السيطرة. "
            "وأكد ممثل المنظمة في البلاد رامي فلوح أن الوباء ينتشر في الريف. "
            "وحذر الوزير من أن الأسعار سترتفع في الأشهر المقبلة.")
    got = ar_claims(text)
    assert [who for who, *_ in got] == ["سامر كسباري", "رامي فلوح", "سامر كسباري"]
    assert got[-1][3][2] == "claimant.ar.title-back"
    other = ("وقال رئيس الوزراء سامر كسباري إن الحكومة مستمرة. "
             "وأكد ممثل المنظمة رامي فلوح أن الوباء ينتشر. وأضاف الرئيس أن الانتخابات ستجري في موعدها.")
    assert ar_claims(other)[-1][3][2] != "claimant.ar.title-back"
    # «الرئيس» is a head of state: not a town's mayor (رئيس البلدية), but the president named with his country's
    mayor = ("وقال رئيس البلدية سامر كسباري إن المياه ستعود. وأكد الخبير رامي فلوح أن الأزمة طويلة. "
             "وشدد الرئيس على أن الحكومة ستتدخل.")
    assert ar_claims(mayor)[-1][3][2] != "claimant.ar.title-back"
    president = mayor.replace("رئيس البلدية", "الرئيس السوري")
    assert [who for who, *_ in ar_claims(president)][-1] == "سامر كسباري"


def test_a_demand_is_a_claim_whose_content_is_what_is_demanded():
    """The annotation guide's «طالب بـ»: «وطالبت المنظمة (الحكومة) بفتح تحقيق …» is a claim whose content is what
    is demanded, without «بـ» (content.ar.by-noun-phrase); «بأن» is a complementiser as for any cue; «طالب»
    the noun (a student) makes no claim."""
    text = "وقالت منظمة العفو الدولية إن الوضع خطير. وطالبت المنظمة الحكومة بفتح تحقيق في الحادث."
    [_, (who, _, content, rules)] = ar_claims(text)
    assert (who, content, rules[1]) == ("منظمة العفو الدولية", "فتح تحقيق في الحادث", "content.ar.by-noun-phrase")
    [(_, unnamed, content, _)] = ar_claims("ويطالب السكان منذ سنوات بتحسين الخدمات في الحي.")
    assert content == "تحسين الخدمات في الحي"
    [(_, _, content, rules)] = ar_claims("وطالب المحتجون بأن تستقيل الحكومة فورا.")
    assert content == "تستقيل الحكومة فورا" and rules[1] == "content.ar.complementizer"
    assert ar_claims("وقتل طالب جامعي في الحادث بشكل مأساوي.") == []


def test_the_police_speak_as_an_organisation():
    """The annotation guide counts the police as an organisation: «كما أعلنت الشرطة أنها …» is the police's claim,
    not the previous speaker's carried on (الشرطة a government head of the rules' own list, no tagger flag)."""
    text = "وقالت وزارة الداخلية إن الوضع هادئ. كما أعلنت الشرطة أنها اعتقلت خمسة مشتبه بهم."
    assert [who for who, *_ in ar_claims(text)] == ["وزارة الداخلية", "الشرطة"]
    from kg.tagger.features import _lexical, build_lexicon_flags
    assert "orghead" not in build_lexicon_flags().of(_lexical("الشرطة"))


def test_an_accusation_and_an_attributed_saying_are_claims():
    """«واتهم الجيش المسلحين بقصف الأحياء» attributes to the army that the gunmen shelled them: a claim whose
    content is the accused and the deed (content.ar.accused-and-deed), reported, though a few words of it may be
    quoted; «نسبت الوكالة إلى مسؤول قوله إن …» relays the official, as «نقلت عن» does."""
    [(who, _, content, rules)] = ar_claims("واتهم الجيش المسلحين بقصف الأحياء السكنية.")
    assert (who, content, rules[1]) == ("الجيش", "المسلحين بقصف الأحياء السكنية", "content.ar.accused-and-deed")
    x = extract(Article(text="واتهمت «حماس» مسلحين مجهولين بالتسلل «تحت غطاء من القصف» إلى البلدة.", source="t", language="ar"))
    [c] = x.claims
    assert c.content.text.startswith("مسلحين مجهولين بالتسلل") and c.mode == "indirect"
    assert x.entity(c.claimant).label == "حركة حماس"
    [(who, unnamed, content, rules)] = ar_claims("ونسبت الوكالة إلى مسؤول أمني قوله إن المحادثات توقفت.")
    assert (unnamed, content, rules[1]) == ("مسؤول", "المحادثات توقفت", "content.ar.relayed")
    # «نقل إلى» carries something somewhere: no relay
    assert ar_claims("ونقل الجرحى إلى المستشفى بعد الهجوم.") == []


def test_the_minister_as_the_subject_is_the_person_named_minister_in_english():
    """"The minister warned that …" after another speaker: the person named with that title before ("the
    health minister, X," or "X, the health minister,"), not the last speaker (claimant.en.title-back); "the
    minister" is not a prime minister named before. "demanded" is a cue, its object the content."""
    text = ("The health minister, Samir Kasbari, said on Monday that the outbreak was under control. "
            "A doctor at the hospital, Rami Fallouh, said the wards were full. "
            "The minister warned that prices would rise in the coming months.")
    x = extract(Article(text=text, source="t", language="en"))
    assert [x.entity(c.claimant).label for c in x.claims] == ["Samir Kasbari", "Rami Fallouh", "Samir Kasbari"]
    assert x.claims[-1].rules[2] == "claimant.en.title-back"
    after = text.replace("The health minister, Samir Kasbari,", "Samir Kasbari, the health minister,")
    y = extract(Article(text=after, source="t", language="en"))
    assert y.entity(y.claims[-1].claimant).label == "Samir Kasbari"
    pm = text.replace("The health minister", "The prime minister")
    z = extract(Article(text=pm, source="t", language="en"))
    assert z.claims[-1].rules[2] != "claimant.en.title-back"
    d = extract(Article(text="The lawyer Samir Kasbari demanded the release of the detained journalists.", source="t", language="en"))
    assert [c.content.text for c in d.claims] == ["the release of the detained journalists"]


def test_a_report_as_the_subject_carries_no_earlier_speaker():
    """«وأشار التقرير إلى أن …» with no owner named: the report's claim, its claimant unknown (claimant.ar.document),
    not the army that spoke in the sentence before."""
    got = ar_claims("وزعم الجيش أنه دمر مخزنا للأسلحة. وأشار التقرير إلى أن عدد اللاجئين تضاعف.")
    assert [(who, rules[2]) for who, _, _, rules in got] == [("الجيش", "claimant.subject.actor"), (None, "claimant.ar.document")]


def test_the_object_after_an_unnamed_source_is_the_content():
    """«وتوقع خبراء اقتصاديون ارتفاع الأسعار»: the object after an unnamed source and its relational adjectives
    is the content (content.ar.object), as after a named actor (نفى الجيش أي علاقة …)."""
    [(_, unnamed, content, rules)] = ar_claims("وتوقع خبراء اقتصاديون ارتفاع الأسعار خلال الصيف.")
    assert (unnamed, content, rules[1]) == ("خبراء", "ارتفاع الأسعار خلال الصيف", "content.ar.object")
    [(_, unnamed, content, _)] = ar_claims("ونفت مصادر أمنية وقوع أي إصابات في الهجوم.")
    assert (unnamed, content) == ("مصادر", "وقوع أي إصابات في الهجوم")
    # a source that goes on after a preposition («في» ends as an adjective does): no content guessed from it
    assert all(not content.startswith("في") for *_, content, _ in ar_claims("وأعلن مسؤول في الوزارة انتهاء العملية."))


def test_according_to_an_organisation_named_by_its_head():
    """"According to the ministry, …" with no ministry named before: the phrase names the source, as "The army
    said …" does — the claim had been dropped for want of a source."""
    x = extract(Article(text="According to the ministry, at least 40 people were killed.", source="t", language="en"))
    [c] = x.claims
    assert c.mode == "according_to" and x.entity(c.claimant).label == "the ministry"
    assert c.content.text == "at least 40 people were killed"
