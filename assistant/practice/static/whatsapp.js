/* Practice copy of WhatsApp's privacy contact form: the topic in any markup, a background
   form-encoded post, errors next to their boxes, the answer in place of the form. */
(function () {
  "use strict";
  var cfg = window.practiceConfig || {};
  var form = document.getElementById("wa-form");
  if (!form) return;

  window.practiceChoices(form);  /* the topic as a combobox or a row of buttons */

  function showErrors(errors) {
    form.querySelectorAll("[data-error-for]").forEach(function (box) {
      var message = errors[box.getAttribute("data-error-for")];
      box.textContent = message || "";
      box.hidden = !message;
    });
  }

  var sending = false;
  form.addEventListener("submit", function (ev) {
    ev.preventDefault();
    if (sending) return;
    sending = true;
    var send = form.querySelector("[data-practice-send]");
    if (send) send.disabled = true;
    var body = new URLSearchParams(new FormData(form));
    fetch(cfg.submitUrl, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: body.toString()
    })
      .then(function (r) { return r.json(); })
      .then(function (answer) {
        if (answer.ok) {
          var root = document.getElementById("contact-root");
          root.innerHTML = answer.html;
          var heading = root.querySelector("h2");
          if (heading) heading.focus();
          return;
        }
        showErrors(answer.errors || {});
        sending = false;
        if (send) send.disabled = false;
      })
      .catch(function () {
        showErrors({ __form__: "Something went wrong. Try again." });
        sending = false;
        if (send) send.disabled = false;
      });
  });
})();
