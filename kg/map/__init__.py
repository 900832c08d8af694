"""Mapping an extraction to RDF: one named graph per article, entity descriptions in a shared graph.

The article graph holds the article node, its claims (with PROV-O provenance),
mentions (NIF offsets), quantities, roles and conflicts. The entities graph
holds what is true of an entity whatever the article: types, labels in Arabic
and English, owl:sameAs to Wikidata, GeoNames ID and coordinates. IRIs are
deterministic (see :mod:`kg.iris`), so mapping the same article twice gives
isomorphic graphs.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cached_property
from decimal import Decimal

import pyoxigraph as ox
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS, XSD

import kg
from kg.iris import (
    article_iri,
    claim_iri,
    conflict_iri,
    entity_iri,
    graph_iri,
    mention_iri,
    quantity_iri,
    role_iri,
)
from kg.records import Entity, Extraction
from kg.vocab import KG, KGID, PROV, SCHEMA, SKOS, WD, WGS84

LANGUAGE_TAG = re.compile(r"[a-zA-Z]{2,3}(-[A-Za-z0-9]{1,8})*")
MODES = {"direct": KG.Direct, "indirect": KG.Indirect, "according_to": KG.AccordingTo}
CERTAINTIES = {"asserted": KG.Asserted, "hedged": KG.Hedged, "denied": KG.Denied}
CLASSES = {
    "Person": KG.Person,
    "Organization": KG.Organization,
    "ArmedGroup": KG.ArmedGroup,
    "GovernmentBody": KG.GovernmentBody,
    "MediaOrganization": KG.MediaOrganization,
    "NewsAgency": KG.NewsAgency,
    "InternationalOrganization": KG.InternationalOrganization,
    "PoliticalParty": KG.PoliticalParty,
    "NGO": KG.NGO,
    "Country": KG.Country,
    "Region": KG.Region,
    "City": KG.City,
    "Neighborhood": KG.Neighborhood,
    "River": KG.River,
    "NaturalFeature": KG.NaturalFeature,
    "MilitaryOperation": KG.MilitaryOperation,
    "UnnamedSource": KG.UnnamedSource,
}


@dataclass
class ArticleGraphs:
    """The RDF of one article: its own named graph and its share of the entities graph.

    Built as pyoxigraph triples (fast to make, serialise and validate); rdflib graphs are made on
    demand for callers that want them.
    """

    graph: URIRef
    article: URIRef
    article_triples: list
    entity_triples: list

    @cached_property
    def article_nt(self) -> str:
        return ox.serialize(self.article_triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")

    @cached_property
    def entities_nt(self) -> str:
        return ox.serialize(self.entity_triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")

    def nquads(self, entities_graph_iri: str) -> bytes:
        g, e = ox.NamedNode(str(self.graph)), ox.NamedNode(entities_graph_iri)
        quads = [ox.Quad(t.subject, t.predicate, t.object, g) for t in self.article_triples]
        quads += [ox.Quad(t.subject, t.predicate, t.object, e) for t in self.entity_triples]
        return ox.serialize(quads, format=ox.RdfFormat.N_QUADS)

    @cached_property
    def triples(self) -> Graph:
        return Graph().parse(data=self.article_nt, format="nt")

    @cached_property
    def entities(self) -> Graph:
        return Graph().parse(data=self.entities_nt, format="nt")

    def validation_graph(self) -> Graph:
        return Graph().parse(data=self.article_nt + self.entities_nt, format="nt")


class _Triples(list):
    """Collects triples as pyoxigraph terms; accepts the vocabulary's rdflib IRIs."""

    def add(self, t) -> None:
        self.append(ox.Triple(_node(t[0]), _node(t[1]), _node(t[2])))


_NODES: dict[str, ox.NamedNode] = {}


def _node(term):
    if isinstance(term, URIRef):
        n = _NODES.get(term)
        if n is None:
            n = _NODES[term] = ox.NamedNode(str(term))
            if len(_NODES) > 200_000:
                _NODES.clear()
        return n
    return term


_XSD_STRING = ox.NamedNode(str(XSD.string))


def lit(value, datatype=None, lang: str | None = None) -> ox.Literal:
    """A literal as pyoxigraph makes it: booleans and numbers get their XSD datatype."""
    if lang:
        return ox.Literal(str(value), language=lang)
    if isinstance(value, bool):
        return ox.Literal("true" if value else "false", datatype=_node(XSD.boolean))
    if datatype is not None:
        return ox.Literal(str(value), datatype=_node(datatype))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=_node(XSD.integer))
    if isinstance(value, Decimal):
        return ox.Literal(str(value), datatype=_node(XSD.decimal))
    return ox.Literal(str(value), datatype=_XSD_STRING)


def software_agent() -> URIRef:
    return KGID[f"software/kg/{kg.__version__}"]


def extraction_activity() -> URIRef:
    return KGID[f"activity/extraction/kg-{kg.__version__}"]


def to_graphs(x: Extraction) -> ArticleGraphs:
    a = x.article
    art = article_iri(a.url, a.text)
    g = _Triples()
    g.add((art, RDF.type, KG.Article))
    g.add((art, SCHEMA.inLanguage, lit(x.language)))
    g.add((art, KG.bodyLength, lit(len(a.text), datatype=XSD.integer)))
    g.add((art, SCHEMA.articleBody, lit(a.text)))
    g.add((art, KG.sourceFile, lit(a.source)))
    if a.title:
        g.add((art, SCHEMA.headline, lit(a.title)))
    if a.url:
        g.add((art, SCHEMA.url, lit(a.url, datatype=XSD.anyURI)))
    if a.id:
        g.add((art, SCHEMA.identifier, lit(a.id)))
    if a.published:
        g.add((art, SCHEMA.datePublished, _date(a.published)))
    if a.publisher:
        pub = entity_iri(f"MediaOrganization/{a.publisher}")
        g.add((art, SCHEMA.publisher, pub))
    for k, v in sorted(a.extra.items()):
        g.add((art, KG.extraField, lit(f"{k}={json.dumps(v, ensure_ascii=False, sort_keys=True)}")))
    activity = extraction_activity()
    g.add((activity, RDF.type, KG.Extraction))
    g.add((activity, PROV.wasAssociatedWith, software_agent()))
    g.add((software_agent(), RDF.type, PROV.SoftwareAgent))
    g.add((software_agent(), RDFS.label, lit(f"kg {kg.__version__}")))

    ents = _Triples()
    by_key = {e.key: e for e in x.entities}
    for e in x.entities:
        _entity(ents, e)
        node = entity_iri(e.key)
        for m in e.mentions:
            mi = mention_iri(art, m.start, m.end)
            g.add((mi, RDF.type, KG.Mention))
            g.add((mi, KG.beginIndex, lit(m.start, datatype=XSD.integer)))
            g.add((mi, KG.endIndex, lit(m.end, datatype=XSD.integer)))
            g.add((mi, KG.anchorOf, lit(m.text)))
            g.add((mi, KG.denotes, node))
            g.add((mi, KG.inArticle, art))
    if a.publisher:
        pub = entity_iri(f"MediaOrganization/{a.publisher}")
        ents.add((pub, RDF.type, KG.MediaOrganization))
        ents.add((pub, RDF.type, KG.Source))
        pub_label = lit(a.publisher, lang="ar" if _is_arabic(a.publisher) else "en")
        ents.add((pub, RDFS.label, pub_label))
        ents.add((pub, SKOS.prefLabel, pub_label))
        ents.add((pub, KG.entityCategory, lit("organization")))

    claim_nodes = []
    for c in x.claims:
        ci = claim_iri(art, c.content.start, c.content.end)
        claim_nodes.append(ci)
        g.add((ci, RDF.type, KG.Claim))
        g.add((ci, KG.content, lit(c.content.text)))
        g.add((ci, KG.beginIndex, lit(c.content.start, datatype=XSD.integer)))
        g.add((ci, KG.endIndex, lit(c.content.end, datatype=XSD.integer)))
        g.add((ci, KG.cue, lit(c.cue.text)))
        g.add((ci, KG.mode, MODES[c.mode]))
        g.add((ci, KG.isQuote, lit(c.mode == "direct")))
        g.add((ci, KG.certainty, CERTAINTIES[c.certainty]))
        g.add((ci, KG.inArticle, art))
        g.add((ci, PROV.wasDerivedFrom, art))
        g.add((ci, PROV.wasGeneratedBy, activity))
        if c.claimant and c.claimant in by_key:
            who = entity_iri(c.claimant)
            g.add((ci, KG.claimant, who))
            g.add((ci, PROV.wasAttributedTo, who))
        else:
            unnamed = KGID[f"unnamed/{art.split('/')[-1]}/{c.content.start}"]
            g.add((unnamed, RDF.type, KG.UnnamedSource))
            label_lang = x.language if LANGUAGE_TAG.fullmatch(x.language or "") else None
            unnamed_label = lit(c.unnamed_source.text, lang=label_lang) if c.unnamed_source else lit("unnamed source", lang="en")
            g.add((unnamed, RDFS.label, unnamed_label))
            g.add((unnamed, SKOS.prefLabel, unnamed_label))
            g.add((ci, KG.claimant, unnamed))
            g.add((ci, PROV.wasAttributedTo, unnamed))
            if c.unnamed_source:
                g.add((ci, KG.unnamedSource, lit(c.unnamed_source.text)))
        if c.channel and c.channel in by_key:
            g.add((ci, KG.channel, entity_iri(c.channel)))
        if c.channel_kind:
            g.add((ci, KG.channelKind, lit(c.channel_kind)))
        for k in c.about:
            g.add((ci, KG.about, entity_iri(k)))
        for q in c.quantities:
            qi = quantity_iri(art, q.start, q.end)
            g.add((ci, KG.quantity, qi))
            g.add((qi, RDF.type, KG.Quantity))
            g.add((qi, KG.value, lit(Decimal(str(q.value)), datatype=XSD.decimal)))
            g.add((qi, KG.unit, lit(q.unit)))
            g.add((qi, KG.anchorOf, lit(q.text)))
            g.add((qi, KG.beginIndex, lit(q.start, datatype=XSD.integer)))
            g.add((qi, KG.endIndex, lit(q.end, datatype=XSD.integer)))
            if q.qualifier:
                g.add((qi, KG.qualifier, lit(q.qualifier)))
    for r in x.roles:
        ri = role_iri(art, r.span.start, r.span.end)
        g.add((ri, RDF.type, KG.Role))
        g.add((ri, KG.holder, entity_iri(r.person)))
        g.add((ri, KG.roleName, lit(r.role)))
        g.add((ri, KG.inArticle, art))
        g.add((entity_iri(r.person), KG.hasRole, ri))
        if r.organization:
            g.add((ri, KG.roleIn, entity_iri(r.organization)))
    for cf in x.conflicts:
        a_, b_ = claim_nodes[cf.first], claim_nodes[cf.second]
        g.add((a_, KG.conflictsWith, b_))
        g.add((b_, KG.conflictsWith, a_))
        ni = conflict_iri(art, a_, b_)
        g.add((ni, RDF.type, KG.Conflict))
        g.add((ni, KG.conflictClaim, a_))
        g.add((ni, KG.conflictClaim, b_))
        g.add((ni, KG.reason, lit(cf.reason)))
        g.add((ni, KG.inArticle, art))
    return ArticleGraphs(graph=graph_iri(a.url, a.text), article=art, article_triples=g, entity_triples=ents)


def _entity(g: _Triples, e: Entity) -> None:
    node = entity_iri(e.key)
    g.add((node, RDF.type, CLASSES.get(e.type, KG.Organization if e.category == "organization" else KG.Place if e.category == "place" else KG.Actor)))
    if e.type in {"MediaOrganization", "NewsAgency"}:
        g.add((node, RDF.type, KG.Source))
    g.add((node, KG.entityCategory, lit(e.category)))
    label_ar = e.label_ar or (e.label if _is_arabic(e.label) else None)
    label_en = e.label_en or (e.label if not _is_arabic(e.label) else None)
    if label_ar:
        g.add((node, RDFS.label, lit(label_ar, lang="ar")))
    if label_en:
        g.add((node, RDFS.label, lit(label_en, lang="en")))
    # one display label per entity (Arabic first), so queries get one row per entity
    g.add((node, SKOS.prefLabel, lit(label_ar, lang="ar") if label_ar else lit(label_en, lang="en")))
    if e.qid:
        g.add((node, OWL.sameAs, WD[e.qid]))
        g.add((node, KG.wikidataId, lit(e.qid)))
        g.add((node, KG.linkMethod, lit("gazetteer")))
        g.add((node, KG.linkScore, lit(Decimal("1.0"), datatype=XSD.decimal)))
    if e.geonames_id is not None:
        g.add((node, KG.geonamesId, lit(e.geonames_id, datatype=XSD.integer)))
    if e.lat is not None and e.lon is not None:
        g.add((node, WGS84.lat, lit(Decimal(str(e.lat)), datatype=XSD.decimal)))
        g.add((node, WGS84.long, lit(Decimal(str(e.lon)), datatype=XSD.decimal)))


def _is_arabic(s: str) -> bool:
    from kg.extract.tokens import is_arabic_text

    return is_arabic_text(s)


def _date(value: str) -> ox.Literal:
    v = value.strip()
    if len(v) == 10 and v[4] == "-" and v[7] == "-":
        return lit(v, datatype=XSD.date)
    if len(v) >= 19 and v[4] == "-" and "T" in v:
        return lit(v, datatype=XSD.dateTime)
    return lit(v)


__all__ = ["to_graphs", "ArticleGraphs", "SKOS"]
