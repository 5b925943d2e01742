/* Corroborate report: optional enhancements. The page reads fully without this script. */
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("js");

  function all(scope, selector) {
    return Array.prototype.slice.call(scope.querySelectorAll(selector));
  }
  function checkedValues(form, name) {
    return all(form, 'input[name="' + name + '"]:checked').map(function (i) { return i.value; });
  }

  /* Verdict board: filter facts by verdict, kind and outlet. */
  function filterBoard(form) {
    var section = form.closest("section");
    var verdicts = checkedValues(form, "verdict");
    var kinds = checkedValues(form, "kind");
    var outlet = form.elements.outlet ? form.elements.outlet.value : "";
    var shown = 0, total = 0;
    all(section, "tbody.fact").forEach(function (fact) {
      var outlets = (fact.getAttribute("data-outlets") || "").split(" ");
      var ok = verdicts.indexOf(fact.getAttribute("data-verdict")) >= 0 &&
        kinds.indexOf(fact.getAttribute("data-kind")) >= 0 &&
        (!outlet || outlets.indexOf(outlet) >= 0);
      fact.hidden = !ok;
      total += 1;
      if (ok) { shown += 1; }
    });
    all(section, "details.outlet-group").forEach(function (group) {
      group.hidden = !all(group, "tbody.fact").some(function (f) { return !f.hidden; });
    });
    all(section, "details.group").forEach(function (group) {
      var any = all(group, "tbody.fact").some(function (f) { return !f.hidden; });
      group.hidden = !any && verdicts.indexOf(group.getAttribute("data-group")) < 0;
    });
    var out = form.querySelector(".filter-count");
    if (out) { out.textContent = shown + " of " + total + " facts shown"; }
  }

  /* People and organisations: search names, aliases and roles. */
  function filterPeople(form) {
    var section = form.closest("section");
    var terms = (form.elements.q.value || "").toLowerCase().split(/\s+/).filter(Boolean);
    var shown = 0, total = 0;
    all(section, "tr[data-search]").forEach(function (row) {
      var text = row.getAttribute("data-search") || "";
      var ok = terms.every(function (t) { return text.indexOf(t) >= 0; });
      row.hidden = !ok;
      total += 1;
      if (ok) { shown += 1; }
    });
    var out = form.querySelector(".filter-count");
    if (out) { out.textContent = terms.length ? shown + " of " + total + " shown" : ""; }
  }

  var handlers = { board: filterBoard, people: filterPeople };
  all(document, "form[data-filter]").forEach(function (form) {
    var run = handlers[form.getAttribute("data-filter")];
    if (!run) { return; }
    form.addEventListener("input", function () { run(form); });
    form.addEventListener("change", function () { run(form); });
    run(form);
  });

  /* Following a link: make sure its target is visible (open groups, lift filters). */
  function reveal() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id && document.getElementById(id);
    if (!target) { return; }
    for (var el = target; el; el = el.parentElement) {
      if (el.hidden) { el.hidden = false; }
      if (el.tagName === "DETAILS") { el.open = true; }
    }
    all(document, ".hl.is-target").forEach(function (el) { el.classList.remove("is-target"); });
    all(document, '[data-part-of="' + id + '"]').forEach(function (el) {
      el.classList.add("is-target");
    });
  }
  window.addEventListener("hashchange", reveal);
  reveal();

  /* Printing: print every group, open or not. */
  window.addEventListener("beforeprint", function () {
    all(document, "details").forEach(function (d) { d.open = true; });
  });
})();
