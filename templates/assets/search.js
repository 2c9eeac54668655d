/* Full-text search over every paragraph, with lunr; works over http:// and from file:// because
   the index is a script (search-index.js), not a file fetched at run time. */
(function () {
  "use strict";
  var data = window.EVIDENCE_SEARCH;
  var form = document.getElementById("search-form");
  if (!data || !form || !window.lunr) { return; }
  var input = document.getElementById("search-query");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var filters = { council: document.getElementById("filter-council"), kind: document.getElementById("filter-kind"), theme: document.getElementById("filter-theme") };
  var root = form.getAttribute("data-root") || "";

  var index = lunr(function () {
    this.ref("i");
    this.field("t");
    this.field("d", { boost: 2 });
    this.metadataWhitelist = ["position"];
    data.docs.forEach(function (doc, i) { this.add({ i: String(i), t: doc.t, d: doc.d }); }, this);
  });

  function terms(text) {
    return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(function (t) { return t.length > 0; });
  }

  function find(text) {
    var words = terms(text);
    if (!words.length) { return []; }
    return index.query(function (q) {
      words.forEach(function (word) {
        q.term(word, { presence: lunr.Query.presence.REQUIRED });
      });
    });
  }

  function passes(doc) {
    return (!filters.council.value || doc.c === filters.council.value) &&
      (!filters.kind.value || doc.k === filters.kind.value) &&
      (!filters.theme.value || doc.th.indexOf(filters.theme.value) >= 0);
  }

  function snippet(doc, match) {
    var start = 0;
    Object.keys(match.matchData.metadata).forEach(function (term) {
      var fields = match.matchData.metadata[term];
      if (fields.t && fields.t.position && fields.t.position.length) { start = fields.t.position[0][0]; }
    });
    var from = Math.max(0, start - 90);
    if (from > 0) {
      var space = doc.t.indexOf(" ", from);
      if (space >= 0 && space < start) { from = space + 1; }
    }
    var to = from + 260;
    if (to < doc.t.length) {
      var last = doc.t.lastIndexOf(" ", to);
      if (last > start) { to = last; }
    }
    var text = (from > 0 ? "… " : "") + doc.t.slice(from, to) + (to < doc.t.length ? " …" : "");
    var element = document.createElement("p");
    element.className = "snippet";
    element.textContent = text;
    return element;
  }

  function longDate(iso) {
    var months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    var parts = iso.split("-");
    return Number(parts[2]) + " " + months[Number(parts[1]) - 1] + " " + parts[0];
  }

  function show(text) {
    list.textContent = "";
    var matches = [];
    try { matches = find(text); } catch (error) { matches = []; }
    matches = matches.filter(function (m) { return passes(data.docs[Number(m.ref)]); });
    matches.forEach(function (m) {
      var doc = data.docs[Number(m.ref)];
      var item = document.createElement("li");
      var heading = document.createElement("a");
      heading.href = root + doc.u;
      heading.textContent = doc.d;
      var meta = document.createElement("p");
      meta.className = "meta";
      meta.textContent = data.kinds[doc.k] + " · " + data.councils[doc.c] + " · " + longDate(doc.date) + " · paragraph " + doc.p;
      item.appendChild(heading);
      item.appendChild(meta);
      item.appendChild(snippet(doc, m));
      list.appendChild(item);
    });
    var count = matches.length;
    status.textContent = text.trim() ? count + (count === 1 ? " paragraph matches " : " paragraphs match ") + "“" + text.trim() + "”" : "Type words to search every paragraph.";
  }

  function fromAddress() {
    var params = new URLSearchParams(window.location.search);
    input.value = params.get("q") || "";
    Object.keys(filters).forEach(function (name) { filters[name].value = params.get(name) || ""; });
  }

  function toAddress() {
    var params = new URLSearchParams();
    if (input.value.trim()) { params.set("q", input.value.trim()); }
    Object.keys(filters).forEach(function (name) { if (filters[name].value) { params.set(name, filters[name].value); } });
    try { window.history.replaceState(null, "", "?" + params.toString()); } catch (error) { /* some browsers refuse this on file:// */ }
  }

  form.addEventListener("submit", function (event) { event.preventDefault(); toAddress(); show(input.value); });
  input.addEventListener("input", function () { show(input.value); });
  Object.keys(filters).forEach(function (name) { filters[name].addEventListener("change", function () { toAddress(); show(input.value); }); });
  fromAddress();
  show(input.value);
}());
