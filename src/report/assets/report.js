// sectormap report: the only script on the page (allowed by hash in the
// Content-Security-Policy). It adds hover titles to chart marks, opens the
// coded segments behind a heatmap cell, and filters the recommendations table.
// The page reads and prints fine without it.
(function () {
  "use strict";

  // Vega writes each mark's description as aria-label; a <title> child makes browsers show it on hover.
  document.querySelectorAll("figure.chart svg [role='graphics-symbol'][aria-label]").forEach(function (mark) {
    var title = document.createElementNS("http://www.w3.org/2000/svg", "title");
    title.textContent = mark.getAttribute("aria-label");
    mark.appendChild(title);
  });

  // Heatmap cells link to "#seg--<theme>--<doc>": open the theme's <details> and bring the list into view.
  // Bars of the recommendation charts link to "#filter-type=ngo" / "#filter-theme=T05": filter the table.
  function reveal() {
    var id = location.hash.slice(1);
    if (!id) return;
    var filter = /^filter-(type|theme)=(.*)$/.exec(id);
    if (filter) return filterTable(filter[1], decodeURIComponent(filter[2]));
    var target = document.getElementById(id);
    if (!target) return;
    var details = target.closest("details");
    if (details) details.open = true;
    target.classList.add("flash");
    target.scrollIntoView({ block: "start" });
    setTimeout(function () { target.classList.remove("flash"); }, 1600);
  }

  // The recommendations table: every control narrows the rows; the count says how many are left.
  var table = document.getElementById("rec-table");
  var apply = function () {};
  if (table) {
    var rows = Array.prototype.slice.call(table.tBodies[0].rows);
    var texts = rows.map(function (row) { return row.textContent.toLowerCase(); });
    var search = document.getElementById("rec-search");
    var selects = { type: "rec-type", strength: "rec-strength", doc: "rec-doc" };
    var theme = document.getElementById("rec-theme");
    var count = document.getElementById("rec-count");
    apply = function () {
      var words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
      var wanted = {};
      Object.keys(selects).forEach(function (key) { wanted[key] = document.getElementById(selects[key]).value; });
      var shown = 0;
      rows.forEach(function (row, i) {
        var ok = words.every(function (w) { return texts[i].indexOf(w) >= 0; });
        Object.keys(wanted).forEach(function (key) { if (wanted[key] && row.dataset[key] !== wanted[key]) ok = false; });
        if (theme.value && row.dataset.themes.split(" ").indexOf(theme.value) < 0) ok = false;
        row.hidden = !ok;
        if (ok) shown++;
      });
      count.textContent = shown + " of " + rows.length + " recommendations";
    };
    document.getElementById("rec-filters").addEventListener("input", apply);
    document.getElementById("rec-filters").addEventListener("submit", function (e) { e.preventDefault(); });
  }

  /** Show only the recommendations of one addressee type or theme, clearing the other controls. */
  function filterTable(key, value) {
    if (!table) return;
    var select = document.getElementById(key === "type" ? "rec-type" : "rec-theme");
    if (!Array.prototype.some.call(select.options, function (o) { return o.value === value; })) return;
    document.getElementById("rec-filters").reset();
    select.value = value;
    apply();
    document.getElementById("rec-filters").scrollIntoView({ block: "start" });
  }

  window.addEventListener("hashchange", reveal);
  reveal();
  // A filter bar clicked twice does not change the hash, so apply filter links on click too.
  document.addEventListener("click", function (e) {
    var link = e.target.closest && e.target.closest("a");
    var href = link && (link.getAttribute("href") || link.getAttribute("xlink:href"));
    if (href && href.indexOf("#filter-") === 0) {
      e.preventDefault();
      history.replaceState(null, "", href);
      reveal();
    }
  });

  // Printing shows everything: all coded segments and all recommendations.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  });
})();
