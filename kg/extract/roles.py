"""Roles the text states: a person's title and the organisation it is in.

* title before the name: مدير «المرصد» رامي …, الناطقة الرسمية باسم الحملة …, Army spokesman Nabil …;
* English apposition after the name: Philippe Lazzarini, head of UNRWA, …; X, the U.N. envoy for Sudan, ….

The role name is the English label of the title in ``kg/data/titles.tsv``; titles that are only
honorific (الشيخ, Dr.) give no role.
"""

from __future__ import annotations

from kg.extract.entities import EntityTable, Found
from kg.extract.lexicon import Title, role_titles
from kg.extract.tokens import Sentence, Token
from kg.records import Role, Span

STOPS = {"،", ",", ".", ":", ";", "؛", "\n"}


def _title_at(tokens: list[Token], k: int) -> tuple[Title, int] | None:
    table = role_titles()
    t = tokens[k]
    if not t.is_word:
        return None
    heads = {t.splits[-1][1], t.norm} if t.is_arabic else {t.text.lower()}
    for n in (3, 2, 1):
        rest = tuple(
            tokens[j].norm if tokens[j].is_arabic else tokens[j].text.lower() for j in range(k + 1, min(k + n, len(tokens)))
        )
        if len(rest) != n - 1:
            continue
        for h in heads:
            title = table.get((h,) + rest)
            if title:
                return title, n
    return None


def _org_found(table: EntityTable, a: int, b: int) -> Found | None:
    k = a
    while k < b:
        f = table.found_at(k)
        if f and f.entry.category == "organization":
            return f
        k = f.last if f else k + 1
    return None


def find_roles(text: str, tokens: list[Token], sentences: list[Sentence], table: EntityTable) -> list[Role]:
    out: list[Role] = []
    seen: set[tuple[str, str]] = set()
    sentence_start = {}
    for s in sentences:
        for k in range(s.start, s.end):
            sentence_start[k] = s.start
    for f in table.found:
        if f.entry.category != "person" or f.kind not in {"person", "name"}:
            continue
        role = _before(text, tokens, table, f, sentence_start.get(f.first, 0)) or _after(text, tokens, table, f)
        if role and (role.person, role.role) not in seen:
            seen.add((role.person, role.role))
            out.append(role)
    return out


def _before(text: str, tokens: list[Token], table: EntityTable, f: Found, floor: int) -> Role | None:
    k = f.first - 1
    while k >= max(floor, f.first - 10):
        if tokens[k].text in STOPS:
            return None
        hit = _title_at(tokens, k)
        for longer in (k - 1, k - 2):  # "Prime Minister" before "Minister"
            if longer >= floor:
                h2 = _title_at(tokens, longer)
                if h2 and h2[0].role and longer + h2[1] >= k + (hit[1] if hit else 1):
                    hit, k = h2, longer
                    break
        if hit and hit[0].role and k + hit[1] <= f.first:
            org = _org_found(table, k + hit[1], f.first)
            if org is None and k > 0:
                prev = table.found_at(k - 1)
                org = prev if prev and prev.entry.category == "organization" else None
            start = org.start if org and org.start < tokens[k].start else tokens[k].start
            return Role(f.entry.key, hit[0].role, org.entry.key if org else None, Span(start, f.end, text[start : f.end]))
        k -= 1
    return None


def _after(text: str, tokens: list[Token], table: EntityTable, f: Found) -> Role | None:
    k = f.last
    if k >= len(tokens) or tokens[k].text != "," or tokens[f.first].is_arabic:
        return None
    j = k + 1
    end = j
    while end < len(tokens) and end < j + 12 and tokens[end].text not in STOPS:
        end += 1
    for x in range(j, min(end, j + 5)):
        hit = _title_at(tokens, x)
        if hit and hit[0].role:
            org = _org_found(table, x + hit[1], end) or _org_found(table, j, x)
            stop = tokens[end - 1].end
            return Role(f.entry.key, hit[0].role, org.entry.key if org else None, Span(f.start, stop, text[f.start : stop]))
    return None
