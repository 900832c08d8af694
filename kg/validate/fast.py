"""A fast validator for kg's own shapes: the SHACL Core subset they use, evaluated on pyoxigraph.

pySHACL is the reference (``kg validate`` uses it); loading millions of articles needs something
quicker. This module reads the same ``shapes/`` files and checks, for every node shape with
``sh:targetClass``: ``sh:minCount``, ``sh:maxCount``, ``sh:datatype``, ``sh:in``, ``sh:pattern``,
``sh:class``, ``sh:nodeKind``, ``sh:lessThan``, ``sh:languageIn``, ``sh:uniqueLang``,
``sh:minInclusive``/``sh:maxInclusive``/``sh:minExclusive``, ``sh:minLength``, ``sh:or`` of datatypes,
and SPARQL-based constraints. One query per property shape collects every focus node's values; the
checks run in Python. A test keeps its verdicts identical to pySHACL's on every shape case and on the
bundled samples. A shape using anything else raises ``Unsupported`` at load time, never silently passes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD

from kg.validate import Report, Violation, class_hierarchy, shapes_graph

SUPPORTED = {
    SH.path, SH.minCount, SH.maxCount, SH.datatype, SH["in"], SH.pattern, SH["class"], SH.nodeKind, SH.lessThan,
    SH.languageIn, SH.uniqueLang, SH.minInclusive, SH.maxInclusive, SH.minExclusive, SH.minLength, SH.message, SH["or"],
    RDF.type, RDFS.comment, SH.name,
}
NUMERIC = {str(XSD.integer), str(XSD.decimal), str(XSD.double), str(XSD.float), str(XSD.nonNegativeInteger)}


class Unsupported(Exception):
    pass


@dataclass
class PropertyCheck:
    path: list[str]  # a predicate, or a sequence path
    message: str | None
    params: dict = field(default_factory=dict)


@dataclass
class NodeCheck:
    shape: str
    targets: list[str]
    properties: list[PropertyCheck]
    sparql: list[tuple[str, str | None]]  # (select with $this, message)


def _path(g: Graph, node) -> list[str]:
    if isinstance(node, URIRef):
        return [str(node)]
    if isinstance(node, BNode) and (node, RDF.first, None) in g:
        return [str(p) for p in Collection(g, node)]
    raise Unsupported(f"path {node!r}")


@lru_cache(maxsize=1)
def compiled() -> list[NodeCheck]:
    g = shapes_graph()
    checks = []
    for shape in set(g.subjects(SH.targetClass, None)):
        props = []
        for ps in g.objects(shape, SH.property):
            params: dict = {}
            for p, o in g.predicate_objects(ps):
                if p not in SUPPORTED:
                    raise Unsupported(f"{p} in {shape}")
                if p in (SH.path, SH.message, RDF.type, RDFS.comment, SH.name):
                    continue
                if p in (SH["in"], SH.languageIn):
                    params[str(p)] = [x for x in Collection(g, o)]
                elif p == SH["or"]:
                    params[str(p)] = [str(g.value(alt, SH.datatype)) for alt in Collection(g, o)]
                else:
                    params[str(p)] = o
            msg = g.value(ps, SH.message)
            props.append(PropertyCheck(_path(g, g.value(ps, SH.path)), str(msg) if msg else None, params))
        sparql = []
        for c in g.objects(shape, SH.sparql):
            prefixes = ""
            for decl in g.objects(g.value(c, SH.prefixes), SH.declare):
                prefixes += f"PREFIX {g.value(decl, SH.prefix)}: <{g.value(decl, SH.namespace)}>\n"
            msg = g.value(c, SH.message)
            sparql.append((prefixes + str(g.value(c, SH.select)), str(msg) if msg else None))
        targets = [str(t) for t in g.objects(shape, SH.targetClass)]
        checks.append(NodeCheck(str(shape), targets, props, sparql))
    checks.sort(key=lambda c: c.shape)
    return checks


def _to_ox(t):
    if isinstance(t, URIRef):
        return ox.NamedNode(str(t))
    if isinstance(t, BNode):
        return ox.BlankNode(str(t))
    if t.language:
        return ox.Literal(str(t), language=t.language)
    return ox.Literal(str(t), datatype=ox.NamedNode(str(t.datatype or XSD.string)))


def _rdflib_literal(v):
    if isinstance(v, Literal):
        return v
    return None


def _num(term) -> Decimal | None:
    if isinstance(term, ox.Literal) and term.datatype.value in NUMERIC:
        try:
            return Decimal(term.value)
        except InvalidOperation:
            return None
    return None


def _same(a, b) -> bool:
    """sh:in compares RDF terms: value, datatype/language, and kind."""
    if isinstance(a, ox.NamedNode):
        return isinstance(b, URIRef) and a.value == str(b)
    if isinstance(a, ox.Literal):
        return isinstance(b, Literal) and a.value == str(b) and (a.language or None) == (b.language or None) and (
            a.language or a.datatype.value == str(b.datatype or XSD.string)
        )
    return False


def validate_ntriples(nt: str, label: str | None = None) -> Report:
    store = ox.Store()
    store.load(nt.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)
    store.extend(ox.Quad(_to_ox(s), _to_ox(p), _to_ox(o), ox.DefaultGraph()) for s, p, o in class_hierarchy())
    return validate_store(store, label)


def validate_graph_fast(data: Graph, label: str | None = None) -> Report:
    return validate_ntriples(data.serialize(format="nt"), label)


def _types(store: ox.Store) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for sol in store.query(f"SELECT ?s ?c WHERE {{ ?s a/<{RDFS.subClassOf}>* ?c }}"):
        out.setdefault(sol["s"].value, set()).add(sol["c"].value)
    return out


def validate_store(store: ox.Store, label: str | None = None) -> Report:
    violations: list[Violation] = []
    types = _types(store)
    for check in compiled():
        focus = sorted({s for s, cs in types.items() if any(t in cs for t in check.targets)})
        if not focus:
            continue
        focus_set = set(focus)
        for prop in check.properties:
            path = "/".join(f"<{p}>" for p in prop.path)
            values: dict[str, list] = {f: [] for f in focus}
            targets = " ".join(f"<{t}>" for t in check.targets)
            q = f"SELECT ?f ?v WHERE {{ VALUES ?c {{ {targets} }} ?f a/<{RDFS.subClassOf}>* ?c . ?f {path} ?v }}"
            seen = set()
            for sol in store.query(q):
                key = (sol["f"].value, str(sol["v"]))
                if key in seen or sol["f"].value not in focus_set:
                    continue
                seen.add(key)
                values[sol["f"].value].append(sol["v"])
            other = None
            if str(SH.lessThan) in prop.params:
                other = {}
                for sol in store.query(f"SELECT ?f ?v WHERE {{ ?f <{prop.params[str(SH.lessThan)]}> ?v }}"):
                    other.setdefault(sol["f"].value, []).append(sol["v"])
            for f, vs in values.items():
                for msg in _check(prop, vs, types, other.get(f, []) if other is not None else None):
                    violations.append(Violation(f, prop.path[0] if len(prop.path) == 1 else None, prop.message or msg, "Violation"))
        for select, message in check.sparql:
            q = select.replace("$this", "?this")
            for sol in store.query(q):
                this = sol["this"]
                if this is None or this.value not in focus_set:
                    continue
                text = message or "SPARQL constraint not satisfied"
                for var in re.findall(r"\{\?(\w+)\}", text):
                    v = sol[var]
                    text = text.replace("{?" + var + "}", v.value if v is not None else "")
                violations.append(Violation(this.value, None, text, "Violation"))
    violations.sort(key=lambda v: (v.focus, v.path or "", v.message))
    return Report(conforms=not violations, violations=violations, graph=None, label=label)


def _check(prop: PropertyCheck, vs: list, types: dict[str, set[str]], other: list | None) -> list[str]:
    p = prop.params
    out = []
    if str(SH.minCount) in p and len(vs) < int(p[str(SH.minCount)]):
        out.append(f"fewer than {p[str(SH.minCount)]} values")
    if str(SH.maxCount) in p and len(vs) > int(p[str(SH.maxCount)]):
        out.append(f"more than {p[str(SH.maxCount)]} values")
    for v in vs:
        if str(SH.datatype) in p:
            dt = str(p[str(SH.datatype)])
            if not isinstance(v, ox.Literal) or v.datatype.value != dt or (dt in NUMERIC and _num(v) is None):
                out.append(f"value is not a literal of datatype {dt}")
        if str(SH["or"]) in p:
            if not isinstance(v, ox.Literal) or v.datatype.value not in p[str(SH["or"])]:
                out.append("value matches none of the alternatives")
        if str(SH["in"]) in p and not any(_same(v, x) for x in p[str(SH["in"])]):
            out.append("value is not in the allowed list")
        if str(SH.pattern) in p:
            if isinstance(v, ox.BlankNode) or not re.search(str(p[str(SH.pattern)]), v.value):
                out.append("value does not match the pattern")
        if str(SH["class"]) in p:
            if not isinstance(v, (ox.NamedNode, ox.BlankNode)) or str(p[str(SH["class"])]) not in types.get(v.value, set()):
                out.append(f"value is not of class {p[str(SH['class'])]}")
        if str(SH.nodeKind) in p:
            kind = str(p[str(SH.nodeKind)])
            if kind == str(SH.IRI) and not isinstance(v, ox.NamedNode):
                out.append("value is not an IRI")
        if str(SH.languageIn) in p:
            langs = [str(x).lower() for x in p[str(SH.languageIn)]]
            if not isinstance(v, ox.Literal) or not v.language or v.language.lower().split("-")[0] not in langs:
                out.append("value has no allowed language tag")
        for key, ok in ((SH.minInclusive, lambda a, b: a >= b), (SH.maxInclusive, lambda a, b: a <= b), (SH.minExclusive, lambda a, b: a > b)):
            if str(key) in p:
                n = _num(v)
                if n is None or not ok(n, Decimal(str(p[str(key)]))):
                    out.append("value is out of range")
        if str(SH.minLength) in p and (isinstance(v, ox.BlankNode) or len(v.value) < int(p[str(SH.minLength)])):
            out.append("value is too short")
        if other is not None:
            a = _num(v)
            if a is None or any(_num(o) is None or not a < _num(o) for o in other):
                out.append("value is not less than the compared values")
    if str(SH.uniqueLang) in p and str(p[str(SH.uniqueLang)]).lower() == "true":
        langs = [v.language for v in vs if isinstance(v, ox.Literal) and v.language]
        if len(langs) != len(set(langs)):
            out.append("more than one value per language")
    return out
