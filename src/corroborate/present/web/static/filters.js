// Story list: changing the outlet, dates or the conflicts box applies the filter at once;
// typing in the search box searches as you type (GET /api/stories?snippets=true), showing
// where each story matched. Built with DOM nodes and textContent only (no innerHTML).
(function () {
  var form = document.getElementById("story-filters");
  if (!form) return;
  form.querySelectorAll("select, input[type=date], input[type=checkbox]").forEach(function (el) {
    el.addEventListener("change", function () { form.submit(); });
  });
  var box = document.getElementById("q");
  var list = document.getElementById("story-list");
  var count = document.getElementById("story-count");
  if (!box || !list || !count || !window.fetch) return;
  var timer = null;
  var seq = 0;

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text) node.textContent = text;
    return node;
  }
  function plural(n, one, many) { return n + " " + (n === 1 ? one : many); }
  function snippet(sn) {
    var p = el("p", "snippet");
    var pos = 0;
    sn.marks.forEach(function (m) {
      p.appendChild(document.createTextNode(sn.text.slice(pos, m[0])));
      p.appendChild(el("mark", "", sn.text.slice(m[0], m[1])));
      pos = m[1];
    });
    p.appendChild(document.createTextNode(sn.text.slice(pos)));
    return p;
  }
  function item(s) {
    var li = el("li", "story-item");
    li.setAttribute("data-story", s.id);
    var a = el("a", "story-title", s.title || s.id);
    a.href = "/stories/" + encodeURIComponent(s.id);
    li.appendChild(a);
    var parts = [];
    if (s.first_published) {
      var range = s.first_published;
      if (s.last_published && s.last_published !== s.first_published) range += " – " + s.last_published;
      parts.push(range);
    }
    parts.push(plural(s.n_articles, "article", "articles"));
    if (s.outlets.length) parts.push(s.outlets.join(", "));
    var meta = el("div", "meta", parts.join(" · ") + " ");
    if (s.n_conflicts) meta.appendChild(el("span", "verdict verdict-conflict", plural(s.n_conflicts, "conflict", "conflicts")));
    li.appendChild(meta);
    if (s.snippet) li.appendChild(snippet(s.snippet));
    return li;
  }
  function show(answer) {
    list.textContent = "";
    answer.stories.forEach(function (s) { list.appendChild(item(s)); });
    if (!answer.stories.length) list.appendChild(el("li", "empty", "No story matches."));
    var text = plural(answer.total, "story", "stories");
    if (answer.total > answer.stories.length) text += " (the first " + answer.stories.length + " shown)";
    count.textContent = text;
    var pager = document.querySelector("nav.pager");
    if (pager) pager.hidden = true;
  }
  function search() {
    var params = new URLSearchParams();
    new FormData(form).forEach(function (value, key) {
      if (typeof value === "string" && value.trim()) params.set(key, key === "conflicts" ? "true" : value.trim());
    });
    var page = new URLSearchParams(params);
    if (page.has("conflicts")) page.set("conflicts", "1");
    history.replaceState(null, "", "/" + (page.toString() ? "?" + page.toString() : ""));
    params.set("snippets", "true");
    params.set("limit", "50");
    var mine = ++seq;
    list.setAttribute("aria-busy", "true");
    fetch("/api/stories?" + params.toString(), { headers: { Accept: "application/json" } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (answer) {
        if (mine !== seq) return; // a later keystroke's answer wins
        list.removeAttribute("aria-busy");
        if (answer && answer.stories) show(answer);
      })
      .catch(function () { if (mine === seq) list.removeAttribute("aria-busy"); });
  }
  box.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(search, 200);
  });
})();
