"""A synthetic newswire corpus for scale runs and benchmarks: Arabic and English articles from templates.

The templates are written for kg; names come from the gazetteer. Each article has quotes, reported
speech, according-to, statements and figures, so every extraction rule runs. Deterministic per seed.
"""

from __future__ import annotations

import datetime
import json
import random
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

from kg.extract.gazetteer import load_gazetteer

AR_TEMPLATES = [
    "وقال المتحدث باسم {org} {person} لوكالة رويترز إن «الوضع في {city} بات تحت السيطرة»، مشيرا إلى أن {n} مدنيين غادروا المدينة.",
    "وأفادت مصادر محلية في {city} بأن الاشتباكات تجددت أمس، فيما نفت {org} ذلك في بيان.",
    "وبحسب {org}، فإن نحو {p} في المائة من سكان {country} يحتاجون إلى المساعدات.",
    "وأكدت {org} أن قواتها سيطرت على أكثر من {n} كيلومتر مربع قرب {city}، مرجحة أن تنتهي العملية خلال يومين.",
    "من جهته، قال الخبير في الشؤون العسكرية {person} إن «المعركة لن تنتهي قريبا».",
    "ويرى خبراء أن الأزمة الاقتصادية في {country} ستتفاقم، إذ ارتفع التضخم إلى {p} في المائة.",
]
EN_TEMPLATES = [
    '"The situation in {city_en} is under control," said {person_en}, a spokesman for the {org_en}.',
    "The {org_en} said on Monday that {n} people had been displaced from {city_en}.",
    "According to the {org_en}, about {p} percent of the population of {country_en} needs aid.",
    "Officials in {city_en} said the fighting had stopped, while the {org_en} denied any role in the attack.",
    "{person_en} told Reuters that prices had risen by {p} percent in {country_en}.",
]
PERSONS_AR = ["محمد الحسن", "سامي العلي", "ليلى حداد", "خالد منصور", "رنا يوسف", "عماد سالم"]
PERSONS_EN = ["Sarah Miller", "Omar Haddad", "Laura Stein", "Karim Nasser", "Maria Costa"]


@lru_cache(maxsize=1)
def _names() -> dict[str, list[str]]:
    gaz = list(load_gazetteer().by_key().values())
    return {
        "org": [e.label_ar for e in gaz if e.category == "organization" and e.label_ar][:80],
        "org_en": [e.label_en for e in gaz if e.category == "organization" and e.label_en and e.qid][:60],
        "city": [e.label_ar for e in gaz if e.type == "City" and e.label_ar and e.rank <= 1][:80],
        "city_en": [e.label_en.split(" (")[0] for e in gaz if e.type == "City" and e.label_en and e.rank == 0][:80],
        "country": [e.label_ar for e in gaz if e.type == "Country" and e.label_ar and e.rank == 0],
        "country_en": [e.label_en for e in gaz if e.type == "Country" and e.label_en and e.rank == 0],
    }


def article(rng: random.Random, i: int, size: int = 2500) -> dict:
    names = _names()
    english = i % 3 == 2
    templates = EN_TEMPLATES if english else AR_TEMPLATES
    parts: list[str] = []
    while sum(len(p) for p in parts) < size:
        parts.append(
            rng.choice(templates).format(
                org=rng.choice(names["org"]), org_en=rng.choice(names["org_en"]), person=rng.choice(PERSONS_AR),
                person_en=rng.choice(PERSONS_EN), city=rng.choice(names["city"]), city_en=rng.choice(names["city_en"]),
                country=rng.choice(names["country"]), country_en=rng.choice(names["country_en"]),
                n=rng.randint(2, 900), p=rng.randint(5, 95),
            )
        )
    published = datetime.date(2024, 1, 1) + datetime.timedelta(days=i % 366)  # spread over a year, rng untouched
    return {"id": f"synthetic-{i}", "url": f"https://example.org/synthetic/{i}", "title": f"Synthetic article {i}",
            "language": "en" if english else "ar", "published": published.isoformat(), "text": "\n".join(parts)}


def articles(n: int, seed: int = 7, size: int = 2500) -> Iterator[dict]:
    rng = random.Random(seed)
    for i in range(n):
        yield article(rng, i, size)


def write_corpus(out: str | Path, n: int, per_file: int = 1000, seed: int = 7, size: int = 2500) -> list[Path]:
    """Write ``n`` articles as JSON lines files of ``per_file`` records under ``out``."""
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    files = []
    fh = None
    for i, rec in enumerate(articles(n, seed, size)):
        if i % per_file == 0:
            if fh:
                fh.close()
            files.append(folder / f"part-{i // per_file:05d}.jsonl")
            fh = files[-1].open("w", encoding="utf-8")
        fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
    if fh:
        fh.close()
    return files
