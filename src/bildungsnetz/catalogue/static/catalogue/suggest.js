/* As-you-type suggestions for the catalogue search (progressive enhancement).
   Without JavaScript the form submits normally; with it, a <datalist> offers titles. */
(function () {
  "use strict";
  var inputs = document.querySelectorAll("input[data-suggest-url]");
  Array.prototype.forEach.call(inputs, function (input) {
    var list = document.getElementById(input.getAttribute("data-suggest-list"));
    if (!list || !window.fetch) { return; }
    input.setAttribute("list", list.id);
    var timer = null;
    var last = "";
    input.addEventListener("input", function () {
      var q = input.value.trim();
      if (q === last) { return; }
      last = q;
      window.clearTimeout(timer);
      if (q.length < 3) { list.textContent = ""; return; }
      timer = window.setTimeout(function () {
        var url = input.getAttribute("data-suggest-url") + "?q=" + encodeURIComponent(q);
        fetch(url, { headers: { "Accept": "application/json" } })
          .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
          .then(function (data) {
            if (data.query !== input.value.trim() && data.query !== q) { return; }
            list.textContent = "";
            data.suggestions.forEach(function (s) {
              var option = document.createElement("option");
              option.value = s.title;
              option.label = s.criterion;
              list.appendChild(option);
            });
          })
          .catch(function () { list.textContent = ""; });
      }, 200);
    });
  });
})();
