"""Scoring a clustering against a reference: B-cubed precision, recall and F1."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping


def bcubed(gold: Mapping[str, str], predicted: Mapping[str, str]) -> tuple[float, float, float]:
    """B-cubed precision, recall and F1 (Bagga & Baldwin 1998) over the articles of ``gold``.

    Per article: precision = share of its predicted cluster that has its gold label, recall =
    share of its gold cluster inside its predicted cluster; both averaged over articles. An
    article missing from ``predicted`` counts as a cluster of its own.

    Args:
        gold: Article id -> reference label.
        predicted: Article id -> predicted label.

    Returns:
        ``(precision, recall, f1)``; ``(1.0, 1.0, 1.0)`` for an empty ``gold``.
    """
    ids = list(gold)
    if not ids:
        return 1.0, 1.0, 1.0
    label = {i: predicted.get(i, f"\0missing:{i}") for i in ids}
    pred_size = Counter(label.values())
    gold_size = Counter(gold[i] for i in ids)
    both = Counter((label[i], gold[i]) for i in ids)
    p = sum(both[label[i], gold[i]] / pred_size[label[i]] for i in ids) / len(ids)
    r = sum(both[label[i], gold[i]] / gold_size[gold[i]] for i in ids) / len(ids)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0
