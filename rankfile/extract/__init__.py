"""The extract stage: components (dates, places, people, numbers, claims, sources,
incidents) and the pipeline that runs them over one text.

``rankfile.extract`` is both this package and the public function of the design brief:
``rankfile.extract(text, published=..., language=...)``. The module is made callable so
that both readings hold whatever order submodules are imported in. (The function behind it
must not share a name with a submodule: importing ``rankfile.extract.run`` would replace it.)
"""

from __future__ import annotations

import sys
import types
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rankfile.records import Extraction


def extract_text(text: str, published: date | None = None, language: str | None = None) -> Extraction:
    """Incidents, figures and cited sources of one text, each with its evidence spans."""
    from rankfile.extract.pipeline import extract

    return extract(text, published=published, language=language)


class _CallableModule(types.ModuleType):
    def __call__(self, text: str, published: date | None = None,
                 language: str | None = None) -> Extraction:
        return extract_text(text, published=published, language=language)


sys.modules[__name__].__class__ = _CallableModule
