// Every page: the phone menu toggle, and offline search over window.SEARCH_INDEX (assets/search-index.js).
// Every word of the query must start a word of an entry's title or text; title matches rank first.
// Works from file:// (no fetch, no library).
(function () {
  var toggle = document.querySelector(".menu-toggle");
  var nav = document.getElementById("site-nav");
  if (toggle && nav) {
    toggle.hidden = false;
    toggle.addEventListener("click", function () {
      var open = toggle.getAttribute("aria-expanded") !== "true";
      toggle.setAttribute("aria-expanded", String(open));
      nav.classList.toggle("open", open);
    });
  }
})();
(function () {
  var input = document.getElementById("search-q");
  var box = document.getElementById("search-results");
  if (!input || !box) return;
  var norm = function (s) {
    return String(s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  };
  var index = (window.SEARCH_INDEX || []).map(function (e) {
    return {kind: e[0], title: e[1], extra: e[2], href: e[3], t: " " + norm(e[1]).replace(/[^a-z0-9]+/g, " "),
            x: " " + norm(e[2]).replace(/[^a-z0-9]+/g, " ")};
  });
  var order = {Section: 0, Chart: 1, Ally: 2, Operation: 3, Claim: 4, Source: 5};
  function search(query) {
    var words = norm(query).split(/[^a-z0-9]+/).filter(Boolean);
    if (!words.length) return null;
    var found = [];
    index.forEach(function (e) {
      var score = 0;
      for (var i = 0; i < words.length; i++) {
        var w = " " + words[i];
        if (e.t.indexOf(w) >= 0) score += 3;
        else if (e.x.indexOf(w) >= 0) score += 1;
        else return;
      }
      if (e.t.indexOf(" " + words.join(" ")) >= 0) score += 5;  // the words in order in the title
      found.push({e: e, score: score});
    });
    found.sort(function (a, b) { return b.score - a.score || order[a.e.kind] - order[b.e.kind]; });
    return found.slice(0, 30);
  }
  function show() {
    var results = search(input.value);
    box.innerHTML = "";
    if (results === null) { box.hidden = true; return; }
    box.hidden = false;
    var status = document.createElement("p");
    status.className = "search-status";
    status.textContent = results.length ? results.length + (results.length === 30 ? "+" : "") + " results"
                                        : "No match for \u201c" + input.value + "\u201d.";
    box.appendChild(status);
    var list = document.createElement("ul");
    results.forEach(function (r) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = (/^https?:/.test(r.e.href) ? "" : (document.body.dataset.root || "")) + r.e.href;
      if (/^https?:/.test(r.e.href)) a.rel = "noopener";
      var kind = document.createElement("span");
      kind.className = "kind";
      kind.textContent = r.e.kind;
      a.appendChild(kind);
      a.appendChild(document.createTextNode(" " + r.e.title));
      li.appendChild(a);
      if (r.e.extra) {
        var small = document.createElement("small");
        small.textContent = r.e.extra;
        li.appendChild(small);
      }
      list.appendChild(li);
    });
    box.appendChild(list);
  }
  input.addEventListener("input", show);
  input.form.addEventListener("submit", function (ev) { ev.preventDefault(); show(); });
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { input.value = ""; show(); }
  });
})();
