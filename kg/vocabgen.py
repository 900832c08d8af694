"""Generate ``kg/vocab.py`` from ``ontology/kg.ttl``: ``python -m kg.vocabgen``.

Every term the ontology declares (its own and the schema.org, PROV-O, NIF,
WGS84, GeoSPARQL and SKOS terms it reuses) becomes an attribute of an rdflib
``DefinedNamespace``, so a misspelt term fails at import time and no IRI is
written as a string in code; ``kg/iri_bases.py`` holds the bases of minted IRIs as plain strings.
``tests/test_vocab.py`` fails when either file is stale.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import RDF

from kg.resources import ontology_dir

# Python name → prefix in the ontology, for the namespaces whose terms are generated
NAMESPACES = {"KG": "kg", "SCHEMA": "schema", "PROV": "prov", "NIF": "nif", "WGS84": "wgs84", "GEO": "geo", "SKOS": "skos"}
RESOURCE_NAMESPACE_TERM = "resourceNamespace"


def generate(ontology: Path | None = None) -> str:
    path = ontology or ontology_dir() / "kg.ttl"
    g = Graph(bind_namespaces="none")
    g.parse(path, format="turtle")
    prefixes = {p: str(ns) for p, ns in g.namespaces()}
    kg_ns = prefixes["kg"]
    resource_ns = next(str(o) for s, o in g.subject_objects(URIRef(kg_ns + RESOURCE_NAMESPACE_TERM)))
    lines = [
        '"""Vocabulary of the kg graph, GENERATED from ontology/kg.ttl by ``python -m kg.vocabgen``: do not edit."""',
        "",
        "from rdflib import Namespace, URIRef",
        "from rdflib.namespace import DefinedNamespace",
        "",
        f'KGID = Namespace("{resource_ns}")',
        '"""Base of the IRIs kg mints for articles, entities, claims and graphs."""',
        f'WD = Namespace("{prefixes["wd"]}")',
        '"""Wikidata entities (owl:sameAs targets)."""',
        "",
    ]
    for py_name, prefix in NAMESPACES.items():
        ns = prefixes[prefix]
        terms = sorted(
            {
                str(s)[len(ns):]
                for s in g.subjects()
                if isinstance(s, URIRef) and str(s).startswith(ns) and str(s) != ns and (s, RDF.type, None) in g
            }
        )
        lines += ["", f"class {py_name}(DefinedNamespace):"]
        lines += [f'    """Terms of <{ns}> declared in ontology/kg.ttl."""', ""]
        for t in terms:
            lines.append(f"    {t}: URIRef")
        lines += ["", f'    _NS = Namespace("{ns}")', "    _fail = True", ""]
    return "\n".join(lines).rstrip() + "\n"


def generate_bases(ontology: Path | None = None) -> str:
    """``kg/iri_bases.py``: the bases of the IRIs kg mints, as plain strings, for the extraction path that
    must not pay for importing rdflib (``kg extract`` of one article)."""
    path = ontology or ontology_dir() / "kg.ttl"
    g = Graph(bind_namespaces="none")
    g.parse(path, format="turtle")
    prefixes = {p: str(ns) for p, ns in g.namespaces()}
    resource_ns = next(str(o) for s, o in g.subject_objects(URIRef(prefixes["kg"] + RESOURCE_NAMESPACE_TERM)))
    return "\n".join([
        '"""Bases of the IRIs kg mints, GENERATED from ontology/kg.ttl by ``python -m kg.vocabgen``: do not edit.',
        "",
        "Plain strings (the same as ``kg.vocab.KGID`` and ``kg.vocab.WD``), importable without rdflib.",
        '"""',
        "",
        f'KGID = "{resource_ns}"',
        f'WD = "{prefixes["wd"]}"',
        "",
    ])


def target() -> Path:
    return Path(__file__).resolve().parent / "vocab.py"


def bases_target() -> Path:
    return Path(__file__).resolve().parent / "iri_bases.py"


def main() -> int:
    target().write_text(generate(), encoding="utf-8")
    bases_target().write_text(generate_bases(), encoding="utf-8")
    print(f"wrote {target()} and {bases_target()}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
