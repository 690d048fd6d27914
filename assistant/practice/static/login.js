/* Practice login and security-check pages: optional self-typing stand-in for a person. */
(function () {
  "use strict";
  var cfg = window.practiceConfig || {};
  if (!cfg.autoLogin) return;
  var form = document.getElementById("login-form") || document.getElementById("checkpoint-form");
  if (!form) return;

  var keyMs = Number(cfg.autoLoginKeyMs);
  if (!(keyMs >= 0)) keyMs = 30;

  function typeInto(input, text, done) {
    window.practiceTypeInto(input, text, done, keyMs);
  }

  function send() {
    if (form.requestSubmit) form.requestSubmit(); else form.submit();
  }

  setTimeout(function () {
    if (form.id === "login-form") {
      typeInto(form.querySelector("#login-user"), "practice", function () {
        typeInto(form.querySelector("#login-pass"), "practice-password", send);
      });
    } else {
      typeInto(form.querySelector("#approvals-code"), "123456", send);
    }
  }, (Number(cfg.autoLoginDelay) || 0) * 1000);
})();
