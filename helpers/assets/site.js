// Draw every chart of the page from the figure JSON embedded next to it (plotly.js is loaded locally).
(function () {
  var blocks = document.querySelectorAll("script.plotly-figure");
  blocks.forEach(function (block) {
    var spec = JSON.parse(block.textContent);
    var target = block.parentNode.querySelector(".plot");
    var config = Object.assign({}, spec.config || {}, {responsive: true, displaylogo: false});
    Plotly.newPlot(target, spec.figure.data || [], spec.figure.layout || {}, config).then(function () {
      target.setAttribute("data-drawn", "true");
    });
  });
})();
