/* Practice settings pages: each control saves a change with a background POST (saveMode
   "on-change"), or the page's Save button / sticky bar posts the changes made ("save-button",
   "sticky-bar"). firstPaint "slow"/"placeholder": the real controls are drawn paintDelay ms after
   the page (from a <template>); longPollUrl: a background request that stays open, again and again. */
(function () {
  "use strict";
  var cfg = window.practiceConfig || {};
  var T = cfg.texts || {};
  var statusBox = document.querySelector("[data-save-status]");
  var saveMode = cfg.saveMode || "on-change";
  var pending = [];  /* [element, state] changed but not saved yet (a Save button's page) */

  function readState(el) {
    var kind = el.getAttribute("data-kind");
    if (kind === "checkbox" || kind === "checkbox-switch") return el.checked;
    if (kind === "md-switch") return el.selected;
    if (kind === "react") return el.getAttribute("data-on") === "true";
    if (kind === "pressed-button") return el.getAttribute("aria-pressed") === "true";
    if (kind === "menu-dialog") return el.getAttribute("aria-haspopup") === "menu";
    return el.getAttribute("aria-checked") === "true";
  }

  function showState(el, on) {
    var kind = el.getAttribute("data-kind");
    if (kind === "react") return;  /* the component shows its own state */
    if (kind === "md-switch") el.selected = on;
    else if (kind === "checkbox" || kind === "checkbox-switch") el.checked = on;
    else if (kind === "pressed-button") {
      el.setAttribute("aria-pressed", String(on));
      el.textContent = on ? T.q_enabled : T.q_disabled;
    } else if (kind === "menu-dialog") {
      if (on) {
        el.setAttribute("aria-haspopup", "menu");
        el.setAttribute("aria-expanded", "false");
        el.innerHTML = "";
        el.appendChild(document.createTextNode(T.g_turn_off));
        var caret = document.createElement("span");
        caret.className = "caret";
        caret.setAttribute("aria-hidden", "true");
        caret.textContent = " \u25be";
        el.appendChild(caret);
      } else {
        el.removeAttribute("aria-haspopup");
        el.removeAttribute("aria-expanded");
        el.textContent = T.g_turn_on;
      }
    } else el.setAttribute("aria-checked", String(on));
    var scope = el.closest(".setting-row, .switch-wrap, .spectrum-Switch, .g-card") || document;
    scope.querySelectorAll("[data-state-text]").forEach(function (text) {
      text.textContent = on ? T.on : T.off;
    });
  }

  function say(text) {
    if (!statusBox) return;
    statusBox.textContent = "";
    setTimeout(function () { statusBox.textContent = text; }, 30);
  }

  function post(el, on) {
    var item = el.getAttribute("data-item");
    var url = String(cfg.saveUrl || "").replace("{item}", encodeURIComponent(item || ""));
    var body = { setting: el.getAttribute("data-setting"), value: on };
    if (item) body.item = item;
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(body)
    }).then(function (answer) {
      return answer.json().then(function (data) {
        if (!answer.ok || !data.ok) throw new Error(data.error || answer.status);
      });
    });
  }

  function save(el, on, done) {
    if (saveMode !== "on-change") return stage(el, on);
    showState(el, on);
    el.setAttribute("aria-busy", "true");
    post(el, on).then(function () {
      el.removeAttribute("aria-busy");
      say(cfg.service === "adobe" ? T.ad_saved : T.saved);
      if (done) done();
    }).catch(function () {
      el.removeAttribute("aria-busy");
      showState(el, !on);
      say(T.save_error);
    });
  }

  /* a modal dialog; resolves with true (confirm) or false (cancel, Escape) */
  function dialog(title, text, confirmLabel, answer) {
    var overlay = document.createElement("div");
    overlay.className = "overlay";
    var box = document.createElement("div");
    box.className = "dialog";
    box.setAttribute("role", "dialog");
    box.setAttribute("aria-modal", "true");
    box.setAttribute("aria-labelledby", "setting-dialog-title");
    var heading = document.createElement("h2");
    heading.id = "setting-dialog-title";
    heading.textContent = title;
    var para = document.createElement("p");
    para.textContent = text;
    var actions = document.createElement("div");
    actions.className = "dialog-actions";
    var cancel = document.createElement("button");
    cancel.type = "button";
    cancel.className = "btn secondary";
    cancel.textContent = T.cancel;
    var ok = document.createElement("button");
    ok.type = "button";
    ok.className = "btn primary";
    ok.textContent = confirmLabel;
    actions.appendChild(cancel);
    actions.appendChild(ok);
    box.appendChild(heading);
    box.appendChild(para);
    box.appendChild(actions);
    overlay.appendChild(box);
    document.body.appendChild(overlay);
    ok.focus();
    function close(result) {
      document.removeEventListener("keydown", onKey, true);
      overlay.remove();
      answer(result);
    }
    function onKey(ev) {
      if (ev.key === "Escape") { ev.preventDefault(); close(false); }
    }
    document.addEventListener("keydown", onKey, true);
    cancel.addEventListener("click", function () { close(false); });
    ok.addEventListener("click", function () { close(true); });
  }

  function labelOf(el) {
    var ids = el.getAttribute("aria-labelledby");
    if (ids) {
      return ids.split(/\s+/).map(function (id) {
        var found = document.getElementById(id);
        return found ? found.textContent.trim() : "";
      }).join(" ");
    }
    if (el.getAttribute("aria-label")) return el.getAttribute("aria-label");
    if (el.labels && el.labels.length) return el.labels[0].textContent.trim();
    return "";
  }

  /* a page with a Save button: the change is shown and waits for Save */
  function stage(el, on) {
    showState(el, on);
    pending = pending.filter(function (p) { return p[0] !== el; });
    pending.push([el, on]);
    var bar = document.querySelector("[data-sticky-save]");
    if (bar) bar.hidden = false;
    document.querySelectorAll("[data-page-save]").forEach(function (b) { b.disabled = false; });
  }

  function saveAll(button) {
    var changes = pending;
    pending = [];
    button.disabled = true;
    button.setAttribute("aria-busy", "true");
    Promise.all(changes.map(function (p) { return post(p[0], p[1]); })).then(function () {
      button.removeAttribute("aria-busy");
      var bar = document.querySelector("[data-sticky-save]");
      if (bar) { bar.hidden = true; button.disabled = false; }
      say(T.saved);
    }).catch(function () {
      button.removeAttribute("aria-busy");
      button.disabled = false;
      pending = changes;
      say(T.save_error);
    });
  }

  function change(el, on) {
    reconnect();
    if (!cfg.confirm) return save(el, on);
    dialog(
      on ? T.confirm_on_title : T.confirm_off_title,
      T.confirm_text.replace("{label}", labelOf(el)),
      on ? T.confirm_on : T.confirm_off,
      function (yes) {
        if (yes) save(el, on);
        el.focus();
      }
    );
  }

  function setupToggle(el) {
    var kind = el.getAttribute("data-kind");
    if (kind === "md-switch") {
      el.addEventListener("change", function () { change(el, el.selected); });
      return;
    }
    if (kind === "react") {
      el.addEventListener("practice-change", function (ev) {
        el.setAttribute("data-on", String(ev.detail.on));
        change(el, ev.detail.on);
      });
      return;
    }
    if (kind === "checkbox" || kind === "checkbox-switch") {
      el.addEventListener("change", function () {
        var wanted = el.checked;
        el.checked = !wanted; /* until saved (or confirmed) */
        change(el, wanted);
      });
      return;
    }
    el.addEventListener("click", function () {
      if (el.getAttribute("aria-busy") === "true") return;
      change(el, !readState(el));
    });
    if (el.tagName !== "BUTTON") {
      el.addEventListener("keydown", function (ev) {
        if (ev.key === " " || ev.key === "Enter") {
          ev.preventDefault();
          el.click();
        }
      });
    }
  }

  /* Google: "Turn off" opens a menu; its items open a dialog; "Turn on" saves directly */
  function setupMenu(el) {
    var menu = document.getElementById(el.getAttribute("aria-controls") || "g-menu");
    function closeMenu() {
      menu.hidden = true;
      if (readState(el)) el.setAttribute("aria-expanded", "false");
    }
    el.addEventListener("click", function (ev) {
      ev.stopPropagation();
      if (!readState(el)) return save(el, true);
      var open = menu.hidden;
      menu.hidden = !open;
      el.setAttribute("aria-expanded", String(open));
      if (open) menu.querySelector("[role=menuitem]").focus();
    });
    menu.querySelectorAll("[role=menuitem]").forEach(function (entry) {
      function pick() {
        closeMenu();
        var deleting = entry.getAttribute("data-action") === "off-delete";
        dialog(
          deleting ? T.g_dialog_delete_title : T.g_dialog_title,
          T.g_dialog_text,
          T.g_turn_off,
          function (yes) {
            if (yes) save(el, false);
            el.focus();
          }
        );
      }
      entry.addEventListener("click", pick);
      entry.addEventListener("keydown", function (ev) {
        if (ev.key === "Enter" || ev.key === " ") { ev.preventDefault(); pick(); }
        if (ev.key === "Escape") { closeMenu(); el.focus(); }
      });
    });
    document.addEventListener("click", function (ev) {
      if (!menu.hidden && !menu.contains(ev.target)) closeMenu();
    });
  }

  function setupAll(root) {
    root.querySelectorAll("[data-page-save]").forEach(function (button) {
      button.addEventListener("click", function () { if (pending.length) saveAll(button); });
    });
    root.querySelectorAll("[data-page-discard]").forEach(function (button) {
      button.addEventListener("click", function () { location.reload(); });
    });
    root.querySelectorAll("[data-setting]").forEach(function (el) {
      if (el.getAttribute("data-kind") === "react") el.setAttribute("data-on", el.getAttribute("data-checked"));
      if (el.getAttribute("data-kind") === "menu-dialog") setupMenu(el);
      else setupToggle(el);
    });
    if (window.practiceMountSwitches) window.practiceMountSwitches(root);
  }

  /* the real controls arrive after the first paint (a heading, or greyed-out copies) */
  function drawLater() {
    var first = document.querySelector("[data-first-paint]");
    var real = document.querySelector("template[data-real-content]");
    if (!first || !real) return false;
    setTimeout(function () {
      var drawn = document.createElement("div");
      drawn.setAttribute("data-drawn", "");
      drawn.appendChild(real.content.cloneNode(true));
      first.replaceWith(drawn);  /* in the document first: a control may look up its menu by id */
      real.remove();
      setupAll(drawn);
    }, Number(cfg.paintDelay || 0));
    return true;
  }

  /* the page's realtime channel: a request kept open, opened again when it ends and after a change */
  var poll = null;
  function longPoll() {
    var mine = poll = new AbortController();
    fetch(cfg.longPollUrl, { credentials: "same-origin", signal: mine.signal })
      .then(function () { if (poll === mine) longPoll(); },
            function () { if (poll === mine) setTimeout(longPoll, 1000); });
  }
  function reconnect() {
    if (!cfg.longPollUrl) return;
    if (poll) poll.abort();
    longPoll();
  }

  /* the sticky bar is outside the drawn content: it is set up at once */
  var bar = document.querySelector("[data-sticky-save]");
  if (bar && document.querySelector("[data-first-paint]")) setupAll(bar);
  if (!drawLater()) setupAll(document);
  if (cfg.longPollUrl) longPoll();
})();
