"""The claims explorer at `/`: every claim a row, facets that narrow it, search with Arabic normalised as in
extraction, paging on the server, values that carry HTML printed as text on every page."""

from __future__ import annotations

import html
import re
import urllib.parse
import warnings

import pytest

from kg import KnowledgeGraph
from kg.resources import samples_dir
from kg.serve import explorer as ex

HOSTILE = {
    "title": "<script>alert('title')</script> Ministry update",
    "publisher": "<img src=x onerror=alert('publisher')> Wire",
    "published": "2024-03-05",
    "language": "en",
    "text": ("The ministry said that <script>alert('claim')</script> supplies reached the northern districts. "
             "Officials told <b>Wire</b> that 40 trucks had crossed."),
}


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from starlette.testclient import TestClient

    graph = KnowledgeGraph(tmp_path_factory.mktemp("explorer") / "store")
    report = graph.load([samples_dir(), HOSTILE])
    assert report.ok, report.rejected
    with TestClient(graph.serve_app()) as c:
        c.graph = graph
        yield c


def count(page: str) -> int:
    return int(re.search(r'<p id="count">(\d+) claim', page).group(1))


def rows(page: str) -> list[str]:
    table = page.split('<table id="claims">', 1)[1].split("</table>", 1)[0]
    return table.split("<tr>")[2:]


def facet_links(page: str, name: str) -> list[str]:
    return [html.unescape(h) for h in re.findall(rf'href="([^"]*)" data-facet="{name}"', page)]


def test_every_claim_is_a_row(client):
    [n] = client.graph.query("SELECT (COUNT(?c) AS ?n) WHERE { ?c a kg:Claim }")
    page = client.get("/").text
    assert count(page) == int(n["n"].value) == len(rows(page))
    assert 'dir="auto"' in page and '<a href="/sparql">' in page


def test_a_facet_narrows_the_table(client):
    page = client.get("/").text
    speaker = facet_links(page, "speaker")[0]
    iri = urllib.parse.parse_qs(urllib.parse.urlsplit(speaker).query)["speaker"][0]
    narrowed = client.get(speaker).text
    [n] = client.graph.query(f"SELECT (COUNT(?c) AS ?n) WHERE {{ ?c kg:claimant <{iri}> }}")
    assert 0 < count(narrowed) == int(n["n"].value) < count(page)
    assert all(urllib.parse.quote(iri, safe="") in r for r in rows(narrowed))
    for name in ("certainty", "mode", "speaker_type", "place", "outlet"):
        links = facet_links(page, name)
        assert links, name
        assert 0 < count(client.get(links[0]).text) <= count(page)
    both = client.get(facet_links(narrowed, "certainty")[0]).text  # facets combine
    assert count(both) <= count(narrowed)


def test_search_normalises_arabic_and_case(client):
    [row] = client.graph.query('SELECT ?c WHERE { ?x kg:content ?c . FILTER (CONTAINS(?c, "أ")) } LIMIT 1')
    text = row["c"].value
    word = max((w for w in text.split() if "أ" in w), key=len)
    plain = word.replace("أ", "ا")  # typed without hamza
    for q in (word, plain):
        found = client.get("/", params={"q": q}).text
        assert count(found) >= 1 and any(html.escape(word) in r for r in rows(found))
    assert count(client.get("/", params={"q": "SUPPLIES REACHED"}).text) == 1
    assert count(client.get("/", params={"q": "zzzz-nothing"}).text) == 0


def test_paging_on_the_server(client, monkeypatch):
    monkeypatch.setattr(ex, "PAGE_SIZE", 10)
    first = client.get("/").text
    total = count(first)
    assert len(rows(first)) == 10 and 'rel="next"' in first and 'rel="prev"' not in first
    seen = set()
    for page in range(1, (total + 9) // 10 + 1):
        body = client.get("/", params={"page": page}).text
        seen |= set(re.findall(r'/claim\?iri=([^"]+)"', "".join(rows(body))))
    assert len(seen) == total


def test_dates_and_conflicts(client):
    page = client.get("/").text
    dated = count(client.get("/", params={"date_from": "2024-03-05", "date_to": "2024-03-05"}).text)
    assert 1 <= dated < count(page)
    conflict = facet_links(page, "conflict")[0]
    assert 0 < count(client.get(conflict).text) < count(page)


def test_parameters_that_are_not_what_they_claim_are_ignored(client):
    full = count(client.get("/").text)
    for params in ({"speaker": "javascript:alert(1)"}, {"certainty": "x } ; DROP ALL"}, {"page": "-3"},
                   {"speaker_type": "Person> } INSERT"}, {"date_from": "yesterday"}, {"q": '" ) } #'}):
        r = client.get("/", params=params)
        assert r.status_code == 200
        if "q" not in params:
            assert count(r.text) == full


def test_html_in_the_data_is_text_on_every_page(client):
    pages = [client.get("/").text, client.get("/", params={"q": "supplies"}).text]
    claim = re.search(r'/claim\?iri=([^"]+)"', "".join(rows(pages[1]))).group(1)
    pages.append(client.get("/claim?iri=" + claim).text)
    [pub] = client.graph.query('SELECT ?p WHERE { ?a schema:publisher ?p } LIMIT 1')
    pages.append(client.get("/entity", params={"iri": pub["p"].value}).text)
    pages.append(client.get("/", params={"outlet": pub["p"].value}).text)
    pages += [client.get(path).text for path in ("/map", "/conflicts", "/?conflict=1", "/?page=2")]
    hostile = client.graph.query('''SELECT DISTINCT ?e WHERE { ?a schema:headline ?t . FILTER (CONTAINS(?t, "<script>"))
                                          ?m kg:inArticle ?a ; kg:denotes ?e }''')
    assert hostile
    pages += [client.get("/entity", params={"iri": r["e"].value}).text for r in hostile]
    for body in pages:
        assert "<script>alert" not in body and "<img src=x" not in body and "<b>Wire" not in body
    assert "&lt;script&gt;alert(&#x27;claim&#x27;)" in pages[1]


def test_the_editor_moved_to_sparql(client):
    assert "<textarea" in client.get("/sparql", headers={"accept": "text/html"}).text
    assert client.get("/sparql").headers["content-type"].startswith("text/turtle")  # clients: the service description


def test_conflicts_side_by_side(client):
    [n] = client.graph.query("SELECT (COUNT(?c) AS ?n) WHERE { ?c a kg:Conflict }")
    page = client.get("/conflicts").text
    assert f"Conflicting claims ({n['n'].value})" in page and int(n["n"].value) > 0
    sections = page.split('<section class="conflict">')[1:]
    assert len(sections) == int(n["n"].value)
    assert all(s.count('<div class="side">') == 2 and s.count("<mark>") == 2 for s in sections)
    assert "<script>alert" not in page


def _n(client, query: str) -> int:
    [row] = client.graph.query(query)
    return int(row["n"].value)


def test_map_draws_every_place_with_coordinates(client):
    page = client.get("/map").text
    svg = page.split("<svg", 1)[1].split("</svg>", 1)[0]
    places = set(re.findall(r'class="place" data-iri="([^"]+)"', svg))
    want = {r["p"].value for r in client.graph.query(
        'SELECT DISTINCT ?p WHERE { ?p wgs84:lat ?lat ; wgs84:long ?long ; kg:entityCategory "place" }')}
    assert places == want and len(want) >= 3
    assert svg.count("<path") > 5  # country outlines in view
    # a click on a point is the explorer narrowed to claims about that place
    href = html.unescape(re.search(r'<a href="([^"]+)" class="place"', svg).group(1))
    iri = urllib.parse.parse_qs(urllib.parse.urlsplit(href).query)["place"][0]
    assert count(client.get(href).text) == _n(client, f"SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE {{ ?c kg:about <{iri}> }}")
    # the area of a point follows its mentions
    radius = {m[0]: (int(m[1]), float(m[2])) for m in re.findall(
        r'data-iri="([^"]+)" data-mentions="(\d+)"><circle cx="[^"]+" cy="[^"]+" r="([^"]+)"', svg)}
    ordered = sorted(radius.values())
    assert all(a[1] <= b[1] for a, b in zip(ordered, ordered[1:]))
    assert 'id="places"' in page and "geonames.org/" in page


def test_entity_page_shows_claims_by_and_about_roles_timeline_and_company(client):
    [holder] = client.graph.query("SELECT ?h WHERE { ?r kg:holder ?h . ?c kg:claimant ?h } LIMIT 1")
    iri = holder["h"].value
    page = client.get("/entity", params={"iri": iri}).text
    said = _n(client, f"SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE {{ ?c kg:claimant <{iri}> }}")
    assert f"Claims it made ({said})" in page and said > 0
    section = page.split('id="said"', 1)[1].split("</section>", 1)[0]
    assert section.count("/claim?iri=") == said
    roles = client.graph.query(f"SELECT DISTINCT ?name WHERE {{ ?r kg:holder <{iri}> ; kg:roleName ?name }}")
    roles_html = page.split('id="roles"', 1)[1].split("</section>", 1)[0]
    assert roles and all(html.escape(r["name"].value) in roles_html for r in roles)
    co = page.split('id="comentioned"', 1)[1].split("</section>", 1)[0]
    assert "/entity?iri=" in co and urllib.parse.quote(iri, safe="") not in co
    # claims about a place, its GeoNames link and its point on a small map
    [place] = client.graph.query("SELECT ?p ?g WHERE { ?c kg:about ?p . ?p kg:geonamesId ?g } LIMIT 1")
    page = client.get("/entity", params={"iri": place["p"].value}).text
    about = _n(client, f"SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE {{ ?c kg:about <{place['p'].value}> }}")
    assert f"Claims about it ({about})" in page and f"https://www.geonames.org/{place['g'].value}" in page
    assert 'class="map small"' in page


def test_entity_timeline_counts_claims_by_article_date(client):
    [row] = client.graph.query("""SELECT ?h (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c kg:claimant ?h ; kg:inArticle ?a .
                                     ?a schema:datePublished ?d } GROUP BY ?h ORDER BY DESC(?n) LIMIT 1""")
    page = client.get("/entity", params={"iri": row["h"].value}).text
    timeline = page.split('id="timeline"', 1)[1].split("</section>", 1)[0]
    said = sum(int(n) for n in re.findall(r": (\d+) said, \d+ about</title>", timeline))
    assert said == int(row["n"].value) and 'data-date="' in timeline


def test_timeline_and_view_box_helpers():
    from kg.serve.entity_page import timeline_svg
    from kg.serve.geo import Point, countries, view_box

    svg = timeline_svg({"2024-01-01": (2, 1), "2024-01-11": (0, 3), "not a date": (5, 5)})
    assert svg.count('class="day"') == 2 and "2024-01-11" in svg
    assert timeline_svg({}) == "<p>No dated claims.</p>"
    x, y, w, h = view_box([Point("p", "p", 33.3, 44.4, 1, "/"), Point("q", "q", 15.5, 32.5, 1, "/")])
    assert x < 32.5 + 180 < 44.4 + 180 < x + w and y < 90 - 33.3 < 90 - 15.5 < y + h
    assert view_box([]) == (0.0, 0.0, 360.0, 180.0)
    assert len(countries()) > 150


def test_the_claims_of_one_article(client):
    [row] = client.graph.query("""SELECT ?a (COUNT(DISTINCT ?c) AS ?n) WHERE { ?c a kg:Claim ; kg:inArticle ?a }
                                  GROUP BY ?a ORDER BY DESC(?n) LIMIT 1""")
    article = row["a"].value
    page = client.get("/", params={"article": article}).text
    assert count(page) == int(row["n"].value) > 0
    assert all(f'/?article={urllib.parse.quote(article, safe="")}"' in r for r in rows(page))  # each row links its article
    assert "all articles" in page
    narrowed = client.get(facet_links(page, "certainty")[0]).text  # other filters keep the article
    assert 0 < count(narrowed) <= count(page) and "all articles" in narrowed
    assert count(client.get("/", params={"article": "javascript:alert(1)"}).text) == count(client.get("/").text)
