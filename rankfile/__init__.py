"""Rankfile: an evidence-linked record of abuse inside armed forces.

Python API::

    import rankfile
    result = rankfile.extract(text, published=date(2025, 3, 1))
    for incident in result.incidents:
        print(incident.types, incident.evidence[0].text)
"""

from __future__ import annotations

from rankfile import extract

__version__ = "0.1.0"

__all__ = ["__version__", "extract"]
