"""What every entity rule shares: the mention record (:class:`Found`), the article's entity table,
new-entity construction, and the word lists the rules consult."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kg.extract.gazetteer import GazEntry, slug
from kg.extract.normalize import normalize
from kg.extract.tokens import Token
from kg.records import Entity

QUOTES = {"«", "»", "“", "”", '"'}
# a name joined to a participle, one word that describes (Iranian-backed, Kremlin-run, Saudi-led)
COMPOUND_PARTICIPLE = re.compile(r"([A-Z][A-Za-z]+)-(?:[a-z]+ed|made|led|run|born|built|held|owned|funded|brokered)")
NAME_PARTICLES = {"بن", "ابن", "بنت", "ابو", "ابي", "ال", "ولد", "bin", "al", "el", "de", "van", "von", "abu", "abdel", "abdul"}
NASAB_PARTICLES = frozenset({"بن", "ابن", "بنت"})  # normalised: "son of", "daughter of" in a nasab
POSSESSIVES = ("هما", "هم", "ها", "ه")  # as written: normalised, ة (محافظة "governorate") reads ه too


def without_possessive(raw: str) -> str:
    """A word as written without its possessive pronoun (عمه → عم، مدربهم → مدرب، أرباحها → ارباح), normalised; ""
    if it has none (a name's or a noun's ة is no ه: عطية، محافظة)."""
    for suffix in POSSESSIVES:
        if raw.endswith(suffix) and len(raw) > len(suffix) + 1:
            return normalize(raw[: -len(suffix)])
    return ""


GOVERNMENT_WORDS = {"النظام", "الحكومه", "الحكوميه", "الامن", "الجيش", "الشرطه", "الدوله", "government", "regime"}
OPERATION_HEADS = {"حمله", "عمليه", "معركه"}
MEDIA_TYPES = frozenset({"MediaOrganization", "NewsAgency"})  # the organisation types of a channel, a paper, an agency
LINKERS = {"التابعه", "التابع", "التابعين", "التابعتين"}
MEDIA_HEADS = {"صحيفه", "قناه", "فضاييه", "تلفزيون", "موقع", "وكاله", "اذاعه", "جريده", "مجله", "شبكه"}
# normalised nouns that say what kind of organisation or place a name is: the company, the newspaper, the
# channel, the club, the movement; the state, the province, the city — «شركة مايكروسوفت»، «صحيفة هآرتس»،
# «دولة الكويت»، «قناة الحدث». Where the words after one are themselves a name of the same entity, the
# mention is that name and the noun stays outside, as named-entity corpora mark names (ANERcorp, ACE: "the
# company Microsoft"). Not حزب، تنظيم (حزب الليكود، تنظيم القاعدة: ANERcorp's names include them, as the
# news does) nor وكالة (وكالة الأناضول, "Anadolu Agency": the agency's name)
DESCRIPTOR_HEADS = {"شركه", "صحيفه", "جريده", "مجله", "قناه", "تلفزيون", "اذاعه", "موقع", "شبكه", "نادي",
                    "فريق", "حركه", "دوله", "اقليم", "محافظه", "ولايه", "مدينه", "بلده"}


def names_a_kind(splits: list[tuple[int, str]]) -> bool:
    """Whether a word, by its readings without proclitics (``Token.splits``,
    :func:`kg.extract.tokens.proclitic_splits`), is one of the :data:`DESCRIPTOR_HEADS`."""
    return any(stem in DESCRIPTOR_HEADS for _, stem in splits)


# a currency's word (normalised Arabic, lower-case English): the demonym with it names the currency, not the
# country (دولار أمريكي، ليرة سورية، دينار أردني, "Lebanese pounds"); Arabic puts it after, English before
CURRENCY_WORDS = frozenset({
    "دولار", "دولارا", "دولارات", "ليره", "ليرات", "جنيه", "جنيها", "جنيهات", "دينار", "دينارا", "دنانير",
    "ريال", "ريالا", "ريالات", "درهم", "درهما", "دراهم", "فرنك", "فرنكا", "فرنكات", "شيكل", "شيكلا", "شيكلات",
    "شيقل", "روبل", "روبلا", "روبيه", "روبيات", "يوان", "ين",
    "dollar", "dollars", "pound", "pounds", "dinar", "dinars", "riyal", "riyals", "rial", "rials", "lira", "liras",
    "lire", "dirham", "dirhams", "franc", "francs", "shekel", "shekels", "rupee", "rupees", "rouble", "roubles",
    "ruble", "rubles", "yuan", "yen",
})
# normalised: a monarch's or a pope's title, and the ordinals that number a reign (الملك فيصل الثالث، البابا
# سمعان السابع عشر، الملكة هيلين الثانية) — part of the name after such a title, a function word elsewhere
SOVEREIGN_TITLES = frozenset({"الملك", "الملكه", "ملك", "ملكه", "العاهل", "البابا", "السلطان", "الامير", "الاميره",
                              "الامبراطور", "الامبراطوره", "القيصر", "الشاه"})
REGNAL_ORDINALS = frozenset({
    "الاول", "الاولي", "الثاني", "الثانيه", "الثالث", "الثالثه", "الرابع", "الرابعه", "الخامس", "الخامسه",
    "السادس", "السادسه", "السابع", "السابعه", "الثامن", "الثامنه", "التاسع", "التاسعه", "العاشر", "العاشره",
    "الحادي", "الحاديه",
})
REGNAL_TEENS = frozenset({"عشر", "عشره"})  # السادس عشر "the sixteenth"
HONOURED_TITLES = frozenset({"الامام", "الخليفه"})  # with a sovereign's, before a given name with the article (الإمام الهادي)
CORRESPONDENTS = {"مراسل", "مراسله", "مراسلو", "مراسلي", "موفد", "موفده"}  # مراسل الجزيرة: the channel's correspondent
# normalised: «في مقابلة (خاصة) مع X»، "in an interview with X": X, a medium, interviewed the speaker (not لقاء:
# «لقاء مع الاتحاد» is as often a meeting with a federation as an interview)
INTERVIEW_NOUNS = frozenset({"مقابله", "حوار", "حديث", "interview"})
FOREIGN_NAME_HEADS = {"NGO", "Organization", "MediaOrganization"}  # heads a transliterated name may follow
COMPLEMENTIZER_WORDS = {"ان", "بان", "انه", "انها", "بانه", "بانها"}
TITLE_LINKS = {"باسم", "خارجيه", "داخليه", "دفاع", "ماليه", "صحه", "عدل"}  # المتحدث باسم …، وزير خارجية …
TITLE_COMPLEMENTS = {"عام", "العام", "سابق", "السابق", "الاسبق", "اسبق", "المساعد", "مساعد", "بالوكاله", "بالانابه",
                     "وزراء", "الوزراء", "اركان", "الاركان",
                     "الاول", "الاولي", "الثاني", "الثانيه"}  # أمين عام، المدير السابق، رئيس وزراء، رئيس أركان، الوزير الأول، النائب الثاني
NON_NAME_ADJECTIVES = {
    "اخري", "اخر", "واسعه", "كبيره", "صغيره", "امنه", "عازله", "جديده", "قريبه", "بعيده", "محدده", "معينه",
    "عسكريه", "سكنيه", "صناعيه", "حدوديه", "منزوعه", "مجاوره", "المجاوره", "شماليه", "جنوبيه", "شرقيه",
    "غربيه", "الشماليه", "الجنوبيه", "الشرقيه", "الغربيه", "واحده", "كامله", "اخرى",
}
DEMONSTRATIVES = {"هذه", "هذا", "تلك", "ذلك", "هاته", "هؤلاء"}




@dataclass
class Found:
    """A mention before entities are merged: token range, char span, and what it denotes."""

    first: int  # token index, inclusive
    last: int  # token index, exclusive
    start: int
    end: int
    entry: GazEntry
    kind: str  # name | trigger | pattern | person | nominal | part | alias | demonym | dateline | tagger | tagger-repeat | repeat
    trigger_type: str | None = None
    score: float | None = None  # the tagger's confidence, for a mention only the tagger proposed


@dataclass
class EntityTable:
    """Entities of one article with their mentions, in order of first mention."""

    entities: dict[str, Entity] = field(default_factory=dict)
    found: list[Found] = field(default_factory=list)
    by_token: dict[int, Found] = field(default_factory=dict)

    def entity_at(self, token_index: int) -> Entity | None:
        f = self.by_token.get(token_index)
        return self.entities.get(f.entry.key) if f else None

    def found_at(self, token_index: int) -> Found | None:
        return self.by_token.get(token_index)


def _entity_from(entry: GazEntry) -> Entity:
    return Entity(
        key=entry.key,
        label=entry.label,
        category=entry.category,
        type=entry.type,
        qid=entry.qid,
        label_en=entry.label_en,
        label_ar=entry.label_ar,
        geonames_id=entry.geonames_id,
        lat=entry.lat,
        lon=entry.lon,
        gender=entry.gender,
    )


def _new_entry(category: str, type_: str, label: str, gender: str = "m") -> GazEntry:
    return GazEntry(key=f"{type_}/{slug(label)}", label=label, category=category, type=type_, rank=5, gender=gender)


def is_definite_nisba(word: str) -> bool:
    """A definite relational adjective, normalised (ة reads ه): السوري، البريطانية، الخارجية."""
    return word.startswith("ال") and word.endswith(("ي", "يه"))


def after_interview_noun(tokens: list[Token], k: int) -> bool:
    """Token k is «مع» / "with" after an interview's noun (:data:`INTERVIEW_NOUNS`), an adjective between at
    most (في مقابلة خاصة مع، in an exclusive interview with): what follows it is the medium that interviewed."""
    def words(j: int) -> set[str]:
        t = tokens[j]
        return {st for _, st in t.splits} if t.is_arabic else {t.text.lower()}

    return 1 <= k < len(tokens) and bool(words(k) & {"مع", "with"}) and any(
        words(j) & INTERVIEW_NOUNS for j in (k - 1, k - 2) if j >= 0)

