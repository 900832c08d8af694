"""Running one SPARQL query against a store and serialising its answer (in a worker process).

Results are counted as they are read so an answer over the size cap is refused (413) rather than
cut short; the serialisation honours the negotiated media type (406 when none fits).
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from xml.sax.saxutils import escape

import pyoxigraph as ox

from kg.serve.negotiation import GRAPHS, choose


@dataclass(frozen=True)
class QueryTask:
    query: str
    accept: tuple[tuple[str, float], ...]
    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()
    base_iri: str | None = None
    max_results: int = 100_000


Answer = tuple[int, str, bytes, str | None]


def run_task(store: ox.Store, task: QueryTask) -> Answer:
    kwargs: dict = {}
    if task.default_graphs:
        kwargs["default_graph"] = [ox.NamedNode(g) for g in task.default_graphs]
    else:
        kwargs["use_default_graph_as_union"] = True
    if task.named_graphs:
        kwargs["named_graphs"] = [ox.NamedNode(g) for g in task.named_graphs]
    if task.base_iri:
        kwargs["base_iri"] = task.base_iri
    try:
        result = store.query(task.query, **kwargs)
    except SyntaxError as e:
        return 400, "text/plain", b"", f"invalid SPARQL query: {e}"
    accept = list(task.accept)
    if isinstance(result, ox.QueryBoolean):
        media = choose(accept, "boolean")
        if media is None:
            return 406, "text/plain", b"", "no acceptable media type for a boolean result (try application/sparql-results+json)"
        return 200, media, _boolean(bool(result), media), None
    if isinstance(result, ox.QuerySolutions):
        media = choose(accept, "results")
        if media is None:
            return 406, "text/plain", b"", "no acceptable media type for a solution table (try application/sparql-results+json or text/csv)"
        variables = [v.value for v in result.variables]
        rows = []
        for sol in result:
            if len(rows) >= task.max_results:
                return 413, "text/plain", b"", f"the result has more than {task.max_results} rows; add a LIMIT"
            rows.append([sol[v] for v in variables])
        return 200, media, _table(variables, rows, media), None
    media = choose(accept, "graph")
    if media is None:
        return 406, "text/plain", b"", "no acceptable media type for an RDF graph (try text/turtle)"
    triples = []
    for t in result:
        if len(triples) >= task.max_results:
            return 413, "text/plain", b"", f"the result has more than {task.max_results} triples; add a LIMIT"
        triples.append(t)
    fmt = GRAPHS[media]
    if fmt in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG):
        data = ox.serialize([ox.Quad(t.subject, t.predicate, t.object) for t in triples], format=fmt)
    else:
        data = ox.serialize(triples, format=fmt)
    return 200, media, data, None


def _boolean(value: bool, media: str) -> bytes:
    if "xml" in media:
        return (
            '<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head/>'
            f"<boolean>{str(value).lower()}</boolean></sparql>\n"
        ).encode()
    return json.dumps({"head": {}, "boolean": value}).encode()


def _json_term(t) -> dict:
    if isinstance(t, ox.NamedNode):
        return {"type": "uri", "value": t.value}
    if isinstance(t, ox.BlankNode):
        return {"type": "bnode", "value": t.value}
    if isinstance(t, ox.Literal):
        out = {"type": "literal", "value": t.value}
        if t.language:
            out["xml:lang"] = t.language
        elif t.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            out["datatype"] = t.datatype.value
        return out
    return {"type": "triple", "value": str(t)}


def _xml_term(t) -> str:
    if isinstance(t, ox.NamedNode):
        return f"<uri>{escape(t.value)}</uri>"
    if isinstance(t, ox.BlankNode):
        return f"<bnode>{escape(t.value)}</bnode>"
    if isinstance(t, ox.Literal):
        if t.language:
            return f'<literal xml:lang="{escape(t.language)}">{escape(t.value)}</literal>'
        if t.datatype.value != "http://www.w3.org/2001/XMLSchema#string":
            return f'<literal datatype="{escape(t.datatype.value)}">{escape(t.value)}</literal>'
        return f"<literal>{escape(t.value)}</literal>"
    return f"<literal>{escape(str(t))}</literal>"


def _csv_cell(t) -> str:
    if t is None:
        return ""
    v = t.value if isinstance(t, (ox.NamedNode, ox.Literal)) else f"_:{t.value}" if isinstance(t, ox.BlankNode) else str(t)
    if any(c in v for c in ',"\n\r'):
        v = '"' + v.replace('"', '""') + '"'
    return v


def _table(variables: list[str], rows: list[list], media: str) -> bytes:
    if media in ("application/sparql-results+json", "application/json"):
        bindings = [{v: _json_term(t) for v, t in zip(variables, row) if t is not None} for row in rows]
        return json.dumps({"head": {"vars": variables}, "results": {"bindings": bindings}}, ensure_ascii=False).encode()
    if "xml" in media:
        out = io.StringIO()
        out.write('<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>')
        out.write("".join(f'<variable name="{escape(v)}"/>' for v in variables))
        out.write("</head><results>")
        for row in rows:
            out.write("<result>")
            out.write("".join(f'<binding name="{escape(v)}">{_xml_term(t)}</binding>' for v, t in zip(variables, row) if t is not None))
            out.write("</result>")
        out.write("</results></sparql>\n")
        return out.getvalue().encode()
    if media == "text/csv":
        lines = [",".join(variables)] + [",".join(_csv_cell(t) for t in row) for row in rows]
        return ("\r\n".join(lines) + "\r\n").encode()
    lines = ["\t".join(f"?{v}" for v in variables)] + ["\t".join("" if t is None else str(t) for t in row) for row in rows]
    return ("\n".join(lines) + "\n").encode()
