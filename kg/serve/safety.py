"""What a query may reach: SERVICE and LOAD targets checked against an allowlist before execution.

The text is scanned with comments, string literals and IRIs of other positions taken into account,
so ``SERVICE`` inside a string is not a call and ``SERVICE ?var`` (a target chosen at run time) is refused.
"""

from __future__ import annotations

import re

_TOKEN = re.compile(
    r"""(?P<comment>\#[^\n]*)
      |(?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")
      |(?P<iri><[^<>"{}|^`\\\s]*>)
      |(?P<word>[A-Za-z_][A-Za-z0-9_]*)
      |(?P<var>[?$][A-Za-z0-9_]+)
      |(?P<other>\S)""",
    re.VERBOSE,
)


class Refused(Exception):
    """A request the server will not run; the message says why."""


def remote_targets(text: str) -> list[tuple[str, str | None]]:
    """(keyword, target IRI or None for a variable) for every SERVICE and LOAD in ``text``."""
    tokens = [(m.lastgroup, m.group()) for m in _TOKEN.finditer(text) if m.lastgroup not in ("comment",)]
    out = []
    for i, (kind, value) in enumerate(tokens):
        if kind == "word" and value.upper() in ("SERVICE", "LOAD"):
            j = i + 1
            if j < len(tokens) and tokens[j][0] == "word" and tokens[j][1].upper() == "SILENT":
                j += 1
            if j < len(tokens) and tokens[j][0] == "iri":
                out.append((value.upper(), tokens[j][1][1:-1]))
            elif j < len(tokens) and tokens[j][0] == "var":
                out.append((value.upper(), None))
            elif j < len(tokens) and tokens[j][0] == "word" and ":" not in tokens[j][1]:
                # a prefixed name like wd:x is split by the scanner; treat any non-IRI target as unresolvable
                out.append((value.upper(), None))
            else:
                out.append((value.upper(), None))
    return out


def check(text: str, allowed: tuple[str, ...]) -> None:
    for keyword, target in remote_targets(text):
        if target is None:
            raise Refused(f"{keyword} to a target that is not a literal IRI is not allowed on this server")
        if not any(target.startswith(prefix) for prefix in allowed):
            raise Refused(
                f"{keyword} <{target}> is not allowed on this server (start kg serve with --allow-service {target} to permit it)"
            )


def with_using(update: str, default: list[str], named: list[str]) -> str:
    """Apply the protocol's using-graph-uri / using-named-graph-uri to every INSERT/DELETE … WHERE.

    A USING (or WITH) already in the update conflicts with them (the protocol says: 400).
    """
    tokens = list(_TOKEN.finditer(update))
    words = [m.group().upper() for m in tokens if m.lastgroup == "word"]
    if "USING" in words or "WITH" in words:
        raise Refused("the update has USING or WITH and the request has using-graph-uri / using-named-graph-uri")
    clause = "".join(f" USING <{g}>" for g in default) + "".join(f" USING NAMED <{g}>" for g in named) + " "
    out, last = [], 0
    prev = None
    for m in tokens:
        if m.lastgroup == "comment":
            continue
        if m.lastgroup == "word" and m.group().upper() == "WHERE" and prev == "}":
            out.append(update[last : m.start()])
            out.append(clause)
            last = m.start()
        prev = m.group()
    out.append(update[last:])
    return "".join(out)
