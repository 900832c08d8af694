// SPARQL syntax highlighting: a small lexer over the grammar's terminals (comments, IRIs, the four string
// forms, variables, prefixed names, keywords, numbers, language tags). No dependency, no CDN.

const KEYWORDS = new Set((
  "BASE PREFIX SELECT CONSTRUCT DESCRIBE ASK DISTINCT REDUCED AS FROM NAMED WHERE GROUP BY HAVING ORDER ASC DESC " +
  "LIMIT OFFSET VALUES OPTIONAL GRAPH SERVICE SILENT BIND UNDEF MINUS UNION FILTER EXISTS NOT IN " +
  "LOAD CLEAR DROP CREATE ADD MOVE COPY INSERT DELETE DATA WITH USING DEFAULT ALL INTO TO " +
  "COUNT SUM MIN MAX AVG SAMPLE GROUP_CONCAT SEPARATOR STR LANG LANGMATCHES DATATYPE BOUND IRI URI BNODE RAND ABS " +
  "CEIL FLOOR ROUND CONCAT STRLEN UCASE LCASE ENCODE_FOR_URI CONTAINS STRSTARTS STRENDS STRBEFORE STRAFTER YEAR " +
  "MONTH DAY HOURS MINUTES SECONDS TIMEZONE TZ NOW UUID STRUUID MD5 SHA1 SHA256 SHA384 SHA512 COALESCE IF STRLANG " +
  "STRDT SAMETERM ISIRI ISURI ISBLANK ISLITERAL ISNUMERIC REGEX SUBSTR REPLACE TRUE FALSE A"
).split(" "));

const RULES = [
  ["comment", /#[^\r\n]*/y],
  ["iri", /<[^<>"{}|^`\\\s]*>/y],
  ["string", /'''(?:(?:'|'')?(?:[^'\\]|\\.))*'''|"""(?:(?:"|"")?(?:[^"\\]|\\.))*"""|'(?:[^'\\\n\r]|\\.)*'|"(?:[^"\\\n\r]|\\.)*"/y],
  ["var", /[?$][\p{L}\p{N}_]+/uy],
  ["pname", /(?:\p{L}[\p{L}\p{N}_\-.]*)?:(?:[\p{L}\p{N}_:%\-]|\\.)*(?:[\p{L}\p{N}_\-.:]*[\p{L}\p{N}_\-:])?/uy],
  ["langtag", /@[a-zA-Z]+(?:-[a-zA-Z0-9]+)*/y],
  ["number", /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/y],
  ["word", /\p{L}[\p{L}\p{N}_]*/uy],
  ["space", /\s+/y],
];

/** The text as a list of [kind, text]; kinds: comment iri string var pname langtag number keyword word space other. */
export function tokens(text) {
  const out = [];
  let i = 0;
  while (i < text.length) {
    let matched = false;
    for (const [kind, re] of RULES) {
      re.lastIndex = i;
      const m = re.exec(text);
      if (m && m[0].length) {
        const t = m[0];
        out.push([kind === "word" && KEYWORDS.has(t.toUpperCase()) ? "keyword" : kind, t]);
        i += t.length;
        matched = true;
        break;
      }
    }
    if (!matched) {
      out.push(["other", text[i]]);
      i += 1;
    }
  }
  return out;
}

const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export const escapeHtml = (s) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** HTML for the text, every token escaped and wrapped in a span with its kind as class (tok-keyword …). */
export function highlight(text) {
  return tokens(text)
    .map(([kind, t]) => (kind === "space" || kind === "other" || kind === "word" ? escapeHtml(t) : `<span class="tok-${kind}">${escapeHtml(t)}</span>`))
    .join("");
}
