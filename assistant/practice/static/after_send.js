/* Practice contact forms: what can stand between Send and the answer (after_send.py): the login
   page after a session ended, or a security check that must be completed before the request is
   kept. With autoLogin, a practice stand-in for the person completes the check. */
(function () {
  "use strict";
  var cfg = window.practiceConfig || {};

  /* contact.js hands every answer to Send here first; true: handled (nothing else to do) */
  window.practiceAfterSend = function (unit, data, sendAgain) {
    if (data.login) {
      window.location.assign(data.login);
      return true;
    }
    if (data.step !== "challenge") return false;
    var holder = document.createElement("div");
    holder.innerHTML = data.html;
    var check = holder.firstElementChild;
    if (data.dialog) {
      document.body.appendChild(check);
    } else {
      var actions = unit.querySelector(".actions");
      actions.parentNode.insertBefore(check, actions);
    }
    var answer = check.querySelector("[data-practice-guard=challenge]");
    var robot = check.querySelector("input[type=checkbox]");
    var go = check.querySelector("[data-challenge-continue]");
    function ready() { go.disabled = !(answer.value.trim() && robot.checked); }
    answer.addEventListener("input", ready);
    robot.addEventListener("change", ready);
    ready();
    go.addEventListener("click", function () {
      if (go.disabled) return;
      [["challenge_answer", answer.value], ["challenge_robot", "1"]].forEach(function (pair) {
        var kept = document.createElement("input");
        kept.type = "hidden";
        kept.name = pair[0];
        kept.value = pair[1];
        unit.appendChild(kept);
      });
      check.remove();
      sendAgain();
    });
    var first = check.querySelector("h2");
    if (first) first.focus();
    if (cfg.autoLogin) standIn(answer, robot, go);
    return true;
  };

  /* the practice stand-in for the person: types the letters, ticks the box, goes on */
  function standIn(answer, robot, go) {
    var keyMs = Number(cfg.autoLoginKeyMs);
    if (!(keyMs >= 0)) keyMs = 30;
    setTimeout(function () {
      if (!document.contains(answer)) return;
      window.practiceTypeInto(answer, "k7wq2", function () {
        if (!robot.checked) robot.click();
        go.click();
      }, keyMs);
    }, (Number(cfg.autoLoginDelay) || 0) * 1000);
  }
})();
