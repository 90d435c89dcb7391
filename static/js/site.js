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

// Print buttons (clinic receipts): a button, not a link, because printing needs script.
document.addEventListener("DOMContentLoaded", function () {
  Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (button) {
    button.addEventListener("click", function () { window.print(); });
  });
});

// A shared laptop at a clinic: the browser must not offer the last person's name, birth date or address.
document.addEventListener("DOMContentLoaded", function () {
  if (!document.body.hasAttribute("data-shared-device")) { return; }
  Array.prototype.forEach.call(document.querySelectorAll("form, input, textarea, select"), function (element) {
    element.setAttribute("autocomplete", "off");
  });
});

// A page shown again from the back-forward cache would show what it showed before (at a clinic, the last person's
// answers): ask the server again, which shows only what this session may see.
window.addEventListener("pageshow", function (event) {
  if (event.persisted) { window.location.reload(); }
});

// Flaky wifi at a clinic: before a form is sent, check the server answers. If it does not, say so and keep what was
// typed (a failed navigation would replace the page with the browser's error page and lose it). Without script, or
// off a volunteer's shift, forms post as usual.
document.addEventListener("DOMContentLoaded", function () {
  if (!document.body.hasAttribute("data-shared-device")) { return; }
  var notice = null;
  var showNotice = function (form) {
    if (!notice) {
      notice = document.createElement("div");
      notice.className = "notice notice-error";
      notice.setAttribute("role", "alert");
      notice.setAttribute("tabindex", "-1");
      notice.setAttribute("data-offline-notice", "");
      notice.textContent = document.body.getAttribute("data-offline-message") || "";
    }
    form.parentNode.insertBefore(notice, form);
    notice.focus();
  };
  Array.prototype.forEach.call(document.querySelectorAll("main form[method=post]"), function (form) {
    form.addEventListener("submit", function (event) {
      if (form.hasAttribute("data-checked")) { form.removeAttribute("data-checked"); return; }
      if (!window.fetch) { return; }
      event.preventDefault();
      var submitter = event.submitter || null;
      var controller = window.AbortController ? new AbortController() : null;
      var timer = controller ? setTimeout(function () { controller.abort(); }, 8000) : null;
      fetch(document.body.getAttribute("data-health-url") || "/healthz",
            {cache: "no-store", credentials: "same-origin", signal: controller ? controller.signal : undefined})
        .then(function (response) {
          if (timer) { clearTimeout(timer); }
          if (!response.ok) { throw new Error("server unavailable"); }
          if (notice && notice.parentNode) { notice.parentNode.removeChild(notice); }
          form.setAttribute("data-checked", "");
          if (form.requestSubmit) { form.requestSubmit(submitter); } else { form.submit(); }
        })
        .catch(function () {
          if (timer) { clearTimeout(timer); }
          showNotice(form);
        });
    });
  });
});
