"""Story clustering: group articles about the same event across outlets and languages.

:class:`StoryClusterer` takes articles in chunks as they arrive and keeps story ids stable;
:func:`recluster` clusters a whole collection at once.
"""

from newsprism.clustering.batch import recluster
from newsprism.clustering.incremental import ClusterUpdate, StoryClusterer, iter_chunks
from newsprism.clustering.records import Assignment, ClusterOptions, Merge, StoryInput

__all__ = [
    "Assignment",
    "ClusterOptions",
    "ClusterUpdate",
    "Merge",
    "StoryClusterer",
    "StoryInput",
    "iter_chunks",
    "recluster",
]
