"""Turning a clusterer's state into bytes a store can keep, and back, without pickle."""

from __future__ import annotations

import io
import json
from typing import Any

import numpy as np


def dump_state(state: dict[str, Any]) -> tuple[str, bytes]:
    """Split a :meth:`StoryClusterer.state_dict` into JSON text and a compressed ``.npz`` blob."""
    arrays = state["arrays"]
    buffer = io.BytesIO()
    np.savez_compressed(buffer, **arrays)
    meta = {k: v for k, v in state.items() if k != "arrays"}
    return json.dumps(meta), buffer.getvalue()


def load_state(meta: str, blob: bytes) -> dict[str, Any]:
    """Rebuild the state dict from :func:`dump_state` output (``allow_pickle`` stays off)."""
    with np.load(io.BytesIO(blob), allow_pickle=False) as data:
        arrays = {name: data[name] for name in data.files}
    state: dict[str, Any] = json.loads(meta)
    state["arrays"] = arrays
    return state
