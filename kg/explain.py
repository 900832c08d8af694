"""``kg extract --explain``: each claim with the rules that made it, as a reader checks them.

Rule ids name the cue entry (``cue:LANG:FORM`` of ``kg/data/cues.tsv``), how the content was delimited
(``content.…``) and how the claimant was chosen (``claimant.…``); ``kg evaluate FOLDER --rules`` gives
each id's precision on a gold folder.
"""

from __future__ import annotations

from typing import Any


def explain_claims(result: dict[str, Any], width: int = 90) -> str:
    """The entities and claims of one article (the contract JSON of :func:`kg.contract.to_contract`), with their rules."""
    labels = {e["id"]: e["label"] for e in result["entities"]}
    lines = [f"# {result['article']['iri']} ({result['article']['language']}): {len(result['entities'])} entities, "
             f"{len(result['claims'])} claim(s)"]
    for e in result["entities"]:
        link = f" {e['wikidata']}" if e.get("wikidata") else ""
        lines.append(f"{e['id']} {e['label']} [{e['category']}/{e['type']}{link}] ×{len(e['mentions'])}"
                     f"   rules: {', '.join(e.get('rules', []))}"
                     + (f" (tagger score {e['tagger_score']:.2f})" if e.get("tagger_score") is not None else ""))
    for c in result["claims"]:
        who = labels.get(c["claimant"]) if c["claimant"] else None
        who = who or (f"unnamed: {c['unnamed_source']}" if c.get("unnamed_source") else "no claimant")
        channel = f" · channel {labels.get(c['channel'], c['channel'])}" if c.get("channel") else ""
        text = c["content"]["text"].replace("\n", " ")
        text = text if len(text) <= width else text[: width - 1] + "…"
        lines.append(f"{c['id']} {who} [{c['cue']} · {c['mode']} · {c['certainty']}{channel}] "
                     f"{c['content']['start']}-{c['content']['end']}")
        lines.append(f"   «{text}»")
        lines.append(f"   rules: {' → '.join(c.get('rules', []))}")
    return "\n".join(lines)
