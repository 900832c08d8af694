"""Generate ``kg/vocab.py`` from ``ontology/kg.ttl``: ``python -m kg.vocabgen``.

Every term the ontology declares (its own and the schema.org, PROV-O, NIF,
WGS84, GeoSPARQL and SKOS terms it reuses) becomes an attribute of an rdflib
``DefinedNamespace``, so a misspelt term fails at import time and no IRI is
written as a string in code; ``kg/iri_bases.py`` holds the bases of minted IRIs as plain strings, and
``kg/serve/static/vocabulary.json`` the terms the SPARQL editor completes (prefixed name, kind, English and
Arabic labels, comment). ``tests/test_vocab.py`` fails when any of them is stale.
"""

from __future__ import annotations

import sys
from pathlib import Path

import json

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

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


_KINDS = {OWL.Class: "class", OWL.ObjectProperty: "property", OWL.DatatypeProperty: "property",
          RDF.Property: "property", OWL.NamedIndividual: "individual"}


def generate_completions(ontology: Path | None = None) -> str:
    """The editor's completion list: every term the ontology declares under one of its prefixes, and the four
    RDF, RDFS and OWL terms every query of the graph uses (rdf:type, rdfs:label, rdfs:comment, owl:sameAs)."""

    path = ontology or ontology_dir() / "kg.ttl"
    g = Graph(bind_namespaces="none")
    g.parse(path, format="turtle")
    prefixes = sorted(((p, str(ns)) for p, ns in g.namespaces() if p), key=lambda x: -len(x[1]))
    terms = []
    for s in sorted({s for s in g.subjects(RDF.type, None) if isinstance(s, URIRef)}):
        prefix = next((p for p, ns in prefixes if str(s).startswith(ns) and len(str(s)) > len(ns)), None)
        if prefix is None:
            continue
        kinds = sorted({_KINDS[t] for t in g.objects(s, RDF.type) if t in _KINDS})
        if not kinds and any(t for t in g.objects(s, RDF.type) if isinstance(t, URIRef) and str(t).startswith(dict(prefixes)["kg"])):
            kinds = ["individual"]

        def text(prop, lang):
            return next((str(o) for o in g.objects(s, prop) if isinstance(o, Literal) and o.language == lang), "")

        terms.append({"name": f"{prefix}:{str(s)[len(dict(prefixes)[prefix]):]}", "kind": kinds[0] if kinds else "term",
                      "label": text(RDFS.label, "en"), "label_ar": text(RDFS.label, "ar"), "comment": text(RDFS.comment, "en")})
    for term, kind in ((RDF.type, "property"), (RDFS.label, "property"), (RDFS.comment, "property"), (OWL.sameAs, "property")):
        prefix, ns = next((p, ns) for p, ns in prefixes if str(term).startswith(ns))
        terms.append({"name": f"{prefix}:{str(term)[len(ns):]}", "kind": kind, "label": "", "label_ar": "", "comment": ""})
    return json.dumps({"prefixes": dict(sorted(prefixes)), "terms": terms}, ensure_ascii=False, indent=0, sort_keys=True) + "\n"


def target() -> Path:
    return Path(__file__).resolve().parent / "vocab.py"


def bases_target() -> Path:
    return Path(__file__).resolve().parent / "iri_bases.py"


def completions_target() -> Path:
    return Path(__file__).resolve().parent / "serve" / "static" / "vocabulary.json"


def main() -> int:
    target().write_text(generate(), encoding="utf-8")
    bases_target().write_text(generate_bases(), encoding="utf-8")
    completions_target().write_text(generate_completions(), encoding="utf-8")
    print(f"wrote {target()}, {bases_target()} and {completions_target()}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
