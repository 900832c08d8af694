"""Bases of the IRIs kg mints, GENERATED from ontology/kg.ttl by ``python -m kg.vocabgen``: do not edit.

Plain strings (the same as ``kg.vocab.KGID`` and ``kg.vocab.WD``), importable without rdflib.
"""

KGID = "https://w3id.org/kg-news/id/"
WD = "http://www.wikidata.org/entity/"
