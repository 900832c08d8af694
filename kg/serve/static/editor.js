// The query editor: a textarea over a highlighted copy of its text, and completion of kg's vocabulary after a
// prefix (kg:cl… → kg:claimant, kg:Claim) with the terms' labels; accepting a term whose prefix the query does
// not declare adds the PREFIX line. Ctrl+Enter runs the query.
import { escapeHtml, highlight } from "./sparql-highlight.js";

const FRAGMENT = /(?:^|[^\p{L}\p{N}_:?$<])((\p{L}[\p{L}\p{N}_\-]*)?:([\p{L}\p{N}_\-]*)|\p{L}[\p{L}\p{N}_\-]*)$/u;

export function attachEditor(textarea, vocabulary, onRun) {
  const box = document.createElement("div");
  box.className = "editor";
  const pre = document.createElement("pre");
  pre.className = "highlight";
  pre.setAttribute("aria-hidden", "true");
  const list = document.createElement("ul");
  list.className = "completions";
  list.id = "completions";
  list.hidden = true;
  textarea.parentNode.insertBefore(box, textarea);
  box.append(pre, textarea, list);

  const paint = () => {
    pre.innerHTML = highlight(textarea.value) + "\n";
    pre.scrollTop = textarea.scrollTop;
    pre.scrollLeft = textarea.scrollLeft;
  };
  textarea.addEventListener("scroll", () => { pre.scrollTop = textarea.scrollTop; pre.scrollLeft = textarea.scrollLeft; });

  let items = [];
  let chosen = 0;
  let fragment = null;

  const close = () => { list.hidden = true; items = []; fragment = null; };

  const candidates = (text) => {
    const m = FRAGMENT.exec(text);
    if (!m) return null;
    const typed = m[1];
    if (typed.includes(":")) {
      const [prefix, local] = [m[2] || "", m[3].toLowerCase()];
      const found = vocabulary.terms.filter((t) => t.name.startsWith(prefix + ":") &&
        (t.name.slice(prefix.length + 1).toLowerCase().startsWith(local) || (local.length > 1 && t.label.toLowerCase().includes(local))));
      return { typed, found };
    }
    if (typed.length < 2) return null;
    const found = Object.keys(vocabulary.prefixes).filter((p) => p.startsWith(typed.toLowerCase()) && p !== typed)
      .map((p) => ({ name: p + ":", kind: "prefix", label: vocabulary.prefixes[p], label_ar: "", comment: "" }));
    return { typed, found };
  };

  const place = () => {
    const before = textarea.value.slice(0, textarea.selectionStart);
    const lines = before.split("\n");
    const style = getComputedStyle(textarea);
    const lineHeight = parseFloat(style.lineHeight) || 18;
    const ctx = document.createElement("canvas").getContext("2d");
    ctx.font = `${style.fontSize} ${style.fontFamily}`;
    const x = ctx.measureText(lines[lines.length - 1]).width + parseFloat(style.paddingLeft);
    const y = lines.length * lineHeight + parseFloat(style.paddingTop) - textarea.scrollTop;
    list.style.left = Math.min(x, textarea.clientWidth - 200) + "px";
    list.style.top = Math.min(y, textarea.clientHeight) + 4 + "px";
  };

  const render = () => {
    list.innerHTML = items.map((t, i) =>
      `<li class="${i === chosen ? "on" : ""}" data-name="${escapeHtml(t.name)}"><b>${escapeHtml(t.name)}</b>` +
      ` <span class="kind">${escapeHtml(t.kind)}</span> <span class="label">${escapeHtml(t.label)}</span>` +
      (t.label_ar ? ` <span class="label" dir="rtl">${escapeHtml(t.label_ar)}</span>` : "") + "</li>").join("");
    list.hidden = items.length === 0;
    if (items.length) place();
  };

  const suggest = () => {
    const c = candidates(textarea.value.slice(0, textarea.selectionStart));
    if (!c || !c.found.length) return close();
    fragment = c.typed;
    items = c.found.slice(0, 12);
    chosen = 0;
    render();
  };

  const accept = (term) => {
    const end = textarea.selectionStart;
    const start = end - fragment.length;
    let text = textarea.value.slice(0, start) + term.name + textarea.value.slice(end);
    let caret = start + term.name.length;
    const prefix = term.name.split(":")[0];
    const declared = new RegExp(`PREFIX\\s+${prefix}:`, "i");
    if (term.kind !== "prefix" && !declared.test(text) && vocabulary.prefixes[prefix]) {
      const line = `PREFIX ${prefix}: <${vocabulary.prefixes[prefix]}>\n`;
      text = line + text;
      caret += line.length;
    }
    textarea.value = text;
    textarea.selectionStart = textarea.selectionEnd = caret;
    close();
    paint();
    if (term.kind === "prefix") suggest();
  };

  textarea.addEventListener("input", () => { paint(); suggest(); });
  textarea.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) {
      ev.preventDefault();
      close();
      onRun();
      return;
    }
    if (list.hidden) return;
    if (ev.key === "ArrowDown" || ev.key === "ArrowUp") {
      ev.preventDefault();
      chosen = (chosen + (ev.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
      render();
    } else if (ev.key === "Enter" || ev.key === "Tab") {
      ev.preventDefault();
      accept(items[chosen]);
    } else if (ev.key === "Escape") {
      close();
    }
  });
  list.addEventListener("mousedown", (ev) => {
    const li = ev.target.closest("li");
    if (!li) return;
    ev.preventDefault();
    accept(items.find((t) => t.name === li.dataset.name));
  });
  textarea.addEventListener("blur", () => setTimeout(close, 100));
  return { paint, setValue: (v) => { textarea.value = v; paint(); } };
}
