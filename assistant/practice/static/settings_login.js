/* Practice login pages of the settings services: steps shown one after another inside
   one page, and the optional self-typing stand-in for a person (auto_login). */
(function () {
  "use strict";
  var cfg = window.practiceConfig || {};
  var form = document.querySelector("form[data-practice-login]");
  if (!form) return;

  function visible(el) {
    return !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
  }

  /* "Next" shows the following step once the current one is filled in */
  form.querySelectorAll("[data-step-next]").forEach(function (button) {
    button.addEventListener("click", function () {
      var step = button.closest(".login-step");
      var empty = Array.prototype.filter.call(step.querySelectorAll("input"), function (input) {
        return !input.value.trim();
      });
      if (empty.length) {
        empty[0].setAttribute("aria-invalid", "true");
        empty[0].focus();
        return;
      }
      var following = step.nextElementSibling;
      step.hidden = true;
      if (following) {
        following.hidden = false;
        var first = following.querySelector("input");
        if (first) first.focus();
      }
    });
  });
  /* Enter in a step that has a "Next" button goes to the next step, not to the server */
  form.addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter" || ev.target.tagName !== "INPUT") return;
    var next = ev.target.closest(".login-step").querySelector("[data-step-next]");
    if (next) {
      ev.preventDefault();
      next.click();
    }
  });

  if (!cfg.autoLogin) return;
  var values = { user: cfg.autoUser || "practice", password: "practice-password", code: "123456" };

  var keyMs = Number(cfg.autoLoginKeyMs);
  if (!(keyMs >= 0)) keyMs = 30;

  function typeInto(input, text, done) {
    window.practiceTypeInto(input, text, done, keyMs);
  }

  function fill(inputs, done) {
    if (!inputs.length) return done();
    typeInto(inputs[0], values[inputs[0].getAttribute("data-fill")] || "x", function () {
      fill(inputs.slice(1), done);
    });
  }

  var rounds = 0;
  function step() {
    if (++rounds > 8) return;
    var inputs = Array.prototype.filter.call(form.querySelectorAll("input[data-fill]"), function (el) {
      return visible(el) && !el.value;
    });
    fill(inputs, function () {
      var go = Array.prototype.filter.call(form.querySelectorAll("[data-practice-go]"), visible)[0];
      if (!go) return;
      var inPage = go.hasAttribute("data-step-next");
      go.click();
      if (inPage) setTimeout(step, 300); /* the next step is in this page; else the page goes */
    });
  }
  setTimeout(step, (Number(cfg.autoLoginDelay) || 0) * 1000);
})();
