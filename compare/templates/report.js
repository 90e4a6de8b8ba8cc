/* compare report: view toggle, changed-only filter, change navigation, figure table tools.
   Without this script every part of the report is still shown; the controls stay hidden. */
(function () {
  "use strict";
  var body = document.body;
  var toArray = function (list) { return Array.prototype.slice.call(list); };

  toArray(document.querySelectorAll("[data-js]")).forEach(function (el) { el.hidden = false; });

  /* A link into a folded section unfolds it first. */
  function reveal(el) {
    for (var node = el; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") { node.open = true; }
    }
  }
  function revealHash(hash) {
    var id = decodeURIComponent(hash.slice(1));
    var target = id && document.getElementById(id);
    if (target) {
      reveal(target);
      var inner = target.querySelector(":scope > details");
      if (inner) { inner.open = true; }
    }
  }
  window.addEventListener("hashchange", function () { revealHash(location.hash); });
  revealHash(location.hash);
  /* A link followed again (no hash change) to a section folded since, before it scrolls. */
  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest('a[href^="#"]');
    if (link) { revealHash(link.hash); }
  });

  /* Side-by-side or inline. */
  toArray(document.querySelectorAll('input[name="view"]')).forEach(function (radio) {
    radio.addEventListener("change", function () {
      body.classList.toggle("view-inline", radio.checked && radio.value === "inline");
    });
  });

  /* Only changed sections. */
  var onlyChanged = document.getElementById("only-changed");
  if (onlyChanged) {
    onlyChanged.addEventListener("change", function () {
      body.classList.toggle("only-changed", onlyChanged.checked);
    });
  }

  /* Next / previous change: n p, j k. */
  var stops = toArray(document.querySelectorAll("[data-stop]"));
  var position = document.getElementById("change-position");
  /* Shown: in a section not filtered out, and not folded away. Asked of the section, not the
     row: the browser has neither laid out nor styled the rows of a section off screen
     (report.css: content-visibility), and would do so for every such section to answer (half
     a second on a 10-K's page). */
  var shown = function (el) {
    if (el.closest("details:not([open])")) { return false; }
    var section = el.closest(".pair") || el;
    return section.checkVisibility ? section.checkVisibility() : section.getClientRects().length > 0;
  };
  var toolbar = document.querySelector(".toolbar");
  function below() { return toolbar ? toolbar.getBoundingClientRect().bottom : 0; }
  /* A link's target lands below the toolbar, which takes three lines on a phone
     (report.css: scroll-padding-top). */
  if (toolbar && window.ResizeObserver) {
    new ResizeObserver(function () {
      document.documentElement.style.setProperty("--toolbar-height", toolbar.offsetHeight + "px");
    }).observe(toolbar);
  }
  /* A stop's top, as far as a line across the screen needs it: a section wholly above or below
     the line stands for its rows; only rows of the section across it, on screen and so laid
     out, are asked (asking a row off screen its place has the browser lay out its section). */
  function topAgainst(el, line) {
    var section = el.closest(".pair") || el, box = section.getBoundingClientRect();
    if (section === el || box.bottom <= line || box.top > line) { return box.top; }
    return el.getBoundingClientRect().top;
  }
  /* The change last gone to, or clicked: Next and Previous go on from it while it is on or near
     the screen (within a screen's height). Kept here, not read from the focus, which a click on
     a button or in the text takes away. Once the reader has gone away from it (Home, a link
     followed), they go on from the screen. */
  var current = null;
  function nearScreen(el) {
    var reach = window.innerHeight, section = el.closest(".pair") || el;
    var box = section.getBoundingClientRect();
    if (box.bottom <= -reach || box.top >= 2 * reach) { return false; }
    box = el.getBoundingClientRect();
    return box.bottom > -reach && box.top < 2 * reach;
  }
  document.addEventListener("click", function (event) {
    var stop = event.target.closest && event.target.closest("[data-stop]");
    if (stop) { current = stop; }
  });
  function go(step) {
    var list = stops.filter(shown);
    if (!list.length) { if (position) { position.textContent = "no changes"; } return; }
    var i = current && nearScreen(current) ? list.indexOf(current) : -1;
    if (i >= 0) {
      i = Math.max(0, Math.min(list.length - 1, i + step));
    } else if (step > 0) {
      var top = below() + 2;
      i = list.findIndex(function (el) { return topAgainst(el, top) > top; });
      if (i < 0) { i = list.length - 1; }
    } else {
      var edge = below() - 2;
      i = -1;
      list.forEach(function (el, k) { if (topAgainst(el, edge) < edge) { i = k; } });
      if (i < 0) { i = 0; }
    }
    current = list[i];
    list[i].focus({ preventScroll: true });
    list[i].scrollIntoView({ block: "center" });
    if (position) { position.textContent = "change " + (i + 1) + " of " + list.length; }
  }
  /* The keys are letters only where one types: not in a checkbox, a radio or a button. */
  function typing(el) {
    if (!el || !el.closest) { return false; }
    var input = el.closest("input");
    if (input) { return !/^(checkbox|radio|button|submit|reset|range|color|file|image)$/.test(input.type); }
    return Boolean(el.closest('select, textarea, [contenteditable]:not([contenteditable="false"])'));
  }
  document.addEventListener("keydown", function (event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) { return; }
    if (typing(event.target)) { return; }
    var key = event.key.toLowerCase();
    if (key === "n" || key === "j") { event.preventDefault(); go(1); }
    if (key === "p" || key === "k") { event.preventDefault(); go(-1); }
  });
  var next = document.getElementById("next-change");
  var prev = document.getElementById("prev-change");
  if (next) { next.addEventListener("click", function () { go(1); }); }
  if (prev) { prev.addEventListener("click", function () { go(-1); }); }

  /* Figure table: sort by a header, filter by text and trend. */
  var table = document.getElementById("metric-table");
  if (table) {
    var tbody = table.tBodies[0];
    var rows = toArray(tbody.rows);
    var cellValue = function (row, col) {
      var cell = row.cells[col];
      var value = cell.getAttribute("data-sort");
      return value === null ? cell.textContent.trim() : value;
    };
    var asNumber = function (value) { return value === "" ? NaN : Number(value); };
    toArray(table.tHead.rows[0].cells).forEach(function (th, col) {
      var button = document.createElement("button");
      button.type = "button";
      while (th.firstChild) { button.appendChild(th.firstChild); }
      th.appendChild(button);
      th.setAttribute("aria-sort", "none");
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        toArray(table.tHead.rows[0].cells).forEach(function (other) { other.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var numeric = rows.every(function (row) {
          var value = cellValue(row, col);
          return value === "" || !isNaN(asNumber(value));
        });
        var sorted = rows.slice().sort(function (a, b) {
          var x = cellValue(a, col), y = cellValue(b, col);
          if (x === "" || y === "") { return (x === "") - (y === ""); } /* blanks last */
          var order = numeric ? asNumber(x) - asNumber(y) : x.localeCompare(y, tbody.lang);
          return ascending ? order : -order;
        });
        sorted.forEach(function (row) { tbody.appendChild(row); });
      });
    });
    var text = document.getElementById("metric-filter");
    var trend = document.getElementById("metric-status");
    var count = document.getElementById("metric-count");
    var filter = function () {
      var query = text.value.trim().toLowerCase();
      var wanted = trend.value;
      var visible = 0;
      rows.forEach(function (row) {
        var trendOf = row.getAttribute("data-trend");
        var kept = wanted === "left-out"  /* dropped, but not a column that rolled off */
          ? trendOf === "dropped" && !row.hasAttribute("data-rolled-off")
          : wanted === "restated"  /* a past year's figure told otherwise */
          ? row.hasAttribute("data-restated")
          : !wanted || trendOf === wanted;
        var show = kept &&
          (!query || row.textContent.toLowerCase().indexOf(query) >= 0);
        row.hidden = !show;
        visible += show ? 1 : 0;
      });
      count.textContent = visible + " of " + rows.length + " shown";
    };
    text.addEventListener("input", filter);
    trend.addEventListener("change", filter);
    filter();
  }

  /* The figures table's rows (each a box of about its size: their text is laid out as each
     nears the screen) are laid out once the page is idle after loading, and the table skipped
     again while off screen (report.css: content-visibility): reaching it then costs the rows
     on screen, not the 1,700 boxes of a 10-K's table, and the page opens without them. */
  var figures = document.querySelector("#metrics .scroll");
  if (figures && window.requestIdleCallback) {
    window.addEventListener("load", function () {
      window.requestIdleCallback(function () {
        figures.style.contentVisibility = "visible";
        /* a frame laid out so: the browser keeps its height as the room for it */
        requestAnimationFrame(function () {
          requestAnimationFrame(function () { figures.style.contentVisibility = ""; });
        });
      });
    });
  }

  /* On paper every folded section is unfolded. */
  var folded = [];
  window.addEventListener("beforeprint", function () {
    folded = toArray(document.querySelectorAll("details:not([open])"));
    folded.forEach(function (el) { el.open = true; });
  });
  window.addEventListener("afterprint", function () {
    folded.forEach(function (el) { el.open = false; });
    folded = [];
  });
})();
