// Query results on a map: rows with a latitude and a longitude (variables named lat/latitude and
// long/lon/lng/longitude, or a GeoSPARQL WKT "POINT(long lat)") drawn over the Natural Earth outlines the
// server ships (/static/world-110m.json, equirectangular: x = long + 180, y = 90 - lat), as the /map page does.
const SVG = "http://www.w3.org/2000/svg";
const LAT = /^(lat|latitude)$/i;
const LONG = /^(long|lon|lng|longitude)$/i;
const WKT = /^\s*POINT\s*\(\s*(-?[\d.]+)\s+(-?[\d.]+)\s*\)\s*$/i;

/** How to read coordinates from these results, or null when they have none. */
export function coordinates(data) {
  const vars = data.head.vars;
  const lat = vars.find((v) => LAT.test(v));
  const long = vars.find((v) => LONG.test(v));
  if (lat && long) return (b) => [parseFloat(b[lat]?.value), parseFloat(b[long]?.value)];
  const wkt = vars.find((v) => data.results.bindings.some((b) => b[v] && WKT.test(b[v].value)));
  if (wkt) return (b) => { const m = WKT.exec(b[wkt]?.value || ""); return m ? [parseFloat(m[2]), parseFloat(m[1])] : [NaN, NaN]; };
  return null;
}

let outlines = null;
async function countries() {
  if (!outlines) outlines = (await (await fetch("/static/world-110m.json")).json()).countries;
  return outlines;
}

function el(name, attrs) {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
}

/** An SVG map of the rows that have coordinates; each point's tooltip lists the row, a click opens its entity. */
export async function drawMap(container, data, read) {
  const points = [];
  for (const b of data.results.bindings) {
    const [lat, long] = read(b);
    if (Number.isFinite(lat) && Number.isFinite(long) && Math.abs(lat) <= 90 && Math.abs(long) <= 180) points.push({ b, x: long + 180, y: 90 - lat });
  }
  const xs = points.map((p) => p.x), ys = points.map((p) => p.y);
  let [x0, x1, y0, y1] = points.length ? [Math.min(...xs) - 6, Math.max(...xs) + 6, Math.min(...ys) - 6, Math.max(...ys) + 6] : [0, 360, 0, 180];
  let w = Math.min(360, Math.max(x1 - x0, 36, (y1 - y0) * 1.5)), h = Math.min(180, Math.max(y1 - y0, w / 2));
  const x = Math.min(Math.max((x0 + x1) / 2 - w / 2, 0), 360 - w), y = Math.min(Math.max((y0 + y1) / 2 - h / 2, 0), 180 - h);
  const unit = w / 100;
  const svg = el("svg", { class: "map", viewBox: `${x} ${y} ${w} ${h}`, role: "img" });
  svg.appendChild(el("rect", { x: 0, y: 0, width: 360, height: 180, class: "sea" }));
  const land = el("g", { class: "countries", "stroke-width": unit * 0.12 });
  for (const c of await countries()) {
    const path = el("path", { d: c.d });
    const title = el("title", {});
    title.textContent = c.name;
    path.appendChild(title);
    land.appendChild(path);
  }
  svg.appendChild(land);
  const marks = el("g", { class: "places", "stroke-width": unit * 0.15 });
  for (const p of points) {
    const iri = Object.values(p.b).find((t) => t.type === "uri");
    const a = el("a", { class: "place" });
    if (iri) a.setAttribute("href", "/entity?iri=" + encodeURIComponent(iri.value));
    const circle = el("circle", { cx: p.x, cy: p.y, r: unit * 1.2 });
    const title = el("title", {});
    title.textContent = data.head.vars.filter((v) => p.b[v]).map((v) => `${v}: ${p.b[v].value}`).join("\n");
    circle.appendChild(title);
    a.appendChild(circle);
    marks.appendChild(a);
  }
  svg.appendChild(marks);
  container.textContent = "";
  container.appendChild(svg);
  return points.length;
}
