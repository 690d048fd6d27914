/* Practice "Data Processing Objection" form: checks the fields, posts them in the
   background and shows the confirmation in place of the form. */
(function () {
  "use strict";
  var cfg = window.practiceConfig || {};
  var T = cfg.texts || {};
  var form = document.getElementById("dp-form");
  var result = document.getElementById("dp-result");
  if (!form) return;

  function showErrors(errors) {
    form.querySelectorAll("[data-error-for]").forEach(function (box) {
      var name = box.getAttribute("data-error-for");
      var message = errors[name];
      box.hidden = !message;
      box.textContent = message || "";
      form.querySelectorAll("[name=" + name + "]").forEach(function (field) {
        if (message) field.setAttribute("aria-invalid", "true");
        else field.removeAttribute("aria-invalid");
      });
    });
  }

  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    var data = new FormData(form);
    var values = {
      request_type: data.get("request_type") || "",
      country: data.get("country") || "",
      details: (data.get("details") || "").trim()
    };
    var errors = {};
    Object.keys(values).forEach(function (name) {
      if (!values[name]) errors[name] = T.dp_required;
    });
    showErrors(errors);
    if (Object.keys(errors).length) return;
    var send = form.querySelector("[type=submit]");
    send.disabled = true;
    fetch(cfg.submitUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(values)
    }).then(function (answer) { return answer.json(); }).then(function (data) {
      send.disabled = false;
      if (!data.ok) return showErrors(data.errors || {});
      form.remove();
      var heading = document.createElement("h2");
      heading.textContent = T.dp_done_title;
      var text = document.createElement("p");
      text.textContent = T.dp_done_text;
      result.className = "confirmation";
      result.appendChild(heading);
      result.appendChild(text);
    }).catch(function () { send.disabled = false; });
  });
})();
