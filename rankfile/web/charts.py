"""Server-side SVG: the offline basemap (world-atlas TopoJSON, vendored), map points, bars.

Coordinates are plain equirectangular degrees (x = longitude, y = -latitude), so the
basemap image and the points share one viewBox and need no projection library.
"""

from __future__ import annotations

import json
import math
from functools import cache
from importlib import resources
from typing import Any

WORLD = "static/vendor/world-atlas/countries-50m.json"


def _arcs(topo: dict[str, Any]) -> list[list[tuple[float, float]]]:
    """Decode delta-encoded, quantised TopoJSON arcs into lon/lat points."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    out = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            pts.append((x * sx + tx, y * sy + ty))
        out.append(pts)
    return out


def _ring(arcs: list[list[tuple[float, float]]], indexes: list[int]) -> list[tuple[float, float]]:
    pts: list[tuple[float, float]] = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        pts.extend(arc[1:] if pts else arc)
    return pts


@cache
def basemap_svg() -> str:
    """The world's country outlines as one SVG document (computed once)."""
    topo = json.loads(resources.files("rankfile.web").joinpath(WORLD).read_text("utf-8"))
    arcs = _arcs(topo)
    paths = []
    for geom in topo["objects"]["countries"]["geometries"]:
        polys = (geom.get("arcs") or [])
        if geom.get("type") == "Polygon":
            polys = [polys]
        d = []
        for poly in polys:
            for ring in poly:
                pts = _ring(arcs, ring)
                if len(pts) > 2:
                    d.append("M" + "L".join(f"{x:.2f},{-y:.2f}" for x, y in pts) + "Z")
        if d:
            paths.append(f'<path d="{"".join(d)}"/>')
    return ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="-180 -90 360 180" '
            'preserveAspectRatio="none"><g fill="#e8e6df" stroke="#9a978c" '
            'stroke-width="0.06" stroke-linejoin="round">' + "".join(paths) + "</g></svg>")


def map_layout(points: list[dict[str, Any]], pad: float = 2.0) -> dict[str, Any]:
    """viewBox around the points (whole world when none) and a circle per point."""
    if points:
        lons = [p["lon"] for p in points]
        lats = [p["lat"] for p in points]
        x0, x1 = min(lons) - pad, max(lons) + pad
        y0, y1 = -max(lats) - pad, -min(lats) + pad
        w, h = max(x1 - x0, 16.0), max(y1 - y0, 9.0)
        cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
        if w / h < 16 / 9:
            w = h * 16 / 9
        else:
            h = w * 9 / 16
        x0, y0 = cx - w / 2, cy - h / 2
    else:
        x0, y0, w, h = -180.0, -90.0, 360.0, 180.0
    top = max((p["count"] for p in points), default=1)
    unit = w / 60
    circles = [{"cx": round(p["lon"], 3), "cy": round(-p["lat"], 3),
                "r": round(unit * (0.5 + 1.5 * math.sqrt(p["count"] / top)), 3),
                "type": p["type"], "count": p["count"], "place": p.get("place") or "",
                "types": p["types"]} for p in points]
    return {"viewbox": f"{x0:.2f} {y0:.2f} {w:.2f} {h:.2f}", "circles": circles,
            "stroke": round(unit / 8, 3)}


def bars(timeline: list[dict[str, Any]], width: int = 720, height: int = 180) -> dict[str, Any]:
    """Bar positions for incidents per month (every month between first and last)."""
    if not timeline:
        return {"bars": [], "width": width, "height": height, "ticks": [], "max": 0}
    counts = {t["month"]: t["count"] for t in timeline}
    first, last = timeline[0]["month"], timeline[-1]["month"]
    y, m = int(first[:4]), int(first[5:7])
    months = []
    while f"{y:04d}-{m:02d}" <= last and len(months) < 1200:
        months.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    top = max(counts.values())
    plot_h, left, bottom = height - 30, 30, height - 20
    step = (width - left - 10) / len(months)
    out = []
    for i, mo in enumerate(months):
        n = counts.get(mo, 0)
        h = plot_h * n / top if top else 0
        out.append({"x": round(left + i * step, 2), "y": round(bottom - h, 2),
                    "w": round(max(step - 1, 1), 2), "h": round(h, 2), "month": mo, "count": n})
    every = max(1, len(months) // 8)
    ticks = [{"x": b["x"] + b["w"] / 2, "label": b["month"]} for i, b in enumerate(out)
             if i % every == 0 and (every < 12 or b["month"].endswith("-01"))]
    return {"bars": out, "width": width, "height": height, "ticks": ticks, "max": top,
            "bottom": bottom, "left": left}
