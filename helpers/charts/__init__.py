"""The charts room: one style, the builders notebooks share, maps that draw offline, and static images.

- `style`: palette, template, guideline lines, `finish()` (title, axis titles, "Source:" note)
- `layout`: a finished chart laid out for the width of static images (`show` applies it)
- `builders`: the charts notebooks share (ranked bars, dumbbells, timelines, strength lines, who took part)
- `maps`: world maps with the geometry shipped in the project
- `notebook`: what a notebook displays (`show` a chart with its rows, `table` a formatted frame)
- `payload`: the rows a chart plots and its text alternative, stored beside the figure
- `images`: kaleido's static PNG and SVG images, cached by digest; `chromium`: the system browser

Importing the room applies the collection's plotly style, so plotly express figures get its palette too.
"""

from .style import apply as _apply_style

_apply_style()
