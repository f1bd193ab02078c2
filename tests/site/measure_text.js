// For each chart of the page: its figure number, how many texts it shows and the faults found (see legibility.py).
(tolerance) => {
  function visible(el) {
    for (let e = el; e && e.nodeType === 1; e = e.parentNode) {
      const s = getComputedStyle(e);
      if (s.display === "none" || s.visibility === "hidden" || parseFloat(s.opacity) === 0) return false;
    }
    return true;
  }
  function polygon(el) {
    const b = el.getBBox(), m = el.getScreenCTM();
    return [[b.x, b.y], [b.x + b.width, b.y], [b.x + b.width, b.y + b.height], [b.x, b.y + b.height]]
      .map(([x, y]) => [m.a * x + m.c * y + m.e, m.b * x + m.d * y + m.f]);
  }
  function clip(el, poly) {
    // Parts of the text hidden by a clip-path (a scrolled legend, the plot area) are not visible.
    for (let e = el; e && e.nodeType === 1 && e.tagName !== "svg"; e = e.parentNode) {
      const ref = (e.getAttribute("clip-path") || "").match(/url\(["']?#([^"')]+)/);
      const rect = ref && document.getElementById(ref[1]) && document.getElementById(ref[1]).querySelector("rect");
      if (!rect) continue;
      const m = e.getScreenCTM(), x = +rect.getAttribute("x") || 0, y = +rect.getAttribute("y") || 0;
      const x0 = m.a * x + m.e, y0 = m.d * y + m.f;
      const x1 = x0 + m.a * +rect.getAttribute("width"), y1 = y0 + m.d * +rect.getAttribute("height");
      const xs = poly.map(p => p[0]), ys = poly.map(p => p[1]);
      const l = Math.max(Math.min(...xs), x0), r = Math.min(Math.max(...xs), x1);
      const t = Math.max(Math.min(...ys), y0), btm = Math.min(Math.max(...ys), y1);
      if (r - l < 1 || btm - t < 1) return null;  // clipped away entirely: not shown
      if (l > Math.min(...xs) + tolerance || r < Math.max(...xs) - tolerance || t > Math.min(...ys) + tolerance
          || btm < Math.max(...ys) - tolerance) return {poly, cut: true};
    }
    return {poly, cut: false};
  }
  function depth(a, b) {
    // How far two convex polygons overlap (separating axis theorem); <= 0 when they do not touch.
    let least = Infinity;
    for (const poly of [a, b]) {
      for (let i = 0; i < poly.length; i++) {
        const [x1, y1] = poly[i], [x2, y2] = poly[(i + 1) % poly.length];
        const len = Math.hypot(x2 - x1, y2 - y1);
        if (len < 1e-6) continue;
        const nx = (y1 - y2) / len, ny = (x2 - x1) / len;
        const pa = a.map(p => p[0] * nx + p[1] * ny), pb = b.map(p => p[0] * nx + p[1] * ny);
        least = Math.min(least, Math.min(Math.max(...pa), Math.max(...pb)) - Math.max(Math.min(...pa), Math.min(...pb)));
      }
    }
    return least;
  }
  const charts = [];
  document.querySelectorAll("figure.chart").forEach(fig => {
    const plot = fig.querySelector(".plot"), svg = plot.querySelector("svg.main-svg");
    const number = fig.querySelector(".fignum");
    const name = number ? number.textContent.replace(/\.$/, "") : fig.id;
    const faults = [];
    if (!svg) { charts.push({name, faults: ["not drawn"]}); return; }
    const frame = svg.getBoundingClientRect();
    const texts = [];
    plot.querySelectorAll("svg text").forEach(el => {
      const label = el.textContent.replace(/\s+/g, " ").trim();
      if (!label || !visible(el) || el.getBoundingClientRect().width < 1) return;
      const shown = clip(el, polygon(el));
      if (shown) texts.push({label, poly: shown.poly, cut: shown.cut});
    });
    texts.forEach(t => {
      if (t.cut) faults.push(`"${t.label}" is cut off`);
      const out = t.poly.some(([x, y]) => x < frame.left - tolerance || x > frame.right + tolerance
                                         || y < frame.top - tolerance || y > frame.bottom + tolerance);
      if (out) faults.push(`"${t.label}" runs outside the chart`);
    });
    for (let i = 0; i < texts.length; i++)
      for (let j = i + 1; j < texts.length; j++)
        if (depth(texts[i].poly, texts[j].poly) > tolerance)
          faults.push(`"${texts[i].label}" collides with "${texts[j].label}"`);
    charts.push({name, faults, texts: texts.length});
  });
  return charts;
}
