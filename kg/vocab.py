"""Vocabulary of the kg graph, GENERATED from ontology/kg.ttl by ``python -m kg.vocabgen``: do not edit."""

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

KGID = Namespace("https://w3id.org/kg-news/id/")
"""Base of the IRIs kg mints for articles, entities, claims and graphs."""
WD = Namespace("http://www.wikidata.org/entity/")
"""Wikidata entities (owl:sameAs targets)."""


class KG(DefinedNamespace):
    """Terms of <https://w3id.org/kg-news/ontology#> declared in ontology/kg.ttl."""

    AccordingTo: URIRef
    Actor: URIRef
    ArmedGroup: URIRef
    Article: URIRef
    Asserted: URIRef
    AttributionMode: URIRef
    Certainty: URIRef
    City: URIRef
    Claim: URIRef
    Conflict: URIRef
    Country: URIRef
    Denied: URIRef
    Direct: URIRef
    Extraction: URIRef
    GovernmentBody: URIRef
    Hedged: URIRef
    Indirect: URIRef
    InternationalOrganization: URIRef
    MediaOrganization: URIRef
    Mention: URIRef
    MilitaryOperation: URIRef
    NGO: URIRef
    NaturalFeature: URIRef
    Neighborhood: URIRef
    NewsAgency: URIRef
    Organization: URIRef
    Person: URIRef
    Place: URIRef
    PoliticalParty: URIRef
    Quantity: URIRef
    Region: URIRef
    River: URIRef
    Role: URIRef
    Source: URIRef
    UnnamedSource: URIRef
    about: URIRef
    anchorOf: URIRef
    beginIndex: URIRef
    bodyLength: URIRef
    certainty: URIRef
    channel: URIRef
    channelKind: URIRef
    claimant: URIRef
    conflictClaim: URIRef
    conflictsWith: URIRef
    content: URIRef
    cue: URIRef
    denotes: URIRef
    endIndex: URIRef
    entityCategory: URIRef
    extraField: URIRef
    geonamesId: URIRef
    hasRole: URIRef
    holder: URIRef
    inArticle: URIRef
    isQuote: URIRef
    linkMethod: URIRef
    linkScore: URIRef
    mode: URIRef
    qualifier: URIRef
    quantity: URIRef
    reason: URIRef
    resourceNamespace: URIRef
    roleIn: URIRef
    roleName: URIRef
    sourceFile: URIRef
    unit: URIRef
    unnamedSource: URIRef
    value: URIRef
    wikidataId: URIRef

    _NS = Namespace("https://w3id.org/kg-news/ontology#")
    _fail = True


class SCHEMA(DefinedNamespace):
    """Terms of <http://schema.org/> declared in ontology/kg.ttl."""

    City: URIRef
    Country: URIRef
    Event: URIRef
    GovernmentOrganization: URIRef
    NewsArticle: URIRef
    NewsMediaOrganization: URIRef
    Organization: URIRef
    Person: URIRef
    Place: URIRef
    articleBody: URIRef
    datePublished: URIRef
    headline: URIRef
    identifier: URIRef
    inLanguage: URIRef
    name: URIRef
    publisher: URIRef
    url: URIRef

    _NS = Namespace("http://schema.org/")
    _fail = True


class PROV(DefinedNamespace):
    """Terms of <http://www.w3.org/ns/prov#> declared in ontology/kg.ttl."""

    Activity: URIRef
    Entity: URIRef
    SoftwareAgent: URIRef
    wasAssociatedWith: URIRef
    wasAttributedTo: URIRef
    wasDerivedFrom: URIRef
    wasGeneratedBy: URIRef

    _NS = Namespace("http://www.w3.org/ns/prov#")
    _fail = True


class NIF(DefinedNamespace):
    """Terms of <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#> declared in ontology/kg.ttl."""

    String: URIRef
    anchorOf: URIRef
    beginIndex: URIRef
    endIndex: URIRef

    _NS = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
    _fail = True


class WGS84(DefinedNamespace):
    """Terms of <http://www.w3.org/2003/01/geo/wgs84_pos#> declared in ontology/kg.ttl."""

    lat: URIRef
    long: URIRef

    _NS = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
    _fail = True


class GEO(DefinedNamespace):
    """Terms of <http://www.opengis.net/ont/geosparql#> declared in ontology/kg.ttl."""

    Feature: URIRef

    _NS = Namespace("http://www.opengis.net/ont/geosparql#")
    _fail = True


class SKOS(DefinedNamespace):
    """Terms of <http://www.w3.org/2004/02/skos/core#> declared in ontology/kg.ttl."""

    Concept: URIRef
    altLabel: URIRef
    prefLabel: URIRef

    _NS = Namespace("http://www.w3.org/2004/02/skos/core#")
    _fail = True
