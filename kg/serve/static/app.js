// kg's query page: examples, a query editor, results as a table with download links. No CDN, no framework.
"use strict";
const $ = (id) => document.getElementById(id);
const PREFIXES = "PREFIX kg: <https://w3id.org/kg-news/ontology#>\nPREFIX skos: <http://www.w3.org/2004/02/skos/core#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\nPREFIX owl: <http://www.w3.org/2002/07/owl#>\nPREFIX schema: <http://schema.org/>\n";
const FEDERATED = {
  name: "federated_wikidata_population",
  query: PREFIXES + "PREFIX wdt: <http://www.wikidata.org/prop/direct/>\n# Needs kg serve --allow-service https://query.wikidata.org/sparql\nSELECT ?place ?label ?population WHERE {\n  ?place owl:sameAs ?wd ; kg:entityCategory \"place\" ; skos:prefLabel ?label .\n  SERVICE <https://query.wikidata.org/sparql> { ?wd wdt:P1082 ?population }\n} LIMIT 20",
};

function cell(term) {
  if (!term) return document.createTextNode("");
  if (term.type === "uri") {
    const a = document.createElement("a");
    const page = term.value.includes("/claim/") ? "/claim" : "/entity";
    a.href = page + "?iri=" + encodeURIComponent(term.value);
    a.textContent = term.value;
    return a;
  }
  const span = document.createElement("span");
  span.dir = "auto";
  span.textContent = term.value;
  return span;
}

function table(data) {
  const t = document.createElement("table");
  const head = t.insertRow();
  for (const v of data.head.vars) {
    const th = document.createElement("th");
    th.textContent = v;
    head.appendChild(th);
  }
  for (const b of data.results.bindings) {
    const row = t.insertRow();
    for (const v of data.head.vars) row.insertCell().appendChild(cell(b[v]));
  }
  return t;
}

async function fetchAs(query, accept) {
  const r = await fetch("/sparql", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: accept },
    body: new URLSearchParams({ query }),
  });
  return r;
}

async function downloads(query) {
  const box = $("downloads");
  box.textContent = "Download: ";
  for (const [label, type] of [["CSV", "text/csv"], ["TSV", "text/tab-separated-values"], ["JSON", "application/sparql-results+json"]]) {
    const a = document.createElement("a");
    a.textContent = label;
    a.href = "#";
    a.onclick = async (ev) => {
      ev.preventDefault();
      const r = await fetchAs(query, type);
      const blob = new Blob([await r.arrayBuffer()], { type });
      const link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = "results." + label.toLowerCase();
      link.click();
    };
    box.appendChild(a);
  }
}

async function run() {
  const query = $("query").value;
  const res = $("result");
  $("status").textContent = "running…";
  res.textContent = "";
  const t0 = performance.now();
  try {
    const r = await fetchAs(query, "application/sparql-results+json, text/turtle;q=0.9");
    const type = r.headers.get("content-type") || "";
    if (!r.ok) {
      const p = document.createElement("p");
      p.className = "error";
      p.textContent = r.status + ": " + (await r.text());
      res.appendChild(p);
    } else if (type.includes("json")) {
      const data = await r.json();
      if ("boolean" in data) res.textContent = String(data.boolean);
      else {
        res.appendChild(table(data));
        await downloads(query);
      }
    } else {
      const pre = document.createElement("pre");
      pre.textContent = await r.text();
      res.appendChild(pre);
    }
    const rows = res.querySelectorAll("tr").length;
    $("status").textContent = `done in ${Math.round(performance.now() - t0)} ms` + (rows ? `, ${rows - 1} rows` : "");
  } catch (e) {
    $("status").textContent = "failed: " + e;
  }
}

async function loadExamples() {
  const r = await fetch("/api/examples");
  const list = (await r.json()).concat([FEDERATED]);
  for (const ex of list) {
    const b = document.createElement("button");
    b.textContent = ex.name.replaceAll("_", " ");
    b.dataset.name = ex.name;
    b.onclick = () => { $("query").value = ex.query; };
    $("examples").appendChild(b);
  }
}

$("run").onclick = run;
loadExamples();
