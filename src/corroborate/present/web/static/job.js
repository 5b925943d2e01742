// Job page: poll /api/jobs/{id} until the job is done or failed, then reload once (the
// server renders what changed). Text only (no innerHTML).
(function () {
  var box = document.getElementById("job");
  if (!box) return;
  var id = box.getAttribute("data-job");
  function links(listId, ids, prefix, label) {
    var ul = document.getElementById(listId);
    ul.textContent = "";
    ids.forEach(function (x) {
      var li = document.createElement("li");
      var a = document.createElement("a");
      a.href = prefix + encodeURIComponent(x);
      a.textContent = label + " " + x;
      li.appendChild(a);
      ul.appendChild(li);
    });
  }
  function show(job) {
    document.getElementById("job-status").textContent = job.status;
    document.getElementById("job-stage").textContent = job.stage || "";
    document.getElementById("job-progress").value = job.stages_done;
    var err = document.getElementById("job-error");
    err.textContent = job.error || "";
    err.hidden = !job.error;
    var rej = document.getElementById("job-rejected");
    rej.textContent = "";
    job.rejected.forEach(function (r) {
      var li = document.createElement("li");
      li.textContent = r.input + ": " + r.reason;
      rej.appendChild(li);
    });
    links("job-stories", job.story_ids, "/stories/", "story");
    links("job-articles", job.article_ids, "/articles/", "article");
  }
  function poll() {
    fetch("/api/jobs/" + encodeURIComponent(id), { headers: { Accept: "application/json" } })
      .then(function (r) { return r.json(); })
      .then(function (job) {
        if (job.error && !job.status) { return; }
        show(job);
        var finished = job.status === "done" || job.status === "failed";
        var first = box.getAttribute("data-status");
        // the page was rendered while the job ran: reload once to show what changed
        if (finished && first !== "done" && first !== "failed") { location.reload(); return; }
        if (!finished) setTimeout(poll, 500);
      })
      .catch(function () { setTimeout(poll, 2000); });
  }
  poll();
})();
