"""Synthetic newswire articles for benchmarks: templates written for kg, filled from the gazetteer.

Arabic and English, with quotes, reported speech, according-to, statements and figures, so every
extraction rule runs. Deterministic for a given seed.
"""

from __future__ import annotations

import random

from kg.extract.gazetteer import load_gazetteer

AR_TEMPLATES = [
    "وقال المتحدث باسم {org} {person} لوكالة رويترز إن «الوضع في {city} بات تحت السيطرة»، مشيرا إلى أن {n} مدنيين غادروا المدينة.",
    "وأفادت مصادر محلية في {city} بأن الاشتباكات تجددت أمس، فيما نفت {org} ذلك في بيان.",
    "وبحسب {org}، فإن نحو {p} في المائة من سكان {country} يحتاجون إلى المساعدات.",
    "وأكدت {org} أن قواتها سيطرت على أكثر من {n} كيلومتر مربع في محافظة {city}، مرجحة أن تنتهي العملية خلال يومين.",
    "من جهته، قال الخبير في الشؤون العسكرية {person} إن «المعركة لن تنتهي قريبا».",
    "ويرى خبراء أن الأزمة الاقتصادية في {country} ستتفاقم، إذ ارتفع التضخم إلى {p} في المائة.",
    "وأضاف: «لن نقبل بأي تدخل خارجي في شؤون {country}».",
    "ولم يعد التنظيم، وفق {org}، قادرا على الصمود في {city}.",
]
PERSONS_AR = ["محمد الحسن", "سامي العلي", "ليلى حداد", "خالد منصور", "رنا يوسف", "عماد سالم"]


def arabic_article(rng: random.Random, size: int = 5000) -> str:
    gaz = load_gazetteer().by_key().values()
    orgs = [e.label for e in gaz if e.category == "organization" and e.label_ar][:80]
    cities = [e.label for e in gaz if e.type == "City" and e.label_ar and e.rank <= 1][:80]
    countries = [e.label for e in gaz if e.type == "Country" and e.label_ar and e.rank == 0]
    parts = []
    while sum(len(p) for p in parts) < size:
        t = rng.choice(AR_TEMPLATES)
        parts.append(
            t.format(
                org=rng.choice(orgs), person=rng.choice(PERSONS_AR), city=rng.choice(cities), country=rng.choice(countries),
                n=rng.randint(2, 900), p=rng.randint(5, 95),
            )
        )
    return "\n".join(parts)


def corpus(n: int, seed: int = 7, size: int = 5000) -> list[str]:
    rng = random.Random(seed)
    return [arabic_article(rng, size) for _ in range(n)]
