// Draw every chart of the page from the figure JSON embedded next to it (plotly.js is loaded locally).
// Each chart first shows the static SVG the build made (visible at once); plotly.js (about 5 MB, 1.5 s to parse
// on a slow machine) loads only after that first paint, and each chart turns interactive as it nears the screen.
// On narrow screens (< 600 px) legends go below the plot, long titles wrap and the toolbar stays out of the way.
(function () {
  var NARROW = 600;
  function wrap(text, width) {
    // Break a plain title into lines of about `width` characters (plotly does not wrap titles itself).
    var words = String(text || "").replace(/<br\s*\/?>/gi, " ").split(/\s+/), lines = [], line = "";
    words.forEach(function (w) {
      if (line && (line + " " + w).length > width) { lines.push(line); line = w; } else { line = line ? line + " " + w : w; }
    });
    if (line) lines.push(line);
    return lines.join("<br>");
  }
  function narrowLayout(layout, width) {
    var l = JSON.parse(JSON.stringify(layout || {}));
    var chars = Math.max(24, Math.floor(width / 9));
    var title = l.title && (typeof l.title === "object" ? l.title.text : l.title);
    var lines = 0;
    if (title) {
      var wrapped = wrap(title, chars);
      lines = wrapped.split("<br>").length;
      l.title = Object.assign({}, typeof l.title === "object" ? l.title : {}, {text: wrapped, font: {size: 15}, x: 0, xanchor: "left"});
    }
    l.legend = Object.assign({}, l.legend || {}, {orientation: "h", x: 0, xanchor: "left", y: -0.2, yanchor: "top"});
    l.margin = Object.assign({}, l.margin || {}, {l: 10, r: 10, t: 40 + 20 * lines});
    // The "Source:" note is printed in the caption below; on a phone the chart leaves it out.
    l.annotations = (l.annotations || []).filter(function (a) { return a.name !== "source-note"; });
    l.margin.b = 50;
    l.margin.l = 55;
    // Labels of reference lines above the plot (2%, 3.5%) take turns on two rows so they do not overprint.
    l.annotations.filter(function (a) { return a.y >= 1 && String(a.xref || "x").charAt(0) === "x"; })
      .sort(function (a, b) { return a.x - b.x; })
      .forEach(function (a, i) { a.font = Object.assign({}, a.font || {}, {size: 10}); a.yshift = (a.yshift || 0) + (i % 2) * 13; });
    l.autosize = true;
    delete l.width;
    return l;
  }
  function draw(block) {
    var spec = JSON.parse(block.textContent);
    var shared = spec.figure.layout && spec.figure.layout.template && spec.figure.layout.template.site;
    if (shared) spec.figure.layout.template = (window.SITE_TEMPLATES || {})[shared];
    var target = block.parentNode.querySelector(".plot");
    var still = target.querySelector("img.static");
    if (still) still.hidden = true;  // plotly sizes the chart to its box, without the picture in it
    var narrow = target.clientWidth < NARROW;
    var layout = narrow ? narrowLayout(spec.figure.layout, target.clientWidth) : Object.assign({}, spec.figure.layout, {autosize: true});
    delete layout.width;
    var config = Object.assign({}, spec.config || {}, {responsive: true, displaylogo: false});
    if (narrow) config.displayModeBar = false;
    Plotly.newPlot(target, spec.figure.data || [], layout, config).then(function () {
      if (still) still.remove();
      target.setAttribute("data-drawn", "true");
      if (!performance.getEntriesByName("chart-interactive").length) performance.mark("chart-interactive");
    });
  }
  function start() {
    var blocks = Array.prototype.slice.call(document.querySelectorAll("script.plotly-figure"));
    if (!("IntersectionObserver" in window)) return blocks.forEach(draw);
    var watch = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (!entry.isIntersecting) return;
        watch.unobserve(entry.target);
        draw(entry.target.querySelector("script.plotly-figure"));
      });
    }, {rootMargin: "50% 0px"});
    blocks.forEach(function (block) { watch.observe(block.parentNode); });
  }
  // The scripts named in data-load (assets/), one after the other, then the charts.
  var queue = (document.currentScript.getAttribute("data-load") || "").split(" ").filter(Boolean);
  var assets = (document.body.getAttribute("data-root") || "") + "assets/";
  function next() {
    if (!queue.length) return start();
    var script = document.createElement("script");
    script.src = assets + queue.shift();
    script.onload = next;
    document.body.appendChild(script);
  }
  function afterFirstPaint() { requestAnimationFrame(function () { setTimeout(next, 0); }); }
  if (document.readyState === "complete") afterFirstPaint(); else window.addEventListener("load", afterFirstPaint);
})();
