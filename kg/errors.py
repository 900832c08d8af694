"""kg's exception hierarchy: every error kg reports to a user derives from :class:`KGException`.

The command line maps them, in one place (``kg.cli.KGGroup``), to the documented exit code 2 and one
line naming the problem; a program using kg as a library catches ``KGException`` for all of them.
"""

from __future__ import annotations


class KGException(Exception):
    """A problem with the input, the store, a model or the shapes: reported to the user, never a traceback."""


class InputError(KGException):
    """An input file cannot be read, or is not what the command needs."""
