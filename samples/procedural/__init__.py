"""Procedurally composed key-value sheets (placements, account statements, locate sheets).

Unlike the fixed templates in ``samples/documents``, every document draws its label
wordings (``vocabulary``), which facts and distractors it prints and in what order
(``content``), and one of five arrangements (``arrange``); each arrangement is a layout
family for held-out evaluation.
"""

from samples.procedural.arrange import LAYOUTS

TEMPLATES = frozenset(name for name, _, _ in LAYOUTS)

__all__ = ["LAYOUTS", "TEMPLATES"]
