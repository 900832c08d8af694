"""One conforming and one violating example per shape."""

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

from kg.validate import validate_graph
from kg.vocab import KG, KGID, PROV, SCHEMA, SKOS, WGS84

A = KGID["article/t"]
C = KGID["article/t/claim/0-5"]
M = KGID["article/t/mention/0-5"]
P = KGID["entity/p"]
Q = KGID["article/t/quantity/0-5"]
R = KGID["article/t/role/0-5"]
X = KGID["article/t/conflict/x"]
ACT = KGID["activity/x"]


def base() -> Graph:
    g = Graph()
    g.add((A, RDF.type, KG.Article))
    g.add((A, KG.bodyLength, Literal(50, datatype=XSD.integer)))
    g.add((A, SCHEMA.inLanguage, Literal("ar")))
    g.add((A, SCHEMA.articleBody, Literal("x" * 50)))
    g.add((P, RDF.type, KG.Person))
    g.add((P, RDFS.label, Literal("سامي", lang="ar")))
    g.add((P, SKOS.prefLabel, Literal("سامي", lang="ar")))
    g.add((ACT, RDF.type, KG.Extraction))
    return g


def describe(g: Graph, node, pairs) -> Graph:
    for p, o in pairs:
        g.add((node, p, o))
    return g


def claim(g: Graph) -> Graph:
    return describe(g, C, [
        (RDF.type, KG.Claim), (KG.content, Literal("hello")), (KG.cue, Literal("قال")), (KG.mode, KG.Indirect),
        (KG.certainty, KG.Asserted), (KG.isQuote, Literal(False)), (KG.claimant, P), (KG.inArticle, A),
        (KG.beginIndex, Literal(0, datatype=XSD.integer)), (KG.endIndex, Literal(5, datatype=XSD.integer)),
        (PROV.wasDerivedFrom, A), (PROV.wasAttributedTo, P), (PROV.wasGeneratedBy, ACT),
    ])


def mention(g: Graph) -> Graph:
    return describe(g, M, [(RDF.type, KG.Mention), (KG.anchorOf, Literal("سامي")), (KG.denotes, P), (KG.inArticle, A),
                           (KG.beginIndex, Literal(0, datatype=XSD.integer)), (KG.endIndex, Literal(5, datatype=XSD.integer))])


def quantity(g: Graph) -> Graph:
    claim(g)
    g.add((C, KG.quantity, Q))
    return describe(g, Q, [(RDF.type, KG.Quantity), (KG.value, Literal("95", datatype=XSD.decimal)), (KG.unit, Literal("percent")),
                           (KG.beginIndex, Literal(0, datatype=XSD.integer)), (KG.endIndex, Literal(5, datatype=XSD.integer))])


def place(g: Graph) -> Graph:
    pl = KGID["entity/pl"]
    g.add((pl, RDF.type, KG.City))
    g.add((pl, RDFS.label, Literal("Raqqa", lang="en")))
    g.add((pl, SKOS.prefLabel, Literal("Raqqa", lang="en")))
    g.add((pl, WGS84.lat, Literal("35.9", datatype=XSD.decimal)))
    g.add((pl, OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q283368")))
    return g


def role(g: Graph) -> Graph:
    org = KGID["entity/o"]
    g.add((org, RDF.type, KG.NGO))
    g.add((org, RDFS.label, Literal("مرصد", lang="ar")))
    g.add((org, SKOS.prefLabel, Literal("مرصد", lang="ar")))
    return describe(g, R, [(RDF.type, KG.Role), (KG.holder, P), (KG.roleName, Literal("director")), (KG.roleIn, org), (KG.inArticle, A)])


def conflict(g: Graph) -> Graph:
    claim(g)
    C2 = KGID["article/t/claim/6-9"]
    for p, o in g.predicate_objects(C):
        g.add((C2, p, o))
    return describe(g, X, [(RDF.type, KG.Conflict), (KG.conflictClaim, C), (KG.conflictClaim, C2), (KG.reason, Literal("95 vs 80"))])


def unnamed(g: Graph) -> Graph:
    u = KGID["unnamed/x"]
    g.add((u, RDF.type, KG.UnnamedSource))
    g.add((u, RDFS.label, Literal("خبراء", lang="ar")))
    g.add((u, SKOS.prefLabel, Literal("خبراء", lang="ar")))
    return g


def _set(g, s, p, o):
    g.remove((s, p, None))
    if o is not None:
        g.add((s, p, o))
    return g


CASES = [
    ("article", lambda g: g, lambda g: _set(g, A, SCHEMA.inLanguage, Literal("Arabic!!")), "language"),
    ("claim", claim, lambda g: _set(claim(g), C, KG.mode, KG.Asserted), "mode"),
    ("claim-article", claim, lambda g: _set(claim(g), C, KG.inArticle, None), "exactly one article"),
    ("span-order", mention, lambda g: _set(mention(g), M, KG.endIndex, Literal(0, datatype=XSD.integer)), "less than"),
    ("span-length", mention, lambda g: _set(mention(g), M, KG.endIndex, Literal(80, datatype=XSD.integer)), "beyond"),
    ("mention", mention, lambda g: _set(mention(g), M, KG.denotes, None), "denotes"),
    ("quantity", quantity, lambda g: _set(quantity(g), Q, KG.unit, Literal("furlongs")), None),
    ("entity-wikidata", place, lambda g: _set(place(g), KGID["entity/pl"], OWL.sameAs, URIRef("https://wikidata.org/wiki/Q1")), "Wikidata"),
    ("place-lat", place, lambda g: _set(place(g), KGID["entity/pl"], WGS84.lat, Literal("135", datatype=XSD.decimal)), None),
    ("entity-label", lambda g: g, lambda g: _set(g, P, RDFS.label, Literal("no language")), "label"),
    ("display-label", lambda g: g, lambda g: g.add((P, SKOS.prefLabel, Literal("Sami", lang="en"))), "prefLabel"),
    ("unnamed-source", unnamed, lambda g: unnamed(g).add((KGID["unnamed/x"], OWL.sameAs, URIRef("http://www.wikidata.org/entity/Q5"))), "unnamed"),
    ("role", role, lambda g: _set(role(g), R, KG.holder, KGID["entity/o"]), None),
    ("conflict", conflict, lambda g: _set(conflict(g), X, KG.conflictClaim, C), "two claims"),
]


@pytest.mark.parametrize("name,good,bad,message", CASES, ids=[c[0] for c in CASES])
def test_shape(name, good, bad, message):
    ok = validate_graph(good(base()))
    assert ok.conforms, ok.text()
    report = validate_graph(bad(base()))
    assert not report.conforms
    if message:
        assert any(message in v.message for v in report.violations), report.text()
    assert all(v.focus for v in report.violations)
