"""Rebuild kg/data/name_words_ar.txt and kg/data/club_names_ar.txt: the words of personal names as the Arabic
press writes them, and the names of sports clubs in Arabic — two lexicon flags of the entity tagger.

Sources (pip download --no-deps arabnamer==0.1.3 arwikicats==0.2.3):
- arabnamer's English → Arabic name dictionary (``arabnamer/data/dict_FINAL.json``, 22,797 pairs; Elsayed
  Yousef, https://github.com/sayedyousef/arabnamer, CC BY 4.0; drawn mostly from the European Commission's
  JRC-Names);
- ArWikiCats' Arabic names of 3,117 well-known people (``ArWikiCats/jsons/people/peoples.json``, as Arabic
  Wikipedia writes them; Ibrahim Qasim, https://github.com/MrIbrahem/ArWikiCats, MIT).
Changes: only the Arabic side is kept, split into words; name particles (بن، أبو، عبد، آل …), words of one
letter and words not all of Arabic letters are dropped; the rest deduplicated and sorted.

The list is a lexicon flag of the entity tagger (``pname``; ``pname-everyday`` for a word general Arabic
uses too): a word the training data never showed, absent from general word lists, that has been written as
a person's name (آلتونين-like foreign surnames) — on ANERcorp's train split 37 % of the rare words of persons'
names are in arabnamer's part, 0.4 % of the rare words outside names. It is read by the tagger only, never by
the rules: a name's word alone makes no entity.

The clubs: ArWikiCats' Arabic names of 2,162 sports clubs (``ArWikiCats/jsons/sports/Clubs_key.json``), without
a bracketed qualifier or the words every club's name may take (نادي، الرياضي، لكرة القدم …), kept where one to
three words of Arabic letters remain: the tagger's flags ``club1`` (a club named by one word: الريان) and ``club``
(a word of a longer name: … يونايتد). Clubs are named by everyday words and cities; the tagger weighs the flag
against the sentence.

Usage: python scripts/build_name_lists.py arabnamer-0.1.3-py3-none-any.whl arwikicats-0.2.3-py3-none-any.whl
"""

from __future__ import annotations

import json
import re
import sys
import zipfile
from pathlib import Path

ARABIC_WORD = re.compile("^[\u0621-\u064a\u0671-\u06d3]+$")  # letters only: no «com.», digits or Latin
PARTICLES = {"بن", "ابن", "بنت", "أبو", "ابو", "أبي", "ابي", "أبا", "عبد", "آل", "ال", "أم", "ام", "ذو", "ذي"}
SOURCES = {  # wheel name prefix → the JSON file of English → Arabic names of persons in it
    "arabnamer": "arabnamer/data/dict_FINAL.json",
    "arwikicats": "ArWikiCats/jsons/people/peoples.json",
}
CLUBS = "ArWikiCats/jsons/sports/Clubs_key.json"
CLUB_NAME = re.compile("^[\u0621-\u064a\u0671-\u06d3 ]+$")
CLUB_WORDS = {"نادي", "نادى", "النادي", "الرياضي", "الرياضية", "لكرة", "القدم", "الثقافي", "الاجتماعي", "الإجتماعي", "فريق"}
HEADER = """\
# Words of personal names as the Arabic press writes them: the tagger's lexicon flag «pname», never the rules'.
# Built by scripts/build_name_lists.py from
# - arabnamer 0.1.3's name dictionary (data/dict_FINAL.json): Elsayed Yousef, arabnamer,
#   https://github.com/sayedyousef/arabnamer — CC BY 4.0 (https://creativecommons.org/licenses/by/4.0/,
#   kg/data/LICENSE-CC-BY-4.0.txt), drawn mostly from the European Commission's JRC-Names;
# - ArWikiCats 0.2.3's names of people (jsons/people/peoples.json): Ibrahim Qasim, ArWikiCats,
#   https://github.com/MrIbrahem/ArWikiCats — MIT License.
# Changed: the Arabic side only, split into words; particles, one-letter and non-Arabic words dropped; sorted.
"""
CLUB_HEADER = """\
# Names of sports clubs in Arabic: the tagger's lexicon flags «club1» (a one-word name) and «club», never the rules'.
# Built by scripts/build_name_lists.py from ArWikiCats 0.2.3's clubs (jsons/sports/Clubs_key.json): Ibrahim Qasim,
# ArWikiCats, https://github.com/MrIbrahem/ArWikiCats — MIT License.
# Changed: bracketed qualifiers and the words any club's name takes (نادي، الرياضي، لكرة القدم …) dropped; names of
# one to three words of Arabic letters kept; sorted.
"""


def name_words(names: list[str]) -> list[str]:
    words = {w for arabic in names for w in arabic.split()}
    return sorted(w for w in words if len(w) >= 2 and ARABIC_WORD.match(w) and w not in PARTICLES)


def club_names(names: list[str]) -> list[str]:
    out = set()
    for name in names:
        name = re.sub(r"\(.*?\)", "", name).strip()
        if not CLUB_NAME.match(name):
            continue
        words = [w for w in name.split() if w not in CLUB_WORDS]
        if 1 <= len(words) <= 3:
            out.add(" ".join(words))
    return sorted(out)


def arabic_names(wheel: Path) -> list[str]:
    member = next(path for prefix, path in SOURCES.items() if wheel.name.lower().startswith(prefix))
    with zipfile.ZipFile(wheel) as z:
        return list(json.loads(z.read(member)).values())


def main() -> int:
    wheels = [Path(a) for a in sys.argv[1:]]
    if sorted(w.name.lower().split("-")[0] for w in wheels) != sorted(SOURCES):
        print(f"usage: {sys.argv[0]} ARABNAMER_WHEEL ARWIKICATS_WHEEL", file=sys.stderr)
        return 2
    data = Path(__file__).resolve().parent.parent / "kg" / "data"
    words = name_words([name for wheel in wheels for name in arabic_names(wheel)])
    (data / "name_words_ar.txt").write_text(HEADER + "".join(w + "\n" for w in words), encoding="utf-8")
    wikicats = next(w for w in wheels if w.name.lower().startswith("arwikicats"))
    with zipfile.ZipFile(wikicats) as z:
        clubs = club_names(list(json.loads(z.read(CLUBS)).values()))
    (data / "club_names_ar.txt").write_text(CLUB_HEADER + "".join(c + "\n" for c in clubs), encoding="utf-8")
    print(f"wrote {data}/name_words_ar.txt ({len(words)} words) and club_names_ar.txt ({len(clubs)} names)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
