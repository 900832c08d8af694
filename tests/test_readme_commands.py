"""The README's command table lists every command and every option of it: a new command or option that
is not documented fails here."""

from __future__ import annotations

import re
from pathlib import Path

import click

from kg.cli import cli

README = Path(__file__).resolve().parent.parent / "README.md"


def commands(group: click.Group, prefix: str = "kg") -> dict[str, click.Command]:
    out = {}
    for name, cmd in group.commands.items():
        if isinstance(cmd, click.Group):
            out.update(commands(cmd, f"{prefix} {name}"))
        else:
            out[f"{prefix} {name}"] = cmd
    return out


def table_rows() -> list[str]:
    text = README.read_text(encoding="utf-8")
    table = text[text.index("## Commands"):text.index("### Exit codes")]
    return [ln for ln in table.splitlines() if ln.startswith("| `kg ")]


def test_every_command_and_option_is_in_the_readme_table():
    rows = table_rows()
    missing = []
    for name, cmd in sorted(commands(cli).items()):
        row = " ".join(r for r in rows if re.search(rf"`{re.escape(name)}\b", r))
        if not row:
            missing.append(name)
            continue
        for param in cmd.params:
            if isinstance(param, click.Option) and not param.hidden:
                longs = [o for o in param.opts if o.startswith("--")]
                if longs and not any(o in row for o in longs):
                    missing.append(f"{name} {longs[0]}")
    assert not missing, missing
