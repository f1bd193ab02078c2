// Draw every chart of the page from the figure JSON embedded next to it (plotly.js is loaded locally).
// Each chart first shows the static SVG the build made (visible at once); plotly.js (about 5 MB, 1.5 s to parse
// on a slow machine) loads only after that first paint, and each chart turns interactive as it nears the screen.
// A chart is laid out for the width it gets (assets/layout.js): on narrow screens (< 600 px) the legend goes below
// the plot, titles and long labels wrap and the toolbar stays out of the way; it is laid out again when its width
// changes.
(function () {
  function draw(block) {
    var spec = JSON.parse(block.textContent);
    var shared = spec.figure.layout && spec.figure.layout.template && spec.figure.layout.template.site;
    if (shared) spec.figure.layout.template = (window.SITE_TEMPLATES || {})[shared];
    var target = block.parentNode.querySelector(".plot");
    var still = target.querySelector("img.static");
    if (still) still.hidden = true;  // plotly sizes the chart to its box, without the picture in it
    var drawn = 0;
    function render(first) {
      var state = ChartLayout.prepare(spec.figure, target.clientWidth);
      var config = Object.assign({}, spec.config || {}, {responsive: false, displaylogo: false});
      if (state.narrow) config.displayModeBar = false;
      target.parentNode.classList.toggle("narrow", state.narrow);  // hides advice about the toolbar
      drawn = target.clientWidth;
      return Plotly[first ? "newPlot" : "react"](target, state.data, state.layout, config)
        .then(function () { return ChartLayout.fit(target, state); })
        .then(function () { target.setAttribute("data-width", String(drawn)); });  // laid out for this width
    }
    render(true).then(function () {
      if (still) still.remove();
      target.setAttribute("data-drawn", "true");
      if (!performance.getEntriesByName("chart-interactive").length) performance.mark("chart-interactive");
    });
    var timer = null;
    window.addEventListener("resize", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { if (Math.abs(target.clientWidth - drawn) > 1) render(false); }, 150);
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
