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
    """Validate N-Triples text: the triples are indexed in Python; SPARQL constraints run on pyoxigraph."""
    return validate_triples(list(ox.parse(nt.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES)), label)


def validate_graph_fast(data: Graph, label: str | None = None) -> Report:
    return validate_ntriples(data.serialize(format="nt"), label)


@lru_cache(maxsize=1)
def _ancestors() -> dict[str, set[str]]:
    """Class → itself and every superclass, from the ontology's rdfs:subClassOf axioms."""
    parents: dict[str, set[str]] = {}
    for s_, _, o in class_hierarchy():
        parents.setdefault(str(s_), set()).add(str(o))
    out: dict[str, set[str]] = {}
    for c in parents:
        seen, todo = {c}, [c]
        while todo:
            for p in parents.get(todo.pop(), ()):
                if p not in seen:
                    seen.add(p)
                    todo.append(p)
        out[c] = seen
    return out


RDF_TYPE = str(RDF.type)


def validate_triples(triples: list, label: str | None = None) -> Report:
    """Validate pyoxigraph triples (objects with subject, predicate, object)."""
    by_sp: dict[tuple, list] = {}
    types: dict[str, set[str]] = {}
    ancestors = _ancestors()
    for t in triples:
        by_sp.setdefault((t.subject, t.predicate.value), []).append(t.object)
        if t.predicate.value == RDF_TYPE and isinstance(t.object, ox.NamedNode):
            types.setdefault(t.subject.value, set()).update(ancestors.get(t.object.value, {t.object.value}))
    nodes = {t.subject.value: t.subject for t in triples}
    violations: list[Violation] = []
    store = None
    for check in compiled():
        focus = sorted(f for f, cs in types.items() if any(t in cs for t in check.targets))
        if not focus:
            continue
        for prop in check.properties:
            other_pred = str(prop.params[K_LESS]) if K_LESS in prop.params else None
            for f in focus:
                vs = [nodes[f]]
                for step in prop.path:
                    vs = [o for v in vs for o in by_sp.get((v, step), ())]
                vs = list(dict.fromkeys(vs))
                other = by_sp.get((nodes[f], other_pred), []) if other_pred else None
                for msg in _check(prop, vs, types, other):
                    violations.append(Violation(f, prop.path[0] if len(prop.path) == 1 else None, prop.message or msg, "Violation"))
        if check.sparql:
            if store is None:
                store = ox.Store()
                store.extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in triples)
            focus_set = set(focus)
            for select, message in check.sparql:
                for sol in store.query(select.replace("$this", "?this")):
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


K_MIN = str(SH.minCount)
K_MAX = str(SH.maxCount)
K_DT = str(SH.datatype)
K_OR = str(SH["or"])
K_IN = str(SH["in"])
K_PATTERN = str(SH.pattern)
K_CLASS = str(SH["class"])
K_NODEKIND = str(SH.nodeKind)
K_LANGIN = str(SH.languageIn)
K_MININC = str(SH.minInclusive)
K_MAXINC = str(SH.maxInclusive)
K_MINEXC = str(SH.minExclusive)
K_MINLEN = str(SH.minLength)
K_UNIQUE = str(SH.uniqueLang)
K_LESS = str(SH.lessThan)
IRI_KIND = str(SH.IRI)


def _check(prop: PropertyCheck, vs: list, types: dict[str, set[str]], other: list | None) -> list[str]:
    p = prop.params
    out = []
    if K_MIN in p and len(vs) < int(p[K_MIN]):
        out.append(f"fewer than {p[K_MIN]} values")
    if K_MAX in p and len(vs) > int(p[K_MAX]):
        out.append(f"more than {p[K_MAX]} values")
    for v in vs:
        if K_DT in p:
            dt = str(p[K_DT])
            if not isinstance(v, ox.Literal) or v.datatype.value != dt or (dt in NUMERIC and _num(v) is None):
                out.append(f"value is not a literal of datatype {dt}")
        if K_OR in p:
            if not isinstance(v, ox.Literal) or v.datatype.value not in p[K_OR]:
                out.append("value matches none of the alternatives")
        if K_IN in p and not any(_same(v, x) for x in p[K_IN]):
            out.append("value is not in the allowed list")
        if K_PATTERN in p:
            if isinstance(v, ox.BlankNode) or not re.search(str(p[K_PATTERN]), v.value):
                out.append("value does not match the pattern")
        if K_CLASS in p:
            if not isinstance(v, (ox.NamedNode, ox.BlankNode)) or str(p[K_CLASS]) not in types.get(v.value, set()):
                out.append(f"value is not of class {p[K_CLASS]}")
        if K_NODEKIND in p:
            kind = str(p[K_NODEKIND])
            if kind == IRI_KIND and not isinstance(v, ox.NamedNode):
                out.append("value is not an IRI")
        if K_LANGIN in p:
            langs = [str(x).lower() for x in p[K_LANGIN]]
            if not isinstance(v, ox.Literal) or not v.language or v.language.lower().split("-")[0] not in langs:
                out.append("value has no allowed language tag")
        for key, ok in ((SH.minInclusive, lambda a, b: a >= b), (SH.maxInclusive, lambda a, b: a <= b), (SH.minExclusive, lambda a, b: a > b)):
            if str(key) in p:
                n = _num(v)
                if n is None or not ok(n, Decimal(str(p[str(key)]))):
                    out.append("value is out of range")
        if K_MINLEN in p and (isinstance(v, ox.BlankNode) or len(v.value) < int(p[K_MINLEN])):
            out.append("value is too short")
        if other is not None:
            a = _num(v)
            if a is None or any(_num(o) is None or not a < _num(o) for o in other):
                out.append("value is not less than the compared values")
    if K_UNIQUE in p and str(p[K_UNIQUE]).lower() == "true":
        langs = [v.language for v in vs if isinstance(v, ox.Literal) and v.language]
        if len(langs) != len(set(langs)):
            out.append("more than one value per language")
    return out
