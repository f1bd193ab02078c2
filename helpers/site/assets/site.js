// Draw every chart of the page from the figure JSON embedded next to it (plotly.js is loaded locally), laid out
// for the width it gets (assets/layout.js): on narrow screens (< 600 px) the legend goes below the plot, titles
// and long labels wrap and the toolbar stays out of the way. A chart is laid out again when its width changes.
(function () {
  var blocks = document.querySelectorAll("script.plotly-figure");
  blocks.forEach(function (block) {
    var spec = JSON.parse(block.textContent);
    var shared = spec.figure.layout && spec.figure.layout.template && spec.figure.layout.template.site;
    if (shared) spec.figure.layout.template = (window.SITE_TEMPLATES || {})[shared];
    var target = block.parentNode.querySelector(".plot");
    var drawn = 0;
    function draw(first) {
      var state = ChartLayout.prepare(spec.figure, target.clientWidth);
      var config = Object.assign({}, spec.config || {}, {responsive: false, displaylogo: false});
      if (state.narrow) config.displayModeBar = false;
      target.parentNode.classList.toggle("narrow", state.narrow);  // hides advice about the toolbar
      drawn = target.clientWidth;
      return Plotly[first ? "newPlot" : "react"](target, state.data, state.layout, config)
        .then(function () { return ChartLayout.fit(target, state); });
    }
    draw(true).then(function () { target.setAttribute("data-drawn", "true"); });
    var timer = null;
    window.addEventListener("resize", function () {
      clearTimeout(timer);
      timer = setTimeout(function () { if (Math.abs(target.clientWidth - drawn) > 1) draw(false); }, 150);
    });
  });
})();
