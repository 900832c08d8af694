"""The tagger's letter scorer: a word written from another language scores above zero, an Arabic word below,
as learned from two word lists; the scorer built from kg's dependencies (GeoNames' Arabic names of foreign
cities, wordfreq's Arabic words) separates names of the news from common words."""

from __future__ import annotations

from kg.extract.frequency import frequent_words
from kg.tagger.features import FeatureCache, LexiconFlags
from kg.tagger.letters import build_letter_odds, is_scored, letter_score, train_letter_odds

# invented lists in the shape of the real ones: transliterated names, and Arabic words of one pattern
FOREIGN = {"فالنتينو", "بيرتسكي", "ماريانو", "كوستيلو", "فيرناندو", "لورينزو", "غوستافو", "سيرجيو"}
ARABIC = {"مكتب", "مكاتب", "كاتب", "مدرسة", "مدارس", "مسجد", "مساجد", "مجلس", "مجالس", "مشارك"}


def test_the_score_learns_which_letters_each_list_uses():
    odds = train_letter_odds(FOREIGN, ARABIC)
    assert letter_score("ريكاردو", odds) > 0 > letter_score("مكاتبة", odds)
    assert train_letter_odds(FOREIGN, ARABIC) == odds  # the same lists give the same table


def test_short_words_and_other_scripts_score_nothing():
    odds = train_letter_odds(FOREIGN, ARABIC)
    assert letter_score("في", odds) == 0.0 and letter_score("Mario", odds) == 0.0
    assert not is_scored("پارس")  # a Persian letter: GeoNames' names of Iran are not Arabic spelling
    assert is_scored("بيرتس")


def test_kg_s_scorer_separates_foreign_names_from_arabic_words():
    odds = build_letter_odds(frequent_words())
    names = ["فالنتينو", "سانشيز", "بيرتسكي", "كوفالسكي", "هيرنانديز"]  # not in the lists themselves, some of them
    words = ["المفاوضات", "مستشفيات", "تطاولا", "يستعرضون", "والمحافظة"]
    assert min(letter_score(w.removeprefix("ال"), odds) for w in names) > 0
    assert max(letter_score(w.removeprefix("ال"), odds) for w in words) < 0


def test_the_tagger_reads_the_word_without_its_proclitics_and_article():
    odds = train_letter_odds(FOREIGN, ARABIC)
    cache = FeatureCache(LexiconFlags(letter_odds=odds))
    assert "tl=0" not in cache.own("وفالنتينو") and any(f.startswith("tl=") for f in cache.own("وفالنتينو"))
    tl = {w: next(f for f in cache.own(w) if f.startswith("tl=")) for w in ("وفالنتينو", "فالنتينو")}
    assert tl["وفالنتينو"] == tl["فالنتينو"]
    assert not any(f.startswith("tl=") for f in cache.own("Valentino"))  # Arabic words only
