"""kg: turn Arabic and English news articles into a validated knowledge graph.

The public API lives in :mod:`kg.api`; each pipeline stage is its own package
(``kg.read``, ``kg.extract``, ``kg.map``, ``kg.validate``, ``kg.store``).
"""

__version__ = "0.1.0"
