/* qms site script: version switcher, offline search, sortable register, print button.
   No framework, no network: the search index and the version list are loaded as scripts
   from this site, so everything works from file://. Pages work without it. */
(function () {
  "use strict";
  var body = document.body;
  var root = body.getAttribute("data-root") || "";
  var pageUrl = body.getAttribute("data-page") || "index.html";
  var docId = body.getAttribute("data-doc");
  var versionDir = body.getAttribute("data-version");

  /* Version switcher: its options come from the site's one list of versions (versions.js at
     the site root); it stays on the same document when the target version has it, otherwise
     opens that version's home page and says the document was not in it. */
  function setUpSwitcher() {
    var select = document.getElementById("qms-version");
    if (!select) return;
    var data = window.QMS_VERSIONS || { versions: [] };
    if (data.versions.length) {
      while (select.firstChild) select.removeChild(select.firstChild);
      data.versions.forEach(function (v) {
        var option = document.createElement("option");
        option.value = v.dir;
        option.textContent = v.label + (v.latest ? " (latest)" : v.released ? "" : " (unreleased)");
        option.selected = v.dir === versionDir;
        select.appendChild(option);
      });
    }
    function version(dir) {
      for (var i = 0; i < data.versions.length; i++) {
        if (data.versions[i].dir === dir) return data.versions[i];
      }
      return null;
    }
    function has(target) {
      return holds(target, docId);
    }
    if (docId) {
      Array.prototype.forEach.call(select.options, function (option) {
        if (!has(version(option.value))) option.textContent += " — no " + docId;
      });
    }
    /* With the keyboard, the arrow keys only choose a version (as they would browse a closed list
       without leaving the page); Enter goes there. A pointer's choice goes at once. */
    var browsing = false;
    select.addEventListener("keydown", function (event) {
      if (event.key === "Enter") {
        event.preventDefault();
        browsing = false;
        if (select.value !== versionDir) go();
      } else if (event.key !== "Tab" && event.key !== "Escape") {
        browsing = true;
      }
    });
    select.addEventListener("pointerdown", function () { browsing = false; });
    select.addEventListener("change", function () { if (!browsing) go(); });
    select.addEventListener("blur", function () { browsing = false; });
    function go() {
      var dir = select.value;
      var target = version(dir);
      var page = "index.html";
      if (docId) {
        page = has(target) ? pageUrl : "index.html#qms-missing=" + encodeURIComponent(docId);
      } else if (!/^standards\//.test(pageUrl)) {
        page = pageUrl;
      }
      window.location.href = root + "../" + encodeURIComponent(dir) + "/" + page;
    }
  }

  function holds(version, id) {
    return !!version && !!id && Object.prototype.hasOwnProperty.call(version.docs || {}, id);
  }

  /* A release's pages do not say whether it is the latest, nor list the other versions: that
     changes when a newer release is tagged, and a release's pages never change. The site's one
     list of versions says it: the banner becomes "not the latest" with a link to the latest
     release (or goes, on the latest), and the lists of nearby versions are filled in. */
  function showVersions() {
    var banner = document.getElementById("qms-release-banner");
    var data = window.QMS_VERSIONS;
    if (!banner || !data || !data.versions) return;
    var versions = data.versions;
    var at = -1, latest = null;
    versions.forEach(function (v, i) {
      if (v.dir === versionDir) at = i;
      if (v.latest) latest = v;
    });
    if (at < 0) return;
    function link(v, page) {
      var a = document.createElement("a");
      a.href = root + "../" + encodeURIComponent(v.dir) + "/" + page;
      a.textContent = v.label;
      return a;
    }
    if (versions[at].latest) {
      banner.hidden = true;
    } else {
      banner.className = "banner banner-old";
      document.getElementById("qms-not-latest").textContent = ", which is not the latest";
      var all = document.getElementById("qms-all-versions");
      if (latest && all) {
        var go = link(latest, "index.html");
        go.textContent = "Go to the latest release, " + latest.label;
        all.parentNode.replaceChild(go, all);
        go.insertAdjacentText("afterend", ".");
      }
    }
    var list = document.getElementById("qms-versions-nearby");
    if (!list) return;
    var nearby = versions.filter(function (v, i) {
      return i !== at && (Math.abs(i - at) <= 3 || !v.released || v.latest) && (!docId || holds(v, docId));
    });
    nearby.forEach(function (v) {
      var item = document.createElement("li");
      item.appendChild(link(v, docId ? pageUrl : "index.html"));
      var kind = v.latest ? "latest release" : v.released ? "release" : "unreleased";
      var note = docId ? "version " + v.docs[docId] + (v.latest ? ", latest release" : v.released ? "" : ", unreleased")
        : kind + (v.date ? ", " + v.date : "");
      var muted = document.createElement("span");
      muted.className = "muted";
      muted.textContent = "(" + note + ")";
      item.appendChild(document.createTextNode(" "));
      item.appendChild(muted);
      list.appendChild(item);
    });
    if (nearby.length) {
      list.hidden = false;
    } else if (docId) {
      var none = document.createElement("p");
      none.className = "muted";
      none.textContent = "This document is in no other nearby version of this site.";
      list.parentNode.insertBefore(none, list);
    }
  }

  /* Arriving from the switcher at a version without the document the reader was on. */
  function showMissing() {
    var match = /^#qms-missing=(.+)$/.exec(window.location.hash);
    var main = document.getElementById("qms-main");
    if (!match || !main) return;
    var id = decodeURIComponent(match[1]);
    var data = window.QMS_VERSIONS || { versions: [] };
    var label = versionDir;
    data.versions.forEach(function (v) { if (v.dir === versionDir) label = v.label; });
    var notice = document.createElement("div");
    notice.className = "notice notice-missing";
    notice.setAttribute("role", "status");
    notice.textContent = id + " does not exist in version " + label + "; this is the home page of that version.";
    main.insertBefore(notice, main.firstChild);
  }
  /* Search: the index is a script (window.QMS_SEARCH) loaded on first use. */
  function tokenize(text) {
    return text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(function (w) { return w.length > 0; });
  }

  function lowerBound(keys, prefix) {
    var lo = 0, hi = keys.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (keys[mid] < prefix) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  function search(index, keys, query) {
    var words = tokenize(query);
    if (!words.length) return [];
    var scores = null;
    var compact = query.toLowerCase().replace(/[^a-z0-9]/g, "");
    words.forEach(function (word, n) {
      var found = {};
      var last = n === words.length - 1;
      var start = lowerBound(keys, word);
      for (var k = start; k < keys.length && keys[k].lastIndexOf(word, 0) === 0; k++) {
        if (!last && keys[k] !== word) break;
        var postings = index.terms[keys[k]];
        var exact = keys[k] === word ? 1 : 0.6;
        for (var p = 0; p < postings.length; p += 2) {
          found[postings[p]] = (found[postings[p]] || 0) + postings[p + 1] * exact;
        }
      }
      if (scores === null) {
        scores = found;
      } else {
        var both = {};
        Object.keys(scores).forEach(function (d) { if (found[d]) both[d] = scores[d] + found[d]; });
        scores = both;
      }
    });
    index.docs.forEach(function (doc, d) {
      var id = doc[0].toLowerCase().replace(/[^a-z0-9]/g, "");
      if (compact && id === compact) scores[d] = (scores[d] || 0) + 1000;
      else if (compact.length > 2 && id.indexOf(compact) === 0) scores[d] = (scores[d] || 0) + 200;
    });
    return Object.keys(scores || {})
      .map(function (d) { return { doc: index.docs[d], score: scores[d] }; })
      .sort(function (a, b) { return b.score - a.score || (a.doc[0] < b.doc[0] ? -1 : 1); })
      .slice(0, 12);
  }

  function setUpSearch() {
    var form = document.getElementById("qms-search");
    var input = document.getElementById("qms-search-input");
    var list = document.getElementById("qms-search-results");
    var status = document.getElementById("qms-search-status");
    if (!form || !input || !list) return;
    var keys = null;
    function say(text) { if (status) status.textContent = text; }
    function load(then) {
      if (window.QMS_SEARCH) { keys = keys || Object.keys(window.QMS_SEARCH.terms).sort(); then(); return; }
      var script = document.createElement("script");
      script.src = body.getAttribute("data-search");
      script.onload = function () { keys = Object.keys(window.QMS_SEARCH.terms).sort(); then(); };
      document.head.appendChild(script);
    }
    function show() {
      var query = input.value.trim();
      list.textContent = "";
      if (!query) { list.hidden = true; say(""); return; }
      var results = search(window.QMS_SEARCH, keys, query);
      if (!results.length) {
        var none = document.createElement("li");
        none.className = "r-none";
        none.textContent = "No document matches “" + query + "”.";
        list.appendChild(none);
        say(none.textContent);
      } else {
        say(results.length + (results.length === 1 ? " document" : " documents") +
          " found; the down arrow key moves to the results.");
      }
      results.forEach(function (r) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = root + r.doc[2];
        var id = document.createElement("span");
        id.className = "r-id";
        id.textContent = r.doc[0];
        var type = document.createElement("span");
        type.className = "r-type";
        type.textContent = r.doc[3];
        a.appendChild(id);
        a.appendChild(document.createTextNode(r.doc[1]));
        a.appendChild(type);
        li.appendChild(a);
        list.appendChild(li);
      });
      list.hidden = false;
    }
    input.addEventListener("focus", function () { load(function () {}); });
    input.addEventListener("input", function () { load(show); });
    /* The keyboard: the arrow keys move the focus from the field through the results and back,
       Enter opens the focused result (or the first, from the field), Escape closes the list and
       returns to the field; Tab leaves the list as it would any links. */
    form.addEventListener("keydown", function (event) {
      var links = Array.prototype.slice.call(list.querySelectorAll("a"));
      var at = links.indexOf(document.activeElement);
      if (event.key === "ArrowDown" || event.key === "ArrowUp") {
        if (list.hidden || !links.length) return;
        event.preventDefault();
        var next = at + (event.key === "ArrowDown" ? 1 : -1);
        if (next < 0 || next >= links.length) input.focus(); else links[next].focus();
      } else if (event.key === "Escape") {
        list.hidden = true;
        input.focus();
      }
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var first = list.querySelector("a");
      if (first) window.location.href = first.href;
    });
    document.addEventListener("click", function (event) {
      if (!form.contains(event.target)) list.hidden = true;
    });
    form.addEventListener("focusout", function (event) {
      if (!event.relatedTarget || !form.contains(event.relatedTarget)) list.hidden = true;
    });
    input.addEventListener("focus", function () { if (list.firstChild && input.value.trim()) list.hidden = false; });
  }

  /* The register: sort by any column, filter by text. */
  function natural(a, b) {
    return a.localeCompare(b, undefined, { numeric: true, sensitivity: "base" });
  }

  function setUpRegister() {
    var table = document.getElementById("qms-register");
    if (!table) return;
    var tbody = table.tBodies[0];
    var headers = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(headers, function (th, column) {
      /* A button in each heading: reached with Tab, pressed with Enter or Space. */
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      while (th.firstChild) button.appendChild(th.firstChild);
      th.appendChild(button);
      function sort() {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var rows = Array.prototype.slice.call(tbody.rows);
        rows.sort(function (x, y) {
          var order = natural(x.cells[column].textContent.trim(), y.cells[column].textContent.trim());
          return ascending ? order : -order;
        });
        rows.forEach(function (row) { tbody.appendChild(row); });
      }
      th.addEventListener("click", sort);
    });
    var filter = document.getElementById("qms-register-filter");
    if (filter) {
      filter.addEventListener("input", function () {
        var words = tokenize(filter.value);
        Array.prototype.forEach.call(tbody.rows, function (row) {
          var text = row.textContent.toLowerCase();
          row.hidden = !words.every(function (w) { return text.indexOf(w) >= 0; });
        });
      });
    }
  }

  function setUpPrint() {
    document.querySelectorAll("[data-print]").forEach(function (button) {
      button.addEventListener("click", function () { window.print(); });
    });
  }

  /* Keep the current document visible in the sidebar. */
  function scrollNav() {
    var sidebar = document.querySelector(".sidebar");
    var current = sidebar && sidebar.querySelector(".nav-docs a[aria-current]");
    if (current && current.offsetTop > sidebar.clientHeight * 0.7) {
      sidebar.scrollTop = current.offsetTop - sidebar.clientHeight / 2;
    }
  }

  scrollNav();
  setUpSwitcher();
  showVersions();
  showMissing();
  setUpSearch();
  setUpRegister();
  setUpPrint();
})();
