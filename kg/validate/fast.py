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
from kg.errors import KGException

# what a property shape may say, and what a node shape may say of its focus node itself (value constraints)
VALUE_KEYS = {SH.datatype, SH["in"], SH.pattern, SH.flags, SH["class"], SH.nodeKind, SH.languageIn, SH.minInclusive,
              SH.maxInclusive, SH.minExclusive, SH.maxExclusive, SH.minLength, SH.maxLength, SH["or"]}
ANNOTATIONS = {RDF.type, RDFS.comment, RDFS.label, SH.name, SH.description, SH.message, SH.order, SH.group}
SUPPORTED = VALUE_KEYS | ANNOTATIONS | {SH.path, SH.minCount, SH.maxCount, SH.lessThan, SH.uniqueLang}
NODE_SHAPE_KEYS = VALUE_KEYS | ANNOTATIONS | {SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf,
                                              SH.property, SH.sparql, SH.declare, SH.prefixes}
STRUCTURE = {SH.path, SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf, SH.property, SH.sparql,
             SH.declare, SH.prefixes}  # read by compile_shapes itself
NUMERIC = {str(XSD) + n for n in ("integer", "decimal", "double", "float", "nonNegativeInteger", "positiveInteger",
                                  "nonPositiveInteger", "negativeInteger", "long", "int", "short", "byte",
                                  "unsignedLong", "unsignedInt", "unsignedShort", "unsignedByte")}


class Unsupported(KGException):
    """A shape uses a SHACL feature outside kg's validated subset: refused when the shapes load."""


ValueTest = Callable[[object, dict], bool]  # (value, types of every node) -> ok


@dataclass
class PropertyCheck:
    path: list[str]  # a predicate, or a sequence path
    message: str | None
    params: dict = field(default_factory=dict)
    tests: list[tuple[ValueTest, str, str]] = field(default_factory=list)  # from params: test, message, component

    def __post_init__(self) -> None:
        self.tests = _value_tests(self.params)


@dataclass
class NodeCheck:
    shape: str
    targets: list[str]  # classes whose instances are focus nodes
    properties: list[PropertyCheck]
    sparql: list[tuple[str, str | None]]  # (select with $this, message)
    sparql_predicates: frozenset[str] | None = None  # the predicates its SPARQL reads; None: any
    target_nodes: list = field(default_factory=list)  # pyoxigraph terms named by sh:targetNode
    subjects_of: list[str] = field(default_factory=list)
    objects_of: list[str] = field(default_factory=list)
    node_tests: list[tuple[ValueTest, str, str]] = field(default_factory=list)  # on the focus node itself
    message: str | None = None


def _node_shapes(g: Graph) -> list:
    """Every node shape of the shapes graph, each using only what this validator enforces: sh:closed,
    logical constraints, sh:node, other targets, severities … are refused here, when the shapes load,
    never passed over in silence; so is a shape with no target that no other shape refers to."""
    shapes = (set(g.subjects(RDF.type, SH.NodeShape)) | set(g.subjects(SH.property, None))
              | {s for p in (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf) for s in g.subjects(p, None)})
    shapes |= {s for s in g.subjects(RDF.type, RDFS.Class) if (s, RDF.type, SH.NodeShape) in g}
    for shape in shapes:
        for p in set(g.predicates(shape, None)):
            if p not in NODE_SHAPE_KEYS:
                raise Unsupported(f"{p} on the node shape {shape}")
        if not _targeted(g, shape):
            raise Unsupported(f"the node shape {shape} has no sh:targetClass or other target")
    return sorted((s for s in shapes if _targeted(g, s)), key=str)


def _targeted(g: Graph, shape) -> bool:
    return any((shape, p, None) in g for p in (SH.targetClass, SH.targetNode, SH.targetSubjectsOf, SH.targetObjectsOf)) \
        or (shape, RDF.type, RDFS.Class) in g


def _path(g: Graph, node) -> list[str]:
    if isinstance(node, URIRef):
        return [str(node)]
    if isinstance(node, BNode) and (node, RDF.first, None) in g:
        steps = list(Collection(g, node))
        if all(isinstance(x, URIRef) for x in steps):
            return [str(x) for x in steps]
    raise Unsupported(f"path {node!r}: only a predicate or a sequence of predicates")


def _params(g: Graph, node, allowed: set, where: str) -> dict:
    params: dict = {}
    for p, o in g.predicate_objects(node):
        if p not in allowed:
            raise Unsupported(f"{p} in {where}")
        if p in ANNOTATIONS or p in STRUCTURE:
            continue
        if p == SH["in"]:
            params[str(p)] = [_to_ox(x) for x in Collection(g, o)]  # compared with the data's terms as they are
        elif p == SH.languageIn:
            params[str(p)] = list(Collection(g, o))
        elif p == SH["or"]:
            alts = list(Collection(g, o))
            if not all(set(g.predicates(a, None)) == {SH.datatype} for a in alts):
                raise Unsupported(f"sh:or in {where}: only alternatives of sh:datatype")
            params[str(p)] = [str(g.value(a, SH.datatype)) for a in alts]
        elif str(p) in params:
            raise Unsupported(f"{p} given twice in {where}")
        else:
            if p in (SH.minInclusive, SH.maxInclusive, SH.minExclusive, SH.maxExclusive) and _rdflib_num(o) is None:
                raise Unsupported(f"{p} {o!r} in {where}: only numeric bounds")
            if p == SH.flags and set(str(o)) - {"i", "m", "s", "x"}:
                raise Unsupported(f"sh:flags {o!r} in {where}")
            params[str(p)] = o
    return params


def compile_shapes(g: Graph) -> list[NodeCheck]:
    """The checks of a shapes graph in kg's SHACL Core subset; :class:`Unsupported` for anything else."""
    checks = []
    for shape in _node_shapes(g):
        props = []
        for ps in g.objects(shape, SH.property):
            params = _params(g, ps, SUPPORTED, f"property shape {ps} of {shape}")
            msg = g.value(ps, SH.message)
            props.append(PropertyCheck(_path(g, g.value(ps, SH.path)), str(msg) if msg else None, params))
        sparql = []
        for c in g.objects(shape, SH.sparql):
            prefixes = ""
            for decl in g.objects(g.value(c, SH.prefixes), SH.declare):
                prefixes += f"PREFIX {g.value(decl, SH.prefix)}: <{g.value(decl, SH.namespace)}>\n"
            msg = g.value(c, SH.message)
            sparql.append((prefixes + str(g.value(c, SH.select)), str(msg) if msg else None))
        node_params = _params(g, shape, NODE_SHAPE_KEYS, f"node shape {shape}")
        targets = [str(t) for t in g.objects(shape, SH.targetClass)]
        if (shape, RDF.type, RDFS.Class) in g:
            targets.append(str(shape))  # an implicit class target
        wanted = [_sparql_predicates(select) for select, _ in sparql]
        predicates = None if any(w is None for w in wanted) else frozenset().union(*wanted) if wanted else None
        msg = g.value(shape, SH.message)
        checks.append(NodeCheck(
            str(shape), targets, props, sparql, predicates,
            target_nodes=[_to_ox(t) for t in g.objects(shape, SH.targetNode)],
            subjects_of=[str(t) for t in g.objects(shape, SH.targetSubjectsOf)],
            objects_of=[str(t) for t in g.objects(shape, SH.targetObjectsOf)],
            node_tests=_value_tests(node_params), message=str(msg) if msg else None,
        ))
    checks.sort(key=lambda c: c.shape)
    return checks


@lru_cache(maxsize=1)
def compiled() -> list[NodeCheck]:
    return compile_shapes(shapes_graph())


def _to_ox(term):
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if term.language:
        return ox.Literal(str(term), language=term.language)
    return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype or XSD.string)))


def _rdflib_num(term) -> Decimal | None:
    if isinstance(term, Literal) and str(term.datatype) in NUMERIC:
        try:
            return Decimal(str(term))
        except InvalidOperation:
            return None
    return None


def _num(term) -> Decimal | None:
    if isinstance(term, ox.Literal) and term.datatype.value in NUMERIC:
        try:
            return Decimal(term.value)
        except InvalidOperation:
            return None
    return None


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
    return _closure(parents)


def _closure(parents: dict[str, set[str]]) -> dict[str, set[str]]:
    """Class → itself and every class above it, following ``parents``."""
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
SUBCLASS = str(RDFS.subClassOf)


def _with_data_hierarchy(triples: list) -> dict[str, set[str]]:
    parents: dict[str, set[str]] = {}
    for t in triples:
        if t.predicate.value == SUBCLASS and isinstance(t.object, (ox.NamedNode, ox.BlankNode)):
            parents.setdefault(_key(t.subject), set()).add(_key(t.object))
    return _closure(parents) if parents else _ancestors()


def _sparql_predicates(select: str) -> frozenset[str] | None:
    """The predicates a SPARQL constraint's patterns name, or None when it may read any triple.

    Only triples with these predicates are copied into the store the query runs on. A variable or a
    path in predicate position (or anything not parsed) means every triple is copied. rdflib's SPARQL
    parser takes a third of a second to get going, in every process that loads the shapes (each `kg load`
    worker): the answer is kept in the compiled-resources cache, keyed by the query's own text.
    """
    import hashlib

    from kg.compiled import compiled

    digest = hashlib.sha256(select.encode("utf-8")).hexdigest()[:16]
    return compiled(f"sparql-predicates-{digest}", lambda: _parsed_predicates(select))


def _parsed_predicates(select: str) -> frozenset[str] | None:
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


def validate_triples(triples: list, label: str | None = None, checks: list[NodeCheck] | None = None) -> Report:
    """Validate pyoxigraph triples (objects with subject, predicate, object) against kg's shapes, or against
    ``checks`` compiled from other shapes (:func:`compile_shapes`), whose data graph's own rdfs:subClassOf
    triples then count too."""
    by_sp, types, instances = _index(triples, data_hierarchy=checks is not None)
    violations: list[Violation] = []
    for check in compiled() if checks is None else checks:
        focus = _focus_nodes(check, triples, instances)
        if not focus:
            continue
        for key, term in focus.items():
            for test, msg, component in check.node_tests:
                if not test(term, types):
                    violations.append(Violation(key, None, check.message or msg, "Violation", component=component))
        keys = sorted(k for k, t in focus.items() if not isinstance(t, ox.Literal))
        for prop in check.properties:
            _check_property(prop, keys, by_sp, types, violations)
        if check.sparql:
            _check_sparql(check, triples, set(keys), violations)
    violations.sort(key=lambda v: (v.focus, v.path or "", v.message))
    return Report(conforms=not violations, violations=violations, graph=None, label=label)


def _focus_nodes(check: NodeCheck, triples: list, instances: dict[str, list[str]]) -> dict:
    """Focus node key → term, from every target of the shape."""
    out: dict = {}
    for c in check.targets:
        for k in instances.get(c, ()):
            out[k] = None
    for t in check.target_nodes:
        out[_key(t) or str(t)] = t
    if check.subjects_of or check.objects_of:
        subj, obj = set(check.subjects_of), set(check.objects_of)
        for t in triples:
            if t.predicate.value in subj:
                out[_key(t.subject)] = t.subject
            if t.predicate.value in obj:
                out[_key(t.object) or str(t.object)] = t.object
    for k, v in out.items():
        if v is None:
            out[k] = ox.BlankNode(k[2:]) if k.startswith("_:") else ox.NamedNode(k)
    return out


def _key(term) -> str | None:
    """The index key of a node: hashing pyoxigraph terms is slow, their strings are not."""
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    return None  # literals have no outgoing triples


def _index(triples: list, data_hierarchy: bool = False) -> tuple[dict[tuple[str, str], list], dict[str, set[str]], dict[str, list[str]]]:
    """(subject, predicate) → distinct objects; each node's classes (with superclasses); each class's
    instances. One pass, since it runs for every article. ``data_hierarchy``: the data graph's own
    rdfs:subClassOf triples define superclasses too (SHACL's rule), beside kg's ontology."""
    ancestors = _ancestors() if not data_hierarchy else _with_data_hierarchy(triples)
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
        found: list[tuple[str, str]] = []  # (message, component)
        if lo is not None and len(vs) < lo:
            found.append((f"fewer than {lo} values", C_MIN))
        if hi is not None and len(vs) > hi:
            found.append((f"more than {hi} values", C_MAX))
        for v in vs:
            for test, msg, component in prop.tests:
                if not test(v, types):
                    found.append((msg, component))
            if other_pred is not None:
                for o in by_sp.get((f, other_pred), empty):
                    if not _less(v, o):
                        found.append(("value is not less than the compared values", C_LESS))
        if unique:
            langs = [v.language.lower() for v in vs if isinstance(v, ox.Literal) and v.language]
            for lang in sorted({x for x in langs if langs.count(x) > 1}):
                found.append((f"more than one value with language {lang}", C_UNIQUE))
        for msg, component in found:
            out.append(Violation(f, single, prop.message or msg, "Violation", component=component))


def _less(a, b) -> bool:
    """SPARQL's a < b for the values sh:lessThan compares: numbers, or strings, or dates of one datatype."""
    na, nb = _num(a), _num(b)
    if na is not None and nb is not None:
        return na < nb
    if isinstance(a, ox.Literal) and isinstance(b, ox.Literal) and not a.language and not b.language \
            and a.datatype == b.datatype and a.datatype.value in ORDERED_AS_TEXT:
        return a.value < b.value
    return False


def _check_sparql(check: NodeCheck, triples: list, focus: set[str], out: list[Violation]) -> None:
    wanted = check.sparql_predicates
    from kg.store import memory_store

    store = memory_store(t for t in triples if wanted is None or t.predicate.value in wanted)
    for select, message in check.sparql:
        for sol in store.query(select.replace("$this", "?this")):
            this = sol["this"]
            if this is None or _key(this) not in focus:
                continue
            text = message or "SPARQL constraint not satisfied"
            for var in re.findall(r"\{\?(\w+)\}", text):
                v = sol[var]
                text = text.replace("{?" + var + "}", v.value if v is not None else "")
            out.append(Violation(_key(this), None, text, "Violation", component=str(SH.SPARQLConstraintComponent)))


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
K_MAXLEN = str(SH.maxLength)
K_MAXEXC = str(SH.maxExclusive)
C_MIN = str(SH.MinCountConstraintComponent)
C_MAX = str(SH.MaxCountConstraintComponent)
C_LESS = str(SH.LessThanConstraintComponent)
C_UNIQUE = str(SH.UniqueLangConstraintComponent)
ORDERED_AS_TEXT = {str(XSD) + n for n in ("string", "date", "dateTime")}
K_UNIQUE = str(SH.uniqueLang)
K_LESS = str(SH.lessThan)
NODE_KINDS = {
    str(SH.IRI): (ox.NamedNode,), str(SH.BlankNode): (ox.BlankNode,), str(SH.Literal): (ox.Literal,),
    str(SH.BlankNodeOrIRI): (ox.BlankNode, ox.NamedNode), str(SH.BlankNodeOrLiteral): (ox.BlankNode, ox.Literal),
    str(SH.IRIOrLiteral): (ox.NamedNode, ox.Literal),
}


def _value_tests(p: dict) -> list[tuple[ValueTest, str, str]]:
    """One small test per value constraint, made once when the shapes are read: (test, message, component)."""
    tests: list[tuple[ValueTest, str, str]] = []
    if K_DT in p:
        dt = str(p[K_DT])
        numeric = dt in NUMERIC
        tests.append((
            lambda v, _t: isinstance(v, ox.Literal) and v.datatype.value == dt and (not numeric or _num(v) is not None)
            and well_formed(v.value, dt),
            f"value is not a literal of datatype {dt}", str(SH.DatatypeConstraintComponent),
        ))
    if K_OR in p:
        alternatives = set(p[K_OR])
        tests.append((lambda v, _t: isinstance(v, ox.Literal) and v.datatype.value in alternatives
                      and well_formed(v.value, v.datatype.value), "value matches none of the alternatives",
                      str(SH.OrConstraintComponent)))
    if K_IN in p:
        allowed = [x for x in p[K_IN] if not isinstance(x, ox.BlankNode)]  # sh:in compares terms: value, datatype or language, kind
        tests.append((lambda v, _t: v in allowed, "value is not in the allowed list",
                      str(SH.InConstraintComponent)))
    if K_PATTERN in p:
        flags = 0
        for ch in str(p.get(str(SH.flags), "")):
            flags |= {"i": re.I, "m": re.M, "s": re.S, "x": re.X}[ch]
        pattern = re.compile(str(p[K_PATTERN]), flags)
        tests.append((lambda v, _t: not isinstance(v, ox.BlankNode) and pattern.search(v.value) is not None,
                      "value does not match the pattern", str(SH.PatternConstraintComponent)))
    if K_CLASS in p:
        cls = str(p[K_CLASS])
        tests.append((
            lambda v, types: isinstance(v, (ox.NamedNode, ox.BlankNode)) and cls in types.get(_key(v), ()),
            f"value is not of class {p[K_CLASS]}", str(SH.ClassConstraintComponent),
        ))
    if K_NODEKIND in p:
        if str(p[K_NODEKIND]) not in NODE_KINDS:
            raise Unsupported(f"sh:nodeKind {p[K_NODEKIND]}")
        kinds = NODE_KINDS[str(p[K_NODEKIND])]
        tests.append((lambda v, _t: isinstance(v, kinds), f"value is not of node kind {p[K_NODEKIND]}",
                      str(SH.NodeKindConstraintComponent)))
    if K_LANGIN in p:
        ranges = [str(x).lower() for x in p[K_LANGIN]]
        tests.append((
            lambda v, _t: isinstance(v, ox.Literal) and bool(v.language) and any(
                r == "*" or v.language.lower() == r or v.language.lower().startswith(r + "-") for r in ranges),
            "value has no allowed language tag", str(SH.LanguageInConstraintComponent),
        ))
    for key, ok, component in ((K_MININC, lambda a, b: a >= b, SH.MinInclusiveConstraintComponent),
                               (K_MAXINC, lambda a, b: a <= b, SH.MaxInclusiveConstraintComponent),
                               (K_MINEXC, lambda a, b: a > b, SH.MinExclusiveConstraintComponent),
                               (K_MAXEXC, lambda a, b: a < b, SH.MaxExclusiveConstraintComponent)):
        if key in p:
            bound = Decimal(str(p[key]))
            tests.append((lambda v, _t, ok=ok, bound=bound: (n := _num(v)) is not None and ok(n, bound),
                          "value is out of range", str(component)))
    for key, ok, component in ((K_MINLEN, lambda n, b: n >= b, SH.MinLengthConstraintComponent),
                               (K_MAXLEN, lambda n, b: n <= b, SH.MaxLengthConstraintComponent)):
        if key in p:
            bound = int(p[key])
            tests.append((lambda v, _t, ok=ok, bound=bound: not isinstance(v, ox.BlankNode) and ok(len(v.value), bound),
                          "value is too short" if key == K_MINLEN else "value is too long", str(component)))
    return tests
