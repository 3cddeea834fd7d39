"""Visualize: choose a view of the graph, lay it out, and draw it as one self-contained HTML page.

The page is graphkit's own (`assets/map.html`, `map.css`, `map.js`, filled in by `page.py`):
pyvis 0.3.2 only supplies its vendored build of vis-network 9.1.2, inlined with the data. pyvis'
own HTML loads vis and Bootstrap from CDNs even when asked not to, writes a `lib/` folder into the
working directory (pyvis #228, #229, #174), adds edges in quadratic time (#304) and switches
tooltips to HTML when a title contains "href". Positions are computed in Python (`layout.py`),
so the browser draws with physics off and has nothing to settle. For notebook users who want a
pyvis object to restyle, `to_pyvis` builds one of the same view (`network.py`).

Entities first: a view opens with its concept phrases (type Thing) folded into the facts of the
entities and values it draws, and the page's "show concepts" box brings them back. `select_view`
spends `max_nodes` on entities and values first and says how the page opens (`View.concepts`);
the page carries the concept nodes and hides them (`view.py` says why).
"""

from __future__ import annotations

from graphkit.visualize.network import to_pyvis
from graphkit.visualize.page import render_html, script_json
from graphkit.visualize.view import View, select_view

__all__ = ["View", "render_html", "script_json", "select_view", "to_pyvis"]
