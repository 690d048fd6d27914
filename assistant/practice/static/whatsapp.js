/* Practice copy of WhatsApp's privacy contact form: the topic in any markup, a background
   form-encoded post, errors next to their boxes, the answer in place of the form. */
(function () {
  "use strict";
  var cfg = window.practiceConfig || {};
  var form = document.getElementById("wa-form");
  if (!form) return;

  /* the topic as an ARIA combobox (a list that opens on a click) or a row of buttons */
  form.querySelectorAll("[data-choice-combobox]").forEach(function (box) {
    var hidden = box.querySelector('input[type="hidden"]');
    var opener = box.querySelector("[role=combobox]");
    var list = box.querySelector("[role=listbox]");
    function open(on) {
      list.hidden = !on;
      opener.setAttribute("aria-expanded", on ? "true" : "false");
    }
    opener.addEventListener("click", function () { open(list.hidden); });
    list.querySelectorAll("[role=option]").forEach(function (option) {
      option.addEventListener("click", function () {
        hidden.value = option.getAttribute("data-value");
        opener.textContent = option.textContent;
        list.querySelectorAll("[role=option]").forEach(function (o) {
          o.setAttribute("aria-selected", o === option ? "true" : "false");
        });
        open(false);
      });
    });
  });
  form.querySelectorAll("[data-choice-buttons]").forEach(function (row) {
    var hidden = row.querySelector('input[type="hidden"]');
    row.querySelectorAll("button[data-value]").forEach(function (button) {
      button.addEventListener("click", function () {
        hidden.value = button.getAttribute("data-value");
        row.querySelectorAll("button[data-value]").forEach(function (b) {
          b.setAttribute("aria-pressed", b === button ? "true" : "false");
        });
      });
    });
  });

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
