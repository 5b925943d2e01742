// Story list: changing the outlet, dates or the conflicts box applies the filter at once.
(function () {
  var form = document.getElementById("story-filters");
  if (!form) return;
  form.querySelectorAll("select, input[type=date], input[type=checkbox]").forEach(function (el) {
    el.addEventListener("change", function () { form.submit(); });
  });
})();
