// Lay a chart out for the width it is drawn at, so that no text collides with other text or runs outside it.
// `prepare` adapts the figure before drawing: the title wrapped to the width, long legend entries and category
// labels wrapped (full names stay in the hover), and on narrow screens (< 600 px) the legend below the plot and no
// "Source:" note (the caption below the chart gives it). `fit` then measures what plotly drew and lays it out again:
// the top margin holds the title and the labels above the plot (staggered when they overlap), the bottom margin
// stacks tick labels, axis title, legend and note, and the chart grows until its rows and axis titles fit.
window.ChartLayout = (function () {
  var NARROW = 600, GAP = 8, PAD = 10;
  var canvas = document.createElement("canvas").getContext("2d");

  function clone(value) { return JSON.parse(JSON.stringify(value || null)); }
  function plain(text) {
    return String(text == null ? "" : text).replace(/<br\s*\/?>/gi, " ").replace(/<[^>]+>/g, "").replace(/\s+/g, " ").trim();
  }
  function width(text, size, family) { canvas.font = size + "px " + family; return canvas.measureText(text).width; }
  // Lines of at most `room` pixels (a word longer than that gets a line of its own).
  function lines(text, room, size, family) {
    var out = [], line = "";
    plain(text).split(" ").forEach(function (word) {
      var next = line ? line + " " + word : word;
      if (line && width(next, size, family) > room) { out.push(line); line = word; } else { line = next; }
    });
    if (line) out.push(line);
    return out;
  }
  // At most `most` lines; the last one ends with "…" when the text is longer.
  function shorten(text, room, size, family, most) {
    var all = lines(text, room, size, family);
    if (all.length <= most) return all.join("<br>");
    var kept = all.slice(0, most), last = kept[most - 1];
    while (last.length > 1 && width(last + "…", size, family) > room) last = last.slice(0, -1);
    kept[most - 1] = last.replace(/[\s,;:(-]+$/, "") + "…";
    return kept.join("<br>");
  }
  function merge(target, changes) {
    Object.keys(changes).forEach(function (key) {
      var value = changes[key];
      if (value && typeof value === "object" && !Array.isArray(value) && target[key] && typeof target[key] === "object") merge(target[key], value);
      else target[key] = clone(value);
    });
    return target;
  }
  function fontOf(layout) {
    var t = (layout.template && layout.template.layout) || {};
    return {family: (layout.font && layout.font.family) || (t.font && t.font.family) || "sans-serif",
            size: (layout.font && layout.font.size) || (t.font && t.font.size) || 12,
            title: (layout.title && layout.title.font && layout.title.font.size) || (t.title && t.title.font && t.title.font.size) || 17};
  }
  function isNote(a) { return a && a.name === "source-note"; }
  function above(a) {
    // labels drawn just above the plot: reference lines' labels, dated marks, notes on the chart's top edge
    var yref = String(a.yref || "y");
    return (yref === "paper" || / domain$/.test(yref)) && a.y >= 1 && a.yanchor === "bottom";
  }

  function prepare(figure, px) {
    var layout = clone(figure.layout) || {}, data = clone(figure.data) || [];
    var narrow = px < NARROW, font = fontOf(layout);
    layout.autosize = true;
    delete layout.width;
    var tm = (layout.template && layout.template.layout && layout.template.layout.margin) || {};
    layout.margin = Object.assign({l: 70, r: 30, t: 70, b: 95}, tm, layout.margin || {});
    if (narrow) { layout.margin.l = Math.min(layout.margin.l, 50); layout.margin.r = Math.min(layout.margin.r, 10); }
    Object.keys(layout).forEach(function (key) {
      if (/^[xy]axis\d*$/.test(key)) layout[key] = Object.assign({automargin: true}, layout[key]);
    });
    if (!layout.xaxis) layout.xaxis = {automargin: true};
    if (!layout.yaxis) layout.yaxis = {automargin: true};
    if (narrow && layout.meta && layout.meta.narrow) merge(layout, layout.meta.narrow);  // the figure's phone layout
    var title = layout.title && (typeof layout.title === "object" ? layout.title.text : layout.title);
    if (title) {
      var size = narrow ? 15 : font.title, base = typeof layout.title === "object" ? layout.title : {};
      layout.title = Object.assign({}, base, {
        text: lines(title, px - 2 * PAD, size, font.family).join("<br>"), font: Object.assign({}, base.font, {size: size}),
        x: 0, xanchor: "left", xref: "container", y: 1, yanchor: "top", yref: "container", pad: {t: 0, l: PAD}});
    }
    var legend = layout.legend || {};
    if (narrow || legend.orientation === "h") {
      layout.legend = Object.assign({}, legend, {orientation: "h", x: 0, xanchor: "left", xref: "paper", y: -0.3,
                                                 yanchor: "top", yref: "paper"});
      if (narrow) layout.legend.title = Object.assign({}, legend.title, {side: "top"});
    }
    // Long legend entries wrap: below the plot to its width, beside it to a quarter of the chart.
    var room = layout.legend && layout.legend.orientation === "h" ? px - layout.margin.l - 60 : Math.max(150, px / 4);
    data.forEach(function (trace) {
      if (trace.name && width(plain(trace.name), font.size, font.family) > room) {
        trace.name = lines(trace.name, room, font.size, font.family).join("<br>");
      }
    });
    data.forEach(function (trace) {
      // labels of points may reach past the plot's edge; `declutter` drops those that would collide
      if ((trace.type || "scatter") === "scatter" && /text/.test(trace.mode || "")) trace.cliponaxis = false;
      // bubbles shrink with a narrow chart, as its axes do
      var m = trace.marker;
      if (narrow && m && m.sizemode === "area" && m.sizeref) m.sizeref *= Math.pow(NARROW / px, 2);
    });
    layout.annotations = (layout.annotations || []).filter(function (a) { return !(narrow && isNote(a)); });
    layout.annotations.forEach(function (a) {
      if (isNote(a)) {
        var size = (a.font && a.font.size) || 11;
        a.text = lines(a.text, px - layout.margin.l - PAD, size, font.family).join("<br>");
      }
    });
    return {data: data, layout: layout, narrow: narrow, font: font, width: px, base: {}};
  }

  function rect(node, origin) {
    var r = node.getBoundingClientRect();
    if (r.width < 1 || r.height < 1) return null;
    return {top: r.top - origin.top, bottom: r.bottom - origin.top, left: r.left - origin.left,
            right: r.right - origin.left, height: r.height, width: r.width};
  }
  function union(nodes, origin) {
    var u = null;
    Array.prototype.forEach.call(nodes, function (n) {
      var r = plain(n.textContent) ? rect(n, origin) : null;
      if (!r) return;
      u = u ? {top: Math.min(u.top, r.top), bottom: Math.max(u.bottom, r.bottom), left: Math.min(u.left, r.left),
               right: Math.max(u.right, r.right)} : r;
    });
    if (u) { u.height = u.bottom - u.top; u.width = u.right - u.left; }
    return u;
  }

  // Category labels that do not fit. Rows (y): on narrow charts, at most three lines in a third of the width.
  // Columns (x): wrapped to their column when every word fits there, else turned (45 or 90 degrees) on one line
  // of limited length. The hover keeps every name whole.
  function categoryLabels(gd, state, update) {
    var L = gd._fullLayout, family = state.font.family;
    Object.keys(L).forEach(function (key) {
      var axis = L[key];
      if (!/^[xy]axis\d*$/.test(key) || !axis || axis.type !== "category" || axis.visible === false || state.shortened[key]) return;
      var values = (axis.tickmode === "array" && axis.tickvals ? axis.tickvals : axis._categories || []).map(String);
      if (!values.length) return;
      var size = (axis.tickfont && axis.tickfont.size) || state.font.size;
      var widest = function (texts) {
        return Math.max.apply(null, texts.map(function (v) {
          return Math.max.apply(null, String(v).split(/<br\s*\/?>/i).map(function (part) { return width(plain(part), size, family); }));
        }));
      };
      var text = null, angle = null;
      if (key.charAt(0) === "y") {
        var room = state.width * 0.34;
        if (!state.narrow || widest(values) <= room) return;
        text = values.map(function (v) { return shorten(v, room, size, family, 3); });
      } else {
        var column = axis._length / values.length - 6, turned = axis.tickangle && axis.tickangle !== "auto" && axis.tickangle % 180;
        if (!turned && widest(values) <= column) return;
        var words = Math.max.apply(null, values.map(function (v) {
          return Math.max.apply(null, plain(v).split(" ").map(function (w) { return width(w, size, family); }));
        }));
        if (!turned && words <= column && values.every(function (v) { return lines(v, column, size, family).length <= 3; })) {
          text = values.map(function (v) { return lines(v, column, size, family).join("<br>"); });
          angle = 0;
        } else {
          var pitch = axis._length / values.length, long = state.narrow ? state.width * 0.45 : 220;
          angle = pitch >= 1.9 * size ? -45 : -90;
          text = values.map(function (v) { return shorten(v, long, size, family, 1); });
          if (angle === -90 && pitch < size * 1.3) {
            // upright labels side by side: a smaller font, and when even the smallest does not fit, every k-th
            // column named (the hover names every one)
            var small = Math.max(8, Math.floor(pitch / 1.3));
            update[key + ".tickfont.size"] = small;
            var every = Math.ceil(small * 1.3 / pitch);
            if (every > 1) text = text.map(function (t, i) { return i % every === 0 ? t : ""; });
          } else if (turned && angle === axis.tickangle && widest(values) <= long && text.join() === values.join()) return;
        }
      }
      state.shortened[key] = true;
      update[key + ".tickmode"] = "array";
      update[key + ".tickvals"] = values;
      update[key + ".ticktext"] = text;
      if (angle !== null) update[key + ".tickangle"] = angle;
    });
  }

  // One pass: measure what is drawn, return the changes that make it fit (none when it already does).
  function plan(gd, state) {
    var L = gd._fullLayout, s = L._size, svg = gd.querySelector("svg.main-svg");
    var origin = svg.getBoundingClientRect(), update = {};
    var plotTop = s.t, plotBottom = s.t + s.h;
    categoryLabels(gd, state, update);
    if (Object.keys(update).length) return update;
    var notes = gd.querySelectorAll("g.annotation");
    // Labels above the plot: each on the first row where it overlaps no other; kept inside the chart.
    var rows = [], aboveH = 0, note = null;
    var tops = [];
    Array.prototype.forEach.call(notes, function (g) {
      var i = +g.getAttribute("data-index"), a = (L.annotations || [])[i], r = rect(g, origin);
      if (!a || !r) return;
      if (isNote(a)) { note = {i: i, r: r}; return; }
      var pinned = String(a.xref || "x") === "paper" || / domain$/.test(String(a.xref));
      if (r.right > L.width - 1 && a.xanchor !== "right" && !pinned) update["annotations[" + i + "].xanchor"] = "right";
      else if (r.left < 1 && a.xanchor !== "left" && !pinned) update["annotations[" + i + "].xanchor"] = "left";
      else if (r.right > L.width - 1 || r.left < 1) {
        // a note pinned to the chart's edge, or too long either way: its lines wrap to the room there is
        var size = (a.font && a.font.size) || state.font.size;
        var room = a.xanchor === "left" ? L.width - Math.max(r.left, 0) - 2 : a.xanchor === "right" ? Math.min(r.right, L.width) - 2 : L.width - 2 * PAD;
        update["annotations[" + i + "].text"] = lines(a.text, room, size, state.font.family).join("<br>");
        if (a.xanchor === "left" || a.xanchor === "right") update["annotations[" + i + "].align"] = a.xanchor;
      }
      if (above(a)) tops.push({i: i, a: a, r: r});
      else if (!pinned && r.width > 0.45 * s.w && !/<br>/i.test(a.text || "")) {
        // a note on a data point wider than half the plot overprints its neighbours: it wraps, and grows upwards
        // when it sits above its point
        update["annotations[" + i + "].text"] = lines(a.text, 0.45 * s.w, (a.font && a.font.size) || state.font.size, state.font.family).join("<br>");
        if ((a.yshift || 0) > 0 && !a.showarrow) update["annotations[" + i + "].yanchor"] = "bottom";
      }
    });
    tops.sort(function (p, q) { return p.r.left - q.r.left; });
    tops.forEach(function (t) {
      if (!(t.i in state.base)) state.base[t.i] = t.a.yshift || 0;
      var k = 0;
      while (rows[k] !== undefined && t.r.left < rows[k] + 4) k++;
      rows[k] = t.r.right;
      var shift = state.base[t.i] + k * (t.r.height + 1);
      if (Math.abs((t.a.yshift || 0) - shift) > 0.5) update["annotations[" + t.i + "].yshift"] = shift;
      aboveH = Math.max(aboveH, shift + t.r.height);
    });
    // Top: the title, then what sits above the plot.
    var title = union(gd.querySelectorAll(".g-gtitle text"), origin);
    var yticks = union(gd.querySelectorAll(".ytick text, .y2tick text"), origin);
    var overhang = yticks ? Math.max(0, plotTop - yticks.top) : 0;
    var legend = gd.querySelector("g.legend"), legendBox = legend ? rect(legend, origin) : null;
    var below = legendBox && L.legend.orientation === "h" && L.legend.y < 0.5;
    var needT = Math.ceil((title ? title.bottom - title.top + GAP : 0) + GAP + Math.max(aboveH, overhang, 4));
    if (legendBox && !below && L.legend.y >= 1 - 1e-6 && L.legend.yanchor === "bottom") needT += legendBox.height;
    // A legend beside the plot that takes too much of the width goes below it.
    var scrollbar = legend && legend.querySelector("rect.scrollbar");
    var overflows = scrollbar && +scrollbar.getAttribute("height") > 0;  // plotly scrolls a legend taller than the chart
    if (legendBox && !below && (legendBox.width > 0.35 * L.width || overflows)) {
      return {"legend.orientation": "h", "legend.x": 0, "legend.xanchor": "left", "legend.xref": "paper",
              "legend.y": -0.3, "legend.yanchor": "top", "legend.yref": "paper"};
    }
    // Bottom: tick labels and axis title, then the legend, then the source note.
    var axis = union(gd.querySelectorAll(".xtick text, .x2tick text, .g-xtitle text, .g-x2title text"), origin);
    var stack = (axis ? Math.max(0, axis.bottom - plotBottom) : 0) + GAP;
    var legendTop = stack;
    if (below) stack += legendBox.height + GAP;
    var noteTop = stack;
    if (note) stack += note.r.height + GAP;
    var needB = Math.ceil(stack);
    // Height: enough for the rows of category axes and for the axis titles along the plot.
    var minPlot = state.narrow ? 260 : Math.max(250, L.width / 3);
    Object.keys(L).forEach(function (key) {
      var ax = L[key];
      if (/^yaxis\d*$/.test(key) && ax && ax.type === "category" && ax.visible !== false) {
        var n = (ax.tickmode === "array" && ax.tickvals ? ax.tickvals : ax._categories || []).length;
        var size = (ax.tickfont && ax.tickfont.size) || state.font.size;
        var shown = ax.ticktext && ax.ticktext.length ? ax.ticktext : ax._categories || [];
        var linesPer = Math.max.apply(null, shown.map(function (t) { return String(t).split(/<br\s*\/?>/i).length; }).concat(1));
        minPlot = Math.max(minPlot, n * (linesPer * size * 1.25 + (linesPer > 1 ? 8 : 3)));
      }
    });
    ["ytitle", "y2title"].forEach(function (name) {
      var r = union(gd.querySelectorAll(".g-" + name + " text"), origin), key = name === "ytitle" ? "yaxis" : "yaxis2";
      if (!r) return;
      var text = L[key] && L[key].title && L[key].title.text;
      if (r.height > 0.8 * (L.height - needT - needB) && text && !/<br>/i.test(text)) {
        var words = plain(text).split(" "), half = Math.ceil(words.length / 2);
        update[key + ".title.text"] = words.slice(0, half).join(" ") + "<br>" + words.slice(half).join(" ");
      }
      minPlot = Math.max(minPlot, r.height + 12);
    });
    // An x-axis title wider than the chart wraps.
    ["xtitle", "x2title"].forEach(function (name) {
      var r = union(gd.querySelectorAll(".g-" + name + " text"), origin), key = name === "xtitle" ? "xaxis" : "xaxis2";
      var text = L[key] && L[key].title && L[key].title.text;
      if (r && text && (r.left < 1 || r.right > L.width - 1)) {
        var size = (L[key].title.font && L[key].title.font.size) || state.font.size + 1;
        update[key + ".title.text"] = lines(text, Math.min(s.w, L.width - 2 * PAD), size, state.font.family).join("<br>");
      }
    });
    if (Object.keys(update).some(function (k) { return /title\.text$/.test(k); })) return update;
    var height = Math.max(L.height, needT + needB + Math.ceil(minPlot));
    // A map keeps its shape: the chart is no taller than the map it draws.
    var frame = gd.querySelector(".geo .bg rect"), map = frame && rect(frame, origin);
    if (map && !L._has("cartesian")) height = Math.ceil(needT + needB + Math.min(s.h, map.height + 2));
    var plotH = height - needT - needB;
    if (height !== L.height) update.height = height;
    if (Math.abs(L.margin.t - needT) > 1) update["margin.t"] = needT;
    if (title && L.title.yref === "container") {
      // plotly anchors a title of several lines by its first line: move it so that its top is GAP below the edge
      var baseline = (1 - L.title.y) * L.height + GAP - title.top;
      var y = 1 - baseline / height;
      if (Math.abs(y - L.title.y) * height > 0.5) update["title.y"] = y;
    }
    if (Math.abs(L.margin.b - needB) > 1) update["margin.b"] = needB;
    if (below && Math.abs(L.legend.y + legendTop / plotH) > 0.002) update["legend.y"] = -legendTop / plotH;
    if (note) {
      var a = L.annotations[note.i];
      if (Math.abs((a.yshift || 0) + noteTop) > 1) {
        update["annotations[" + note.i + "].yshift"] = -noteTop;
        update["annotations[" + note.i + "].y"] = 0;
        update["annotations[" + note.i + "].yanchor"] = "top";
      }
      if (note.r.right > L.width - 1) {
        var size = (a.font && a.font.size) || 11;
        update["annotations[" + note.i + "].text"] = lines(a.text, L.width - s.l - PAD, size, state.font.family).join("<br>");
      }
    }
    return update;
  }

  // Labels of points that would overprint other text or leave the chart are not drawn (the hover names each point).
  function declutter(gd) {
    var svg = gd.querySelector("svg.main-svg");
    if (!svg) return;
    var origin = svg.getBoundingClientRect(), kept = [], labels = [];
    Array.prototype.forEach.call(gd.querySelectorAll("svg text"), function (el) {
      if (el.closest(".textpoint")) { el.style.display = ""; labels.push(el); return; }
      var r = plain(el.textContent) ? rect(el, origin) : null;
      if (r) kept.push(r);
    });
    labels.forEach(function (el) {
      var r = plain(el.textContent) ? rect(el, origin) : null;
      if (!r) return;
      var clash = r.left < 0 || r.top < 0 || r.right > origin.width || r.bottom > origin.height || kept.some(function (k) {
        return Math.min(r.right, k.right) - Math.max(r.left, k.left) > 1 && Math.min(r.bottom, k.bottom) - Math.max(r.top, k.top) > 1;
      });
      if (clash) el.style.display = "none"; else kept.push(r);
    });
  }

  function fit(gd, state, pass) {
    pass = pass || 0;
    state.shortened = state.shortened || {};
    var update = plan(gd, state);
    if (!Object.keys(update).length || pass >= 6) { declutter(gd); return Promise.resolve(gd); }
    return Plotly.relayout(gd, update).then(function () { return fit(gd, state, pass + 1); });
  }

  return {NARROW: NARROW, prepare: prepare, fit: fit, declutter: declutter};
})();
