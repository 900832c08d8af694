"""kg's term model: the pipeline's middle speaks pyoxigraph terms, from the mapper through the validator to
the store and the endpoint. rdflib stays at the edges: the generated vocabulary (:mod:`kg.vocab`, a
``DefinedNamespace`` where a misspelt term fails — each term made a pyoxigraph IRI once, here), the shapes
file read once into compiled checks, the pySHACL reference engine and the SPARQL syntax checks.
"""

from __future__ import annotations

from decimal import Decimal
from functools import lru_cache

import pyoxigraph as ox
from rdflib.namespace import OWL, RDF, RDFS, XSD

from kg.iris import entity_iri
from kg.vocab import KG, PROV, SCHEMA, SKOS, WGS84


class OxTerms:
    """A vocabulary namespace's terms as pyoxigraph IRIs, each made once.

    The generated rdflib namespace is asked first, so a misspelt term still fails.
    """

    def __init__(self, namespace) -> None:
        self._namespace = namespace

    def __getattr__(self, name: str) -> ox.NamedNode:
        node = ox.NamedNode(str(getattr(self._namespace, name)))
        setattr(self, name, node)
        return node


K, P, S, SK, GEO, R, RS, OW, X = (OxTerms(ns) for ns in (KG, PROV, SCHEMA, SKOS, WGS84, RDF, RDFS, OWL, XSD))


class Triples(list):
    """Collects triples as pyoxigraph terms."""

    def add(self, t: tuple) -> None:
        self.append(ox.Triple(*t))


def named(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


@lru_cache(maxsize=65536)
def entity_node(key: str) -> ox.NamedNode:
    """Entities recur across articles: their IRIs are hashed once per process."""
    return ox.NamedNode(entity_iri(key))


_XSD_STRING = ox.NamedNode(str(XSD.string))


def lit(value, datatype=None, lang: str | None = None) -> ox.Literal:
    """A literal as pyoxigraph makes it: booleans and numbers get their XSD datatype."""
    if lang:
        return ox.Literal(str(value), language=lang)
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=X.boolean)
    if datatype is not None:
        return ox.Literal(str(value), datatype=datatype)
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=X.integer)
    if isinstance(value, Decimal):
        return ox.Literal(str(value), datatype=X.decimal)
    return ox.Literal(str(value), datatype=_XSD_STRING)


__all__ = ["OxTerms", "Triples", "K", "P", "S", "SK", "GEO", "R", "RS", "OW", "X", "named", "entity_node", "lit"]
