"""kg: turn Arabic and English news articles into a validated knowledge graph.

``from kg import KnowledgeGraph`` is the front door (:mod:`kg.graph`); each pipeline stage is its own
package (``kg.read``, ``kg.extract``, ``kg.map``, ``kg.validate``, ``kg.store``). ``import kg`` loads
none of them: they are imported when first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"
__all__ = ["KnowledgeGraph", "KGException", "__version__"]

if TYPE_CHECKING:
    from kg.errors import KGException
    from kg.graph import KnowledgeGraph


def __getattr__(name: str):
    if name == "KnowledgeGraph":
        from kg.graph import KnowledgeGraph

        return KnowledgeGraph
    if name == "KGException":
        from kg.errors import KGException

        return KGException
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
