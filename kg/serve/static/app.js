// kg's query page: examples, a highlighting editor with completion, results as a table or a map, downloads.
// ES modules served by kg itself: no CDN, no framework.
import { attachEditor } from "./editor.js";
import { coordinates, drawMap } from "./result-map.js";

const $ = (id) => document.getElementById(id);
const FEDERATED_PREFIXES = ["kg", "owl", "skos"];
const FEDERATED_QUERY = "PREFIX wdt: <http://www.wikidata.org/prop/direct/>\n# Needs kg serve --allow-service https://query.wikidata.org/sparql\nSELECT ?place ?label ?population WHERE {\n  ?place owl:sameAs ?wd ; kg:entityCategory \"place\" ; skos:prefLabel ?label .\n  SERVICE <https://query.wikidata.org/sparql> { ?wd wdt:P1082 ?population }\n} LIMIT 20";

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
  return fetch("/sparql", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Accept: accept },
    body: new URLSearchParams({ query }),
  });
}

function downloads(query) {
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

/** The result views: a table always, a map when the rows carry coordinates. */
function views(data) {
  const res = $("result");
  const bar = $("views");
  bar.textContent = "";
  const read = coordinates(data);
  const show = async (name) => {
    for (const b of bar.querySelectorAll("button")) b.classList.toggle("on", b.dataset.view === name);
    if (name === "map") {
      const n = await drawMap(res, data, read);
      $("status").textContent += ` (${n} on the map)`;
    } else {
      res.textContent = "";
      res.appendChild(table(data));
    }
  };
  for (const [name, label] of [["table", "Table"], ["map", "Map"]]) {
    const b = document.createElement("button");
    b.textContent = label;
    b.dataset.view = name;
    b.disabled = name === "map" && !read;
    b.title = b.disabled ? "the results have no lat/long or WKT point" : "";
    b.onclick = () => show(name);
    bar.appendChild(b);
  }
  return show("table");
}

async function run() {
  const query = $("query").value;
  const res = $("result");
  $("status").textContent = "running…";
  res.textContent = "";
  $("views").textContent = "";
  $("downloads").textContent = "";
  const t0 = performance.now();
  try {
    const r = await fetchAs(query, "application/sparql-results+json, text/turtle;q=0.9");
    const type = r.headers.get("content-type") || "";
    let rows = 0;
    if (!r.ok) {
      const p = document.createElement("p");
      p.className = "error";
      p.textContent = r.status + ": " + (await r.text());
      res.appendChild(p);
    } else if (type.includes("json")) {
      const data = await r.json();
      if ("boolean" in data) res.textContent = String(data.boolean);
      else {
        rows = data.results.bindings.length;
        await views(data);
        downloads(query);
      }
    } else {
      const pre = document.createElement("pre");
      pre.textContent = await r.text();
      res.appendChild(pre);
    }
    $("status").textContent = `done in ${Math.round(performance.now() - t0)} ms` + (r.ok && type.includes("json") ? `, ${rows} rows` : "");
  } catch (e) {
    $("status").textContent = "failed: " + e;
  }
}

async function main() {
  const vocabulary = await (await fetch("/static/vocabulary.json")).json();
  const editor = attachEditor($("query"), vocabulary, run);
  const prefixes = FEDERATED_PREFIXES.map((p) => `PREFIX ${p}: <${vocabulary.prefixes[p]}>\n`).join("");
  const r = await fetch("/api/examples");
  const list = (await r.json()).concat([{ name: "federated_wikidata_population", query: prefixes + FEDERATED_QUERY }]);
  for (const ex of list) {
    const b = document.createElement("button");
    b.textContent = ex.name.replaceAll("_", " ");
    b.dataset.name = ex.name;
    b.onclick = () => editor.setValue(ex.query);
    $("examples").appendChild(b);
  }
  $("run").onclick = run;
}

main();
