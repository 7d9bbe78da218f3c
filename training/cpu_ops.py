"""Loaded by `spacy train --code training/cpu_ops.py`: thinc's matrix products through
numpy's BLAS (one thread) instead of blis, as altnotes runs the model (pipeline/nlp.py:
blis picks a generic kernel on this CPU class, numpy's BLAS is about 3x faster)."""

import os

for _v in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_v, "1")

from thinc.api import NumpyOps, set_current_ops  # noqa: E402

set_current_ops(NumpyOps(use_blis=False))
