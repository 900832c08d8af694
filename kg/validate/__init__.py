"""Validation with the SHACL shapes in ``shapes/`` (pySHACL).

:func:`validate_graph` checks one data graph and returns a :class:`Report`
whose violations name the focus node, path and message. The ontology's
subclass axioms are mixed in, so ``sh:class kg:Actor`` accepts a kg:Person.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache

from rdflib import Graph
from rdflib.namespace import RDFS, SH

from kg.resources import ontology_dir, shapes_dir


@dataclass(frozen=True)
class Violation:
    focus: str
    path: str | None
    message: str
    severity: str
    shape: str | None = None
    value: str | None = None
    component: str | None = None  # the SHACL constraint component (sh:MinCountConstraintComponent …)


@dataclass
class Report:
    conforms: bool
    violations: list[Violation] = field(default_factory=list)
    graph: Graph | None = None
    label: str | None = None  # the article or file the report is about

    def text(self) -> str:
        if self.conforms:
            return f"{self.label or 'graph'}: conforms"
        lines = [f"{self.label or 'graph'}: {len(self.violations)} violation(s)"]
        for v in self.violations:
            lines.append(f"  focus {v.focus} path {v.path or '-'}: {v.message}")
        return "\n".join(lines)

    def as_json(self) -> dict:
        return {
            "label": self.label,
            "conforms": self.conforms,
            "violations": [v.__dict__ for v in self.violations],
        }

    def turtle(self) -> str:
        """The report as a SHACL validation report in Turtle (pySHACL's own graph, or one built from the results)."""
        return (self.graph if self.graph is not None else self.report_graph()).serialize(format="turtle")

    def report_graph(self) -> Graph:
        from rdflib import BNode, Literal, URIRef
        from rdflib.namespace import RDF

        g = Graph()
        g.bind("sh", SH)
        report = BNode()
        g.add((report, RDF.type, SH.ValidationReport))
        g.add((report, SH.conforms, Literal(self.conforms)))
        for v in self.violations:
            r = BNode()
            g.add((report, SH.result, r))
            g.add((r, RDF.type, SH.ValidationResult))
            g.add((r, SH.focusNode, URIRef(v.focus) if not v.focus.startswith(("_:", '"')) else Literal(v.focus)))
            if v.path:
                g.add((r, SH.resultPath, URIRef(v.path)))
            g.add((r, SH.resultMessage, Literal(v.message)))
            g.add((r, SH.resultSeverity, SH[v.severity]))
            if v.component:
                g.add((r, SH.sourceConstraintComponent, URIRef(v.component)))
        return g


@lru_cache(maxsize=1)
def shapes_graph() -> Graph:
    g = Graph()
    for f in sorted(shapes_dir().glob("*.ttl")):
        g.parse(f, format="turtle")
    return g


@lru_cache(maxsize=1)
def class_hierarchy() -> Graph:
    """Only the rdfs:subClassOf axioms of the ontology: enough for sh:class, cheap to mix in."""
    onto = Graph().parse(ontology_dir() / "kg.ttl", format="turtle")
    g = Graph()
    for t in onto.triples((None, RDFS.subClassOf, None)):
        g.add(t)
    return g


def validate_graph(data: Graph, label: str | None = None) -> Report:
    from pyshacl import validate

    conforms, results, _ = validate(
        data,
        shacl_graph=shapes_graph(),
        ont_graph=class_hierarchy(),
        inference="none",
        advanced=True,
        allow_warnings=True,
    )
    return Report(conforms=bool(conforms), violations=_violations(results), graph=results, label=label)


def _violations(results: Graph) -> list[Violation]:
    out = []
    for r in results.subjects(predicate=SH.resultSeverity):
        def one(p):
            v = results.value(r, p)
            return None if v is None else str(v)

        out.append(
            Violation(
                focus=one(SH.focusNode) or "",
                path=one(SH.resultPath),
                message=one(SH.resultMessage) or "shape not satisfied",
                severity=(one(SH.resultSeverity) or "").rsplit("#", 1)[-1],
                shape=one(SH.sourceShape),
                value=one(SH.value),
                component=one(SH.sourceConstraintComponent),
            )
        )
    out.sort(key=lambda v: (v.focus, v.path or "", v.message))
    return out


def reports_json(reports: list[Report]) -> str:
    return json.dumps({"conforms": all(r.conforms for r in reports), "reports": [r.as_json() for r in reports]}, ensure_ascii=False, indent=2)
