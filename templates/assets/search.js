/* Search every paragraph from an index split into small scripts (generator/search_index.py says
   what each holds): the page loads documents.js, then only the shards of the words typed and the
   text of the results shown. Scripts are inserted, not fetched, so search works from file:// as
   over http://; each one calls EvidenceSearch.loaded(its file name, its data). */
(function () {
  "use strict";
  var PAGE_SIZE = 20;  // results shown at first, and added by "Show more results"
  var DEBOUNCE_MS = 60;
  var TEXTS_KEPT = 60;  // documents' paragraph text kept loaded, the most recently used
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

  var registered = new Map();  // file name -> the data its script registered
  var indexFiles = new Map();  // documents.js, shards and themes: file name -> promise of data (null if it failed)
  var textFiles = new Map();   // text/<document>.js, least recently used first
  var stopWords = new Set();
  var digitValues = new Int16Array(128);  // character code of a postings digit -> its value; MORE digits are worth BASE and up
  var BASE = 0;

  window.EvidenceSearch = {
    loaded: function (name, data) { registered.set(name, data); },
    // What must agree with search_index.py (tests check it does):
    words: words, shardFile: shardFile, decode: decode
  };

  /* The indexed words of a text, in order: NFC, lower case, split on anything but letters and
     numbers, stop words dropped. */
  function words(text) {
    return text.normalize("NFC").toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(function (word) {
      return word.length > 0 && !stopWords.has(word);
    });
  }

  function codePoints(text) { return Array.from(text); }

  /* The shard's file: its key (a word's first two characters, or its only one) if a-z and 0-9,
     otherwise "u" and the key's code points in hex. */
  function shardFile(word) {
    var key = codePoints(word).slice(0, 2).join("");
    if (/^[a-z0-9]+$/.test(key)) { return "terms/" + key + ".js"; }
    return "terms/u" + codePoints(key).map(function (c) { return c.codePointAt(0).toString(16); }).join("-") + ".js";
  }

  /* Paragraph numbers from postings: gaps in base BASE, low digits first. */
  function decode(postings) {
    var numbers = [];
    var previous = -1, value = 0, scale = 1;
    for (var i = 0; i < postings.length; i++) {
      var digit = digitValues[postings.charCodeAt(i)];
      if (digit >= BASE) {
        value += (digit - BASE) * scale;
        scale *= BASE;
      } else {
        previous += value + digit * scale + 1;
        numbers.push(previous);
        value = 0;
        scale = 1;
      }
    }
    return numbers;
  }

  /* A query word finds the indexed words it begins; a one-character word finds only itself. */
  function finds(word, term) {
    return term === word || (codePoints(word).length > 1 && term.startsWith(word));
  }

  var form = document.getElementById("search-form");
  if (!form) { return; }
  var folder = form.getAttribute("data-search");
  var root = form.getAttribute("data-root");
  var input = document.getElementById("search-query");
  var status = document.getElementById("search-status");
  var list = document.getElementById("search-results");
  var more = document.getElementById("search-more");
  var filters = { council: document.getElementById("filter-council"), kind: document.getElementById("filter-kind"), theme: document.getElementById("filter-theme") };
  var table = null;   // documents.js
  var starts = [];    // number of each document's first paragraph; the last entry is the total
  var councils = new Map(), kinds = new Map();  // id -> number in the table
  var run = 0;        // the latest search: an older one that finishes later shows nothing
  var timer = 0;
  var results = null; // the latest search's matches, and how many are shown

  function loadScript(name) {
    return new Promise(function (resolve) {
      var script = document.createElement("script");
      script.src = folder + name;
      script.onload = function () {
        var data = registered.has(name) ? registered.get(name) : null;
        registered.delete(name);
        script.remove();
        resolve(data);
      };
      script.onerror = function () { script.remove(); resolve(null); };
      document.head.appendChild(script);
    });
  }

  function loadIndexFile(name) {
    if (!indexFiles.has(name)) { indexFiles.set(name, loadScript(name)); }
    return indexFiles.get(name);
  }

  function loadText(number) {
    var name = "text/" + number + ".js";
    var loading = textFiles.get(name) || loadScript(name);
    textFiles.delete(name);
    textFiles.set(name, loading);
    if (textFiles.size > TEXTS_KEPT) { textFiles.delete(textFiles.keys().next().value); }
    return loading;
  }

  /* Postings of every indexed word the query word finds (none if its shard cannot be loaded). */
  function postingsFor(word) {
    return loadIndexFile(shardFile(word)).then(function (shard) {
      var found = [];
      for (var i = 0; shard && i < shard.length; i += 2) {
        if (finds(word, shard[i])) { found.push(shard[i + 1]); }
      }
      return found;
    });
  }

  /* The paragraphs holding every query word (and the theme), newest document first and
     paragraphs in document order: [document, paragraph number] pairs. */
  function find(required, theme) {
    var groups = required.map(postingsFor);
    if (theme) {
      groups.push(loadIndexFile("themes/" + theme + ".js").then(function (postings) { return postings === null ? [] : [postings]; }));
    }
    return Promise.all(groups).then(function (found) {
      var hits = new Int32Array(starts[starts.length - 1]);  // how many groups in a row found the paragraph
      found.forEach(function (postingsList, group) {
        postingsList.forEach(function (postings) {
          decode(postings).forEach(function (n) { if (hits[n] === group) { hits[n] = group + 1; } });
        });
      });
      var matches = [];
      for (var d = table.documents.length - 1; d >= 0; d--) {
        if (!passes(table.documents[d])) { continue; }
        for (var n = starts[d]; n < starts[d + 1]; n++) {
          if (hits[n] === found.length) { matches.push([d, n]); }
        }
      }
      return matches;
    });
  }

  function passes(row) {
    return (!filters.council.value || councils.get(filters.council.value) === row[2]) &&
      (!filters.kind.value || kinds.get(filters.kind.value) === row[3]);
  }

  function longDate(iso) {
    var parts = iso.split("-");
    return Number(parts[2]) + " " + MONTHS[Number(parts[1]) - 1] + " " + parts[0];
  }

  /* [start, end] of each word of the text that a query word finds. */
  function foundIn(text, required) {
    var spans = [];
    var pattern = /[\p{L}\p{N}]+/gu;
    var match;
    while ((match = pattern.exec(text)) !== null) {
      var term = match[0].normalize("NFC").toLowerCase();
      if (required.some(function (word) { return finds(word, term); })) { spans.push([match.index, match.index + match[0].length]); }
    }
    return spans;
  }

  /* About 260 characters of the text around the first word found, found words marked. */
  function snippet(text, required) {
    var element = document.createElement("p");
    element.className = "snippet";
    var spans = foundIn(text, required);
    var start = spans.length ? spans[0][0] : 0;
    var from = Math.max(0, start - 90);
    if (from > 0) {
      var space = text.indexOf(" ", from);
      if (space >= 0 && space < start) { from = space + 1; }
    }
    var to = Math.min(text.length, from + 260);
    if (to < text.length) {
      var last = text.lastIndexOf(" ", to);
      if (last > start) { to = last; }
    }
    var at = from;
    if (from > 0) { element.append("… "); }
    spans.forEach(function (span) {
      if (span[0] < at || span[1] > to) { return; }
      var mark = document.createElement("mark");
      mark.textContent = text.slice(span[0], span[1]);
      element.append(text.slice(at, span[0]), mark);
      at = span[1];
    });
    element.append(text.slice(at, to) + (to < text.length ? " …" : ""));
    return element;
  }

  /* One result: the document's title linking to the paragraph, what and when, and a snippet. */
  function resultItem(match, paragraphs, required) {
    var row = table.documents[match[0]];
    var paragraph = paragraphs ? paragraphs[match[1] - starts[match[0]]] : null;
    var item = document.createElement("li");
    var link = document.createElement("a");
    link.href = root + row[0] + (paragraph ? "#" + paragraph[1] : "");
    link.textContent = row[1];
    var meta = document.createElement("p");
    meta.className = "meta";
    meta.textContent = table.kinds[row[3]][1] + " · " + table.councils[row[2]][1] + " · " + longDate(row[4]) +
      (paragraph ? " · " + paragraph[0] : "");
    item.append(link, meta);
    if (paragraph) {
      item.append(snippet(paragraph[2], required));
    } else {
      var missing = document.createElement("p");
      missing.className = "snippet";
      missing.textContent = "The text of this paragraph could not be loaded.";
      item.append(missing);
    }
    return item;
  }

  /* The next PAGE_SIZE results, once their documents' text has loaded; focus goes to the first
     of them when the reader asked for more. */
  function showMore(current, focus) {
    if (current.loading) { return; }
    current.loading = true;
    var page = current.matches.slice(current.shown, current.shown + PAGE_SIZE);
    var documents = Array.from(new Set(page.map(function (match) { return match[0]; })));
    return Promise.all(documents.map(loadText)).then(function (texts) {
      if (current !== results) { return; }
      var byDocument = new Map(documents.map(function (d, i) { return [d, texts[i]]; }));
      if (current.shown === 0) { list.textContent = ""; }
      var items = page.map(function (match) { return resultItem(match, byDocument.get(match[0]), current.required); });
      items.forEach(function (item) { list.append(item); });
      current.shown += page.length;
      current.loading = false;
      more.hidden = current.shown >= current.matches.length;
      if (focus && items.length) { items[0].querySelector("a").focus(); }
    });
  }

  function search() {
    var text = input.value.trim();
    var required = Array.from(new Set(words(text)));
    var mine = ++run;
    if (!text || !required.length) {
      results = null;
      list.textContent = "";
      more.hidden = true;
      status.textContent = text ? "Very common words such as “" + text + "” are not searched: type another word." : "Type words to search every paragraph.";
      return;
    }
    find(required, filters.theme.value).then(function (matches) {
      if (mine !== run) { return; }
      var count = matches.length;
      status.textContent = count + (count === 1 ? " paragraph matches " : " paragraphs match ") + "“" + text + "”";
      results = { matches: matches, shown: 0, loading: false, required: required };
      if (!count) {
        list.textContent = "";
        more.hidden = true;
        return;
      }
      showMore(results, false);
    });
  }

  function searchSoon() {
    window.clearTimeout(timer);
    timer = window.setTimeout(search, DEBOUNCE_MS);
  }

  function searchNow() {
    window.clearTimeout(timer);
    toAddress();
    search();
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

  function start(data) {
    if (!data) {
      status.textContent = "The search index could not be loaded.";
      return;
    }
    table = data;
    data.stopWords.forEach(function (word) { stopWords.add(word); });
    BASE = data.digits[0].length;
    Array.from(data.digits[0] + data.digits[1]).forEach(function (digit, value) { digitValues[digit.charCodeAt(0)] = value; });
    data.councils.forEach(function (council, number) { councils.set(council[0], number); });
    data.kinds.forEach(function (kind, number) { kinds.set(kind[0], number); });
    starts = [0];
    data.documents.forEach(function (row) { starts.push(starts[starts.length - 1] + row[5]); });
    form.addEventListener("submit", function (event) { event.preventDefault(); searchNow(); });
    input.addEventListener("input", searchSoon);
    Object.keys(filters).forEach(function (name) { filters[name].addEventListener("change", searchNow); });
    more.addEventListener("click", function () { if (results) { showMore(results, true); } });
    search();
  }

  fromAddress();
  status.textContent = "Loading the search index…";
  loadIndexFile("documents.js").then(start);
}());
