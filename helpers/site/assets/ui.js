// Every page: the phone menu toggle, and offline search over window.SEARCH_INDEX (assets/search-index.js).
// Every word of the query must start a word of an entry's title, other names or text; sources rank last.
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
    return " " + String(s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, " ");
  };
  // The index (assets/search-index.js, a few hundred kB) loads when the reader first turns to the search box,
  // not with every page: entries are [kind, title, extra, link, other names, prose].
  var index = null, loading = false;
  function load() {
    if (index || loading) return;
    loading = true;
    var script = document.createElement("script");
    script.src = (document.body.dataset.root || "") + "assets/search-index.js";
    script.onload = function () {
      index = (window.SEARCH_INDEX || []).map(function (e) {
        return {kind: e[0], title: e[1], extra: e[2], href: e[3], prose: e[5] || "",
                t: norm(e[1] + " " + (e[4] || "")), x: norm(e[2] + " " + (e[5] || "")),
                names: [e[1]].concat((e[4] || "").split("; ")).map(norm)};
      });
      if (input.value) show();
      if (pendingOpen) open();
    };
    document.body.appendChild(script);
  }
  // Sources (835 titles) come after everything else; then entries whose title holds every word; an entry named
  // exactly as typed first; then by kind and score.
  var order = {Ally: 0, Section: 0, Chart: 0, Operation: 1, Claim: 1, Source: 2};
  function search(query) {
    var words = norm(query).split(" ").filter(Boolean);
    if (!words.length) return null;
    var phrase = " " + words.join(" ");
    var found = [];
    index.forEach(function (e) {
      var score = 0, inTitle = 0;
      for (var i = 0; i < words.length; i++) {
        var w = " " + words[i];
        if (e.t.indexOf(w) >= 0) { score += 3; inTitle++; }
        else if (e.x.indexOf(w) >= 0) score += 1;
        else return;
      }
      if (e.t.indexOf(phrase) >= 0) score += 5;  // the words in order in the title
      else if (words.length > 1 && e.x.indexOf(phrase) >= 0) score += 2;  // or in the text
      if (e.names.indexOf(phrase + " ") >= 0 || e.names.indexOf(phrase) >= 0) score += 20;  // exactly its name
      found.push({e: e, score: score, all: inTitle === words.length, words: words});
    });
    found.sort(function (a, b) {
      return (a.e.kind === "Source") - (b.e.kind === "Source") || b.all - a.all ||
             (b.score >= 20) - (a.score >= 20) || order[a.e.kind] - order[b.e.kind] || b.score - a.score;
    });
    return found.slice(0, 30);
  }
  function snippet(r) {
    // Where the words are found only in a section's prose, show the sentence around the first of them.
    if (!r.e.prose || r.e.t.indexOf(" " + r.words[0]) >= 0) return r.e.extra;
    var hit = new RegExp("(^|[^a-z0-9])" + r.words[0], "i").exec(r.e.prose);
    if (!hit) return r.e.extra;
    var at = hit.index + hit[1].length;
    var from = Math.max(0, at - 70);
    var page = r.e.href.indexOf("#") > 0 ? r.e.extra + ": " : "";  // a section within a page: name the page
    return page + (from ? "\u2026" : "") + r.e.prose.slice(from, at + 110).trim() + "\u2026";
  }
  function show() {
    if (!index) { load(); return; }
    var results = search(input.value);
    box.innerHTML = "";
    if (results === null) { box.hidden = true; return; }
    box.hidden = false;
    var status = document.createElement("p");
    status.className = "search-status";
    status.textContent = results.length ? results.length + (results.length === 30 ? "+" : "") + " results; Enter opens the first"
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
      var extra = snippet(r);
      if (extra) {
        var small = document.createElement("small");
        small.textContent = extra;
        li.appendChild(small);
      }
      list.appendChild(li);
    });
    box.appendChild(list);
  }
  var pendingOpen = false;
  function open() {
    // Enter: go to the first result (once the index is there).
    if (!index) { pendingOpen = true; load(); return; }
    pendingOpen = false;
    show();
    var first = box.querySelector("a");
    if (first) window.location.href = first.href;
  }
  input.addEventListener("focus", load);
  input.addEventListener("input", show);
  input.form.addEventListener("submit", function (ev) { ev.preventDefault(); open(); });
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { input.value = ""; show(); }
  });
})();
// Copy buttons on citations (each chart's Cite block, and the collection's citation on the home page).
(function () {
  function copy(text, status) {
    function done() { status.textContent = "Copied"; setTimeout(function () { status.textContent = ""; }, 2000); }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { fallback(text) && done(); });
    } else if (fallback(text)) done();
  }
  function fallback(text) {
    var area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed"; area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    area.remove();
    return ok;
  }
  document.querySelectorAll("details.cite > p, details.cite > pre.bibtex, p.citation").forEach(function (block) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "copy";
    button.textContent = block.tagName === "PRE" ? "Copy BibTeX" : "Copy citation";
    var status = document.createElement("span");
    status.className = "copy-status";
    status.setAttribute("role", "status");
    button.addEventListener("click", function () { copy(block.textContent.trim(), status); });
    block.insertAdjacentElement("afterend", button);
    button.insertAdjacentElement("afterend", status);
  });
})();
// Data tables: hovering a row whose values are backed by a quote shows the source's words (from its last cell).
document.addEventListener("mouseover", function (event) {
  var row = event.target.closest && event.target.closest("details.datatable tbody tr");
  if (!row || row.title) return;
  var words = row.querySelector("td.quote q");
  if (words) row.title = words.textContent;
});
