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
from dataclasses import dataclass
from decimal import Decimal
from functools import cached_property

import pyoxigraph as ox
from rdflib import Graph

import kg
from kg.literals import LANGUAGE_TAG, date_literal
from kg.iris import (
    article_iri,
    claim_iri,
    conflict_iri,
    graph_iri,
    mention_iri,
    quantity_iri,
    role_iri,
)
from kg.records import Entity, Extraction
from kg.terms import GEO, OW, RS, SK, K, P, R, S, Triples, X, entity_node, lit, named
from kg.vocab import KGID, SKOS, WD


MODES = {"direct": K.Direct, "indirect": K.Indirect, "according_to": K.AccordingTo}
CERTAINTIES = {"asserted": K.Asserted, "hedged": K.Hedged, "denied": K.Denied}
CLASSES = {
    "Person": K.Person,
    "Organization": K.Organization,
    "ArmedGroup": K.ArmedGroup,
    "GovernmentBody": K.GovernmentBody,
    "MediaOrganization": K.MediaOrganization,
    "NewsAgency": K.NewsAgency,
    "InternationalOrganization": K.InternationalOrganization,
    "PoliticalParty": K.PoliticalParty,
    "NGO": K.NGO,
    "Country": K.Country,
    "Region": K.Region,
    "City": K.City,
    "Neighborhood": K.Neighborhood,
    "River": K.River,
    "NaturalFeature": K.NaturalFeature,
    "MilitaryOperation": K.MilitaryOperation,
    "UnnamedSource": K.UnnamedSource,
}


@dataclass
class ArticleGraphs:
    """The RDF of one article: its own named graph and its share of the entities graph.

    Built as pyoxigraph triples (fast to make, serialise and validate); rdflib graphs are made on
    demand for callers that want them.
    """

    graph: str
    article: str
    article_triples: list
    entity_triples: list

    @cached_property
    def article_nt(self) -> str:
        return ox.serialize(self.article_triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")

    @cached_property
    def entities_nt(self) -> str:
        return ox.serialize(self.entity_triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")

    def article_nquads(self) -> bytes:
        """The article's own graph as N-Quads.

        Every N-Triples line ends in `` .\\n`` and nowhere else (literals escape their line breaks), so
        the graph name is put in before it: far cheaper than building a quad per triple.
        """
        in_article = f" <{self.graph}> .\n".encode()
        return ox.serialize(self.article_triples, format=ox.RdfFormat.N_TRIPLES).replace(b" .\n", in_article)

    def entity_blocks(self, entities_graph_iri: str) -> list[bytes]:
        """The entity descriptions as N-Quads, one block per entity (its lines, in order).

        Most entities recur from article to article with the very same description; a writer that
        remembers the blocks it has stored need not write them again.
        """
        in_entities = f" <{entities_graph_iri}> .\n".encode()
        blocks: dict[bytes, list[bytes]] = {}
        for line in ox.serialize(self.entity_triples, format=ox.RdfFormat.N_TRIPLES).splitlines(keepends=True):
            blocks.setdefault(line.split(b" ", 1)[0], []).append(line[:-3] + in_entities)
        return [b"".join(lines) for lines in blocks.values()]

    @cached_property
    def triples(self) -> Graph:
        return Graph().parse(data=self.article_nt, format="nt")

    @cached_property
    def entities(self) -> Graph:
        return Graph().parse(data=self.entities_nt, format="nt")

    def validation_graph(self) -> Graph:
        return Graph().parse(data=self.article_nt + self.entities_nt, format="nt")


def software_agent() -> str:
    return str(KGID[f"software/kg/{kg.__version__}"])


def extraction_activity() -> str:
    return str(KGID[f"activity/extraction/kg-{kg.__version__}"])


def to_graphs(x: Extraction) -> ArticleGraphs:
    a = x.article
    art_iri = article_iri(a.url, a.text)
    art = named(art_iri)
    g = Triples()
    g.add((art, R.type, K.Article))
    g.add((art, S.inLanguage, lit(x.language)))
    g.add((art, K.bodyLength, lit(len(a.text), datatype=X.integer)))
    g.add((art, S.articleBody, lit(a.text)))
    g.add((art, K.sourceFile, lit(a.source)))
    if a.title:
        g.add((art, S.headline, lit(a.title)))
    if a.url:
        g.add((art, S.url, lit(a.url, datatype=X.anyURI)))
    if a.id:
        g.add((art, S.identifier, lit(a.id)))
    if a.published:
        g.add((art, S.datePublished, _date(a.published)))
    if a.publisher:
        pub = entity_node(f"MediaOrganization/{a.publisher}")
        g.add((art, S.publisher, pub))
    for k, v in sorted(a.extra.items()):
        g.add((art, K.extraField, lit(f"{k}={json.dumps(v, ensure_ascii=False, sort_keys=True)}")))
    activity = named(extraction_activity())
    agent = named(software_agent())
    g.add((activity, R.type, K.Extraction))
    g.add((activity, P.wasAssociatedWith, agent))
    g.add((agent, R.type, P.SoftwareAgent))
    g.add((agent, RS.label, lit(f"kg {kg.__version__}")))

    ents = Triples()
    by_key = {e.key: e for e in x.entities}
    for e in x.entities:
        _entity(ents, e)
        node = entity_node(e.key)
        for m in e.mentions:
            mi = named(mention_iri(art_iri, m.start, m.end))
            g.add((mi, R.type, K.Mention))
            g.add((mi, K.beginIndex, lit(m.start, datatype=X.integer)))
            g.add((mi, K.endIndex, lit(m.end, datatype=X.integer)))
            g.add((mi, K.anchorOf, lit(m.text)))
            g.add((mi, K.denotes, node))
            g.add((mi, K.inArticle, art))
    if a.publisher:
        pub = entity_node(f"MediaOrganization/{a.publisher}")
        ents.add((pub, R.type, K.MediaOrganization))
        ents.add((pub, R.type, K.Source))
        pub_label = lit(a.publisher, lang="ar" if _is_arabic(a.publisher) else "en")
        ents.add((pub, RS.label, pub_label))
        ents.add((pub, SK.prefLabel, pub_label))
        ents.add((pub, K.entityCategory, lit("organization")))

    claim_nodes = []
    for c in x.claims:
        ci = named(claim_iri(art_iri, c.content.start, c.content.end))
        claim_nodes.append(ci)
        g.add((ci, R.type, K.Claim))
        g.add((ci, K.content, lit(c.content.text)))
        g.add((ci, K.beginIndex, lit(c.content.start, datatype=X.integer)))
        g.add((ci, K.endIndex, lit(c.content.end, datatype=X.integer)))
        g.add((ci, K.cue, lit(c.cue.text)))
        g.add((ci, K.mode, MODES[c.mode]))
        g.add((ci, K.isQuote, lit(c.mode == "direct")))
        g.add((ci, K.certainty, CERTAINTIES[c.certainty]))
        g.add((ci, K.inArticle, art))
        g.add((ci, P.wasDerivedFrom, art))
        g.add((ci, P.wasGeneratedBy, activity))
        if c.claimant and c.claimant in by_key:
            who = entity_node(c.claimant)
            g.add((ci, K.claimant, who))
            g.add((ci, P.wasAttributedTo, who))
        else:
            unnamed = named(KGID[f"unnamed/{art_iri.split('/')[-1]}/{c.content.start}"])
            g.add((unnamed, R.type, K.UnnamedSource))
            label_lang = x.language if LANGUAGE_TAG.fullmatch(x.language or "") else None
            unnamed_label = lit(c.unnamed_source.text, lang=label_lang) if c.unnamed_source else lit("unnamed source", lang="en")
            g.add((unnamed, RS.label, unnamed_label))
            g.add((unnamed, SK.prefLabel, unnamed_label))
            g.add((ci, K.claimant, unnamed))
            g.add((ci, P.wasAttributedTo, unnamed))
            if c.unnamed_source:
                g.add((ci, K.unnamedSource, lit(c.unnamed_source.text)))
        if c.channel and c.channel in by_key:
            g.add((ci, K.channel, entity_node(c.channel)))
        if c.channel_kind:
            g.add((ci, K.channelKind, lit(c.channel_kind)))
        for k in c.about:
            g.add((ci, K.about, entity_node(k)))
        for q in c.quantities:
            qi = named(quantity_iri(art_iri, q.start, q.end))
            g.add((ci, K.quantity, qi))
            g.add((qi, R.type, K.Quantity))
            g.add((qi, K.value, lit(Decimal(str(q.value)), datatype=X.decimal)))
            g.add((qi, K.unit, lit(q.unit)))
            g.add((qi, K.anchorOf, lit(q.text)))
            g.add((qi, K.beginIndex, lit(q.start, datatype=X.integer)))
            g.add((qi, K.endIndex, lit(q.end, datatype=X.integer)))
            if q.qualifier:
                g.add((qi, K.qualifier, lit(q.qualifier)))
    for r in x.roles:
        ri = named(role_iri(art_iri, r.span.start, r.span.end))
        g.add((ri, R.type, K.Role))
        g.add((ri, K.holder, entity_node(r.person)))
        g.add((ri, K.roleName, lit(r.role)))
        g.add((ri, K.inArticle, art))
        g.add((entity_node(r.person), K.hasRole, ri))
        if r.organization:
            g.add((ri, K.roleIn, entity_node(r.organization)))
    for cf in x.conflicts:
        a_, b_ = claim_nodes[cf.first], claim_nodes[cf.second]
        g.add((a_, K.conflictsWith, b_))
        g.add((b_, K.conflictsWith, a_))
        ni = named(conflict_iri(art_iri, a_.value, b_.value))
        g.add((ni, R.type, K.Conflict))
        g.add((ni, K.conflictClaim, a_))
        g.add((ni, K.conflictClaim, b_))
        g.add((ni, K.reason, lit(cf.reason)))
        g.add((ni, K.inArticle, art))
    return ArticleGraphs(graph=graph_iri(a.url, a.text), article=art_iri, article_triples=g, entity_triples=ents)


def _entity(g: Triples, e: Entity) -> None:
    node = entity_node(e.key)
    g.add((node, R.type, CLASSES.get(e.type, K.Organization if e.category == "organization" else K.Place if e.category == "place" else K.Actor)))
    if e.type in {"MediaOrganization", "NewsAgency"}:
        g.add((node, R.type, K.Source))
    g.add((node, K.entityCategory, lit(e.category)))
    label_ar = e.label_ar or (e.label if _is_arabic(e.label) else None)
    label_en = e.label_en or (e.label if not _is_arabic(e.label) else None)
    if label_ar:
        g.add((node, RS.label, lit(label_ar, lang="ar")))
    if label_en:
        g.add((node, RS.label, lit(label_en, lang="en")))
    # one display label per entity (Arabic first), so queries get one row per entity
    g.add((node, SK.prefLabel, lit(label_ar, lang="ar") if label_ar else lit(label_en, lang="en")))
    if e.qid:
        g.add((node, OW.sameAs, named(WD[e.qid])))
        g.add((node, K.wikidataId, lit(e.qid)))
        g.add((node, K.linkMethod, lit("gazetteer")))
        g.add((node, K.linkScore, lit(Decimal("1.0"), datatype=X.decimal)))
    if e.geonames_id is not None:
        g.add((node, K.geonamesId, lit(e.geonames_id, datatype=X.integer)))
    if e.lat is not None and e.lon is not None:
        g.add((node, GEO.lat, lit(Decimal(str(e.lat)), datatype=X.decimal)))
        g.add((node, GEO.long, lit(Decimal(str(e.lon)), datatype=X.decimal)))


def _is_arabic(s: str) -> bool:
    from kg.extract.tokens import is_arabic_text

    return is_arabic_text(s)


def _date(value: str) -> ox.Literal:
    """xsd:date or xsd:dateTime when the value is one (the reader refuses others); a plain string otherwise."""
    got = date_literal(value)
    return lit(got[0], datatype=ox.NamedNode(got[1])) if got else lit(value.strip())


__all__ = ["SKOS", "ArticleGraphs", "to_graphs"]
