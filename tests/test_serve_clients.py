"""Real clients against a live `kg serve` on 127.0.0.1: SPARQLWrapper and rdflib's SPARQLStore."""

import pytest

from kg.api import load
from kg.resources import samples_dir

from .live_server import running_server


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    store = tmp_path_factory.mktemp("live") / "store"
    load([samples_dir()], store=store)
    with running_server(store, "--writable", "--token", "t0ken") as url:
        yield url


def test_sparqlwrapper_select_and_construct(base):
    from SPARQLWrapper import JSON, TURTLE, SPARQLWrapper

    sw = SPARQLWrapper(base + "/sparql")
    sw.setQuery("PREFIX kg: <https://w3id.org/kg-news/ontology#> SELECT ?c WHERE { ?c a kg:Claim } LIMIT 5")
    sw.setReturnFormat(JSON)
    rows = sw.query().convert()["results"]["bindings"]
    assert len(rows) == 5
    sw.setQuery("PREFIX kg: <https://w3id.org/kg-news/ontology#> CONSTRUCT { ?c kg:cue ?x } WHERE { ?c kg:cue ?x } LIMIT 5")
    sw.setReturnFormat(TURTLE)
    assert b"ontology#cue" in sw.query().convert()


def test_sparqlwrapper_update_with_token(base):
    from SPARQLWrapper import POST, SPARQLWrapper
    from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

    sw = SPARQLWrapper(base + "/sparql", updateEndpoint=base + "/update")
    sw.setMethod(POST)
    sw.setQuery("INSERT DATA { GRAPH <http://x/live> { <http://x/a> <http://x/b> 'c' } }")
    with pytest.raises((SPARQLWrapperException, Exception)):
        sw.query()  # no token
    sw.addCustomHttpHeader("Authorization", "Bearer t0ken")
    sw.query()
    sw2 = SPARQLWrapper(base + "/sparql")
    sw2.setQuery("ASK { GRAPH <http://x/live> { <http://x/a> ?p ?o } }")
    sw2.setReturnFormat("json")
    assert sw2.query().convert()["boolean"] is True


def test_rdflib_sparqlstore(base):
    from rdflib import Graph
    from rdflib.plugins.stores.sparqlstore import SPARQLStore

    g = Graph(store=SPARQLStore(base + "/sparql", returnFormat="json"))
    rows = list(g.query("SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY DESC(?n) LIMIT 3"))
    assert len(rows) == 3 and int(rows[0][1]) > 10
