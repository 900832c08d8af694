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
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, RDFS, SH, XSD

from kg.literals import well_formed
from kg.validate import Report, Violation, class_hierarchy, shapes_graph

SUPPORTED = {
    SH.path, SH.minCount, SH.maxCount, SH.datatype, SH["in"], SH.pattern, SH["class"], SH.nodeKind, SH.lessThan,
    SH.languageIn, SH.uniqueLang, SH.minInclusive, SH.maxInclusive, SH.minExclusive, SH.minLength, SH.message, SH["or"],
    RDF.type, RDFS.comment, SH.name,
}
NUMERIC = {str(XSD.integer), str(XSD.decimal), str(XSD.double), str(XSD.float), str(XSD.nonNegativeInteger)}


class Unsupported(Exception):
    pass


ValueTest = Callable[[object, dict], bool]  # (value, types of every node) -> ok


@dataclass
class PropertyCheck:
    path: list[str]  # a predicate, or a sequence path
    message: str | None
    params: dict = field(default_factory=dict)
    tests: list[tuple[ValueTest, str]] = field(default_factory=list)  # compiled from params: test, message

    def __post_init__(self) -> None:
        self.tests = _value_tests(self.params)


@dataclass
class NodeCheck:
    shape: str
    targets: list[str]
    properties: list[PropertyCheck]
    sparql: list[tuple[str, str | None]]  # (select with $this, message)
    sparql_predicates: frozenset[str] | None = None  # the predicates its SPARQL reads; None: any


NODE_SHAPE_KEYS = {SH.targetClass, SH.property, SH.sparql, RDF.type, RDFS.comment, RDFS.label, SH.name, SH.message,
                   SH.declare, SH.prefixes}


def _node_shapes(g: Graph) -> list:
    """Every node shape of the shapes graph, each using only what this validator enforces: a target other
    than sh:targetClass, sh:closed, a node-level constraint (sh:nodeKind, sh:datatype …) or a shape with no
    target is refused here, when the shapes load, never passed over in silence."""
    shapes = set(g.subjects(RDF.type, SH.NodeShape)) | set(g.subjects(SH.targetClass, None)) | set(g.subjects(SH.property, None))
    for shape in shapes:
        for p in set(g.predicates(shape, None)):
            if p not in NODE_SHAPE_KEYS:
                raise Unsupported(f"{p} on the node shape {shape}")
        if (shape, SH.targetClass, None) not in g and (None, SH.node, shape) not in g:
            raise Unsupported(f"the node shape {shape} has no sh:targetClass")
    return sorted((s for s in shapes if (s, SH.targetClass, None) in g), key=str)


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
    for shape in _node_shapes(g):
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
        wanted = [_sparql_predicates(select) for select, _ in sparql]
        predicates = None if any(w is None for w in wanted) else frozenset().union(*wanted) if wanted else None
        checks.append(NodeCheck(str(shape), targets, props, sparql, predicates))
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


def _sparql_predicates(select: str) -> frozenset[str] | None:
    """The predicates a SPARQL constraint's patterns name, or None when it may read any triple.

    Only triples with these predicates are copied into the store the query runs on. A variable or a
    path in predicate position (or anything not parsed) means every triple is copied.
    """
    from rdflib.plugins.sparql import prepareQuery
    from rdflib.plugins.sparql.parserutils import CompValue

    try:
        algebra = prepareQuery(select).algebra
    except Exception:  # noqa: BLE001 - an unparsable query simply gets every triple
        return None
    found: set[str] = set()
    todo = [algebra]
    while todo:
        node = todo.pop()
        if isinstance(node, CompValue):
            if node.name == "BGP":
                for _, p, _ in node.triples:
                    if not isinstance(p, URIRef):
                        return None
                    found.add(str(p))
            todo.extend(node.values())
        elif isinstance(node, (list, tuple)):
            todo.extend(node)
    return frozenset(found)


def validate_triples(triples: list, label: str | None = None) -> Report:
    """Validate pyoxigraph triples (objects with subject, predicate, object)."""
    by_sp, types, instances = _index(triples)
    violations: list[Violation] = []
    for check in compiled():
        focus = sorted({f for c in check.targets for f in instances.get(c, ())})
        if not focus:
            continue
        for prop in check.properties:
            _check_property(prop, focus, by_sp, types, violations)
        if check.sparql:
            _check_sparql(check, triples, set(focus), violations)
    violations.sort(key=lambda v: (v.focus, v.path or "", v.message))
    return Report(conforms=not violations, violations=violations, graph=None, label=label)


def _key(term) -> str | None:
    """The index key of a node: hashing pyoxigraph terms is slow, their strings are not."""
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    return None  # literals have no outgoing triples


def _index(triples: list) -> tuple[dict[tuple[str, str], list], dict[str, set[str]], dict[str, list[str]]]:
    """(subject, predicate) → distinct objects; each node's classes (with superclasses); each class's
    instances. One pass, since it runs for every article."""
    ancestors = _ancestors()
    by_sp: dict[tuple[str, str], list] = {}
    many: dict[tuple[str, str], set[str]] = {}  # for keys with many values, their N-Triples forms: a set, not a list scan
    types: dict[str, set[str]] = {}
    for t in triples:  # triples or quads
        o_ = t.object
        key = (_key(t.subject), t.predicate.value)
        values = by_sp.get(key)
        if values is None:
            by_sp[key] = [o_]
        elif len(values) < 16:
            if o_ not in values:  # a graph is a set: a repeated triple counts once
                values.append(o_)
        else:
            seen = many.get(key)
            if seen is None:
                seen = many[key] = {str(v) for v in values}
            form = str(o_)
            if form not in seen:
                seen.add(form)
                values.append(o_)
        if key[1] == RDF_TYPE and isinstance(o_, ox.NamedNode):
            types.setdefault(key[0], set()).update(ancestors.get(o_.value, (o_.value,)))
    instances: dict[str, list[str]] = {}
    for node, classes in types.items():
        for c in classes:
            instances.setdefault(c, []).append(node)
    return by_sp, types, instances


def _check_property(prop: PropertyCheck, focus: list[str], by_sp: dict, types: dict, out: list[Violation]) -> None:
    p = prop.params
    lo = int(p[K_MIN]) if K_MIN in p else None
    hi = int(p[K_MAX]) if K_MAX in p else None
    other_pred = str(p[K_LESS]) if K_LESS in p else None
    unique = K_UNIQUE in p and str(p[K_UNIQUE]).lower() == "true"
    single = prop.path[0] if len(prop.path) == 1 else None
    empty: list = []
    for f in focus:
        if single is not None:
            vs = by_sp.get((f, single), empty)
        else:
            keys = [f]
            for step in prop.path:
                vs = [o for k in keys for o in by_sp.get((k, step), ())]
                vs = [o for i, o in enumerate(vs) if o not in vs[:i]]
                keys = [_key(o) for o in vs]
        msgs = []
        if lo is not None and len(vs) < lo:
            msgs.append(f"fewer than {lo} values")
        if hi is not None and len(vs) > hi:
            msgs.append(f"more than {hi} values")
        for v in vs:
            for test, msg in prop.tests:
                if not test(v, types):
                    msgs.append(msg)
            if other_pred is not None:
                a = _num(v)
                others = by_sp.get((f, other_pred), empty)
                if a is None or any(_num(o) is None or not a < _num(o) for o in others):
                    msgs.append("value is not less than the compared values")
        if unique:
            langs = [v.language for v in vs if isinstance(v, ox.Literal) and v.language]
            if len(langs) != len(set(langs)):
                msgs.append("more than one value per language")
        for msg in msgs:
            out.append(Violation(f, single, prop.message or msg, "Violation"))


def _check_sparql(check: NodeCheck, triples: list, focus: set[str], out: list[Violation]) -> None:
    wanted = check.sparql_predicates
    store = ox.Store()
    store.bulk_extend(  # no transaction: an in-memory store only this check sees
        ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph())
        for t in triples
        if wanted is None or t.predicate.value in wanted
    )
    for select, message in check.sparql:
        for sol in store.query(select.replace("$this", "?this")):
            this = sol["this"]
            if this is None or _key(this) not in focus:
                continue
            text = message or "SPARQL constraint not satisfied"
            for var in re.findall(r"\{\?(\w+)\}", text):
                v = sol[var]
                text = text.replace("{?" + var + "}", v.value if v is not None else "")
            out.append(Violation(_key(this), None, text, "Violation"))


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
NODE_KINDS = {
    str(SH.IRI): (ox.NamedNode,), str(SH.BlankNode): (ox.BlankNode,), str(SH.Literal): (ox.Literal,),
    str(SH.BlankNodeOrIRI): (ox.BlankNode, ox.NamedNode), str(SH.BlankNodeOrLiteral): (ox.BlankNode, ox.Literal),
    str(SH.IRIOrLiteral): (ox.NamedNode, ox.Literal),
}


def _value_tests(p: dict) -> list[tuple[ValueTest, str]]:
    """One small test per value constraint of a property shape, made once when the shapes are read."""
    tests: list[tuple[ValueTest, str]] = []
    if K_DT in p:
        dt = str(p[K_DT])
        numeric = dt in NUMERIC
        tests.append((
            lambda v, _t: isinstance(v, ox.Literal) and v.datatype.value == dt and (not numeric or _num(v) is not None)
            and well_formed(v.value, dt),
            f"value is not a literal of datatype {dt}",
        ))
    if K_OR in p:
        alternatives = set(p[K_OR])
        tests.append((lambda v, _t: isinstance(v, ox.Literal) and v.datatype.value in alternatives
                      and well_formed(v.value, v.datatype.value), "value matches none of the alternatives"))
    if K_IN in p:
        allowed = p[K_IN]
        tests.append((lambda v, _t: any(_same(v, x) for x in allowed), "value is not in the allowed list"))
    if K_PATTERN in p:
        pattern = re.compile(str(p[K_PATTERN]))
        tests.append((lambda v, _t: not isinstance(v, ox.BlankNode) and pattern.search(v.value) is not None, "value does not match the pattern"))
    if K_CLASS in p:
        cls = str(p[K_CLASS])
        tests.append((
            lambda v, types: isinstance(v, (ox.NamedNode, ox.BlankNode)) and cls in types.get(_key(v), ()),
            f"value is not of class {p[K_CLASS]}",
        ))
    if K_NODEKIND in p:
        kinds = NODE_KINDS[str(p[K_NODEKIND])]
        tests.append((lambda v, _t: isinstance(v, kinds), f"value is not of node kind {p[K_NODEKIND]}"))
    if K_LANGIN in p:
        langs = {str(x).lower() for x in p[K_LANGIN]}
        tests.append((
            lambda v, _t: isinstance(v, ox.Literal) and bool(v.language) and v.language.lower().split("-")[0] in langs,
            "value has no allowed language tag",
        ))
    for key, ok in ((K_MININC, lambda a, b: a >= b), (K_MAXINC, lambda a, b: a <= b), (K_MINEXC, lambda a, b: a > b)):
        if key in p:
            bound = Decimal(str(p[key]))
            tests.append((lambda v, _t, ok=ok, bound=bound: (n := _num(v)) is not None and ok(n, bound), "value is out of range"))
    if K_MINLEN in p:
        least = int(p[K_MINLEN])
        tests.append((lambda v, _t: not isinstance(v, ox.BlankNode) and len(v.value) >= least, "value is too short"))
    return tests
