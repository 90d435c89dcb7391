// Progressive enhancement only: every page works without this file.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector("[data-error-summary]");
  if (summary) { summary.focus(); }
});

// Offense list filter (resident journey): typing narrows the grouped <select>. Options are removed and re-added rather
// than hidden, which phones' native pickers ignore. Without JavaScript the box stays hidden and the full list is used.
document.addEventListener("DOMContentLoaded", function () {
  var box = document.querySelector("[data-offense-filter]");
  var select = box && document.getElementById(box.getAttribute("data-offense-filter"));
  if (!select) { return; }
  var input = box.querySelector("input");
  var plain = function (text) { return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase(); };
  var groups = Array.prototype.map.call(select.querySelectorAll("optgroup"), function (group) { return group.cloneNode(true); });
  box.hidden = false;
  input.addEventListener("input", function () {
    var words = plain(input.value.trim());
    Array.prototype.forEach.call(select.querySelectorAll("optgroup"), function (group) { group.remove(); });
    groups.forEach(function (group) {
      var copy = group.cloneNode(true);
      Array.prototype.slice.call(copy.children).forEach(function (option) {
        var keep = !words || option.value === select.value || plain(option.textContent).indexOf(words) !== -1;
        if (!keep) { copy.removeChild(option); }
      });
      if (copy.children.length) { select.appendChild(copy); }
    });
  });
});
