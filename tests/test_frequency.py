"""Common words among GeoNames' Arabic town names (kg.extract.frequency)."""

from kg.extract.frequency import COMMON_ZIPF, frequent_words, is_common_word, other_form


def test_other_form_puts_the_article_on_or_takes_it_off():
    assert other_form("الحصار") == "حصار"
    assert other_form("سعيده") == "السعيده"
    assert other_form("ال") == "الال"  # too short to be a word with the article


def test_a_common_word_is_common_with_and_without_the_article():
    table = {"حصار": COMMON_ZIPF + 0.3, "الحصار": COMMON_ZIPF + 0.6,  # a noun: both forms in everyday use
             "الخرطوم": COMMON_ZIPF + 0.5, "خرطوم": COMMON_ZIPF - 1.0,  # a city: its other form is rare
             "بغداد": COMMON_ZIPF + 0.9}  # a city: no other form at all
    assert is_common_word("الحصار", table) and is_common_word("حصار", table)
    assert not is_common_word("خرطوم", table) and not is_common_word("الخرطوم", table)
    assert not is_common_word("بغداد", table)
    assert not is_common_word("حصار بغداد", table)  # a name of two words is a name as a whole
    assert not is_common_word("كلمة", table)  # a word wordfreq does not list


def test_wordfreq_tells_everyday_words_from_city_names():
    table = frequent_words()
    for word in ("الحصار", "الخبر", "دوله", "الوادي"):  # normalised: ة reads ه
        assert is_common_word(word, table), word
    for word in ("بغداد", "الخرطوم", "حلب", "الرباط", "كابل"):
        assert not is_common_word(word, table), word
