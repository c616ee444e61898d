"""Analysis: named entities with canonical names, quotations with speakers, and claims.

:class:`Analyzer` is the stage object; everything it returns is a plain record from
:mod:`newsprism.models` with character offsets into the article's text.
"""

from newsprism.analysis.analyzer import Analyzer

__all__ = ["Analyzer"]
