/* Practice copies of the AI assistants' apps (assistant_pages.py): single-page apps that ask
   the server for the account's settings and draw them late.
   ChatGPT: a Settings dialog over the app (#settings/DataControls), a row "Improve the model for
   everyone  On" opening a sub-dialog with the switch and "Done"; the change is sent on Done only.
   Claude, Perplexity, Le Chat: the page's placeholder (disabled, aria-busy, the wrong state) is
   replaced by the real switch after paintDelay; each change is sent at once.
   Login pages: "Continue with Google" goes through Google's sign-in and the service's callback;
   autoProvider: the practice stand-in person takes that way. */
(function () {
  "use strict";
  var cfg = window.practiceConfig || {};
  var t = cfg.texts || {};

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === "text") node.textContent = attrs[name];
      else node.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) { node.appendChild(child); });
    return node;
  }

  function post(url, data) {
    var body = Object.keys(data).map(function (k) {
      return encodeURIComponent(k) + "=" + encodeURIComponent(data[k]);
    }).join("&");
    return fetch(url, {
      method: "POST", credentials: "same-origin", body: body,
      headers: { "Content-Type": "application/x-www-form-urlencoded" }
    }).then(function (r) { return r.json(); });
  }

  function loadState() {
    return new Promise(function (resolve) { setTimeout(resolve, Number(cfg.paintDelay) || 0); })
      .then(function () { return fetch(cfg.stateUrl, { credentials: "same-origin" }); })
      .then(function (r) { return r.json(); });
  }

  /* a background request kept open, again and again (setting_long_poll) */
  function longPoll() {
    if (!cfg.longPollUrl) return;
    fetch(cfg.longPollUrl, { credentials: "same-origin" })
      .then(longPoll, function () { setTimeout(longPoll, 1000); });
  }

  // -- login pages ---------------------------------------------------------------------------
  if (cfg.page === "login") {
    var next = document.querySelector("[data-next]");
    if (next && location.hash && next.value.indexOf("#") < 0) next.value += location.hash;
    var provider = document.querySelector("[data-provider]");
    if (provider) {
      provider.addEventListener("click", function () {
        var back = provider.getAttribute("data-callback") + "?" +
          encodeURIComponent(next.name) + "=" + encodeURIComponent(next.value);
        location.href = provider.getAttribute("data-sign-in") + "?continue=" + encodeURIComponent(back);
      });
      if (cfg.autoProvider) {
        setTimeout(function () { provider.click(); }, (Number(cfg.autoLoginDelay) || 0) * 1000);
      }
    }
    return;
  }

  longPoll();

  function switchButton(attrs, on, onToggle) {
    var button = el("button", Object.assign({ type: "button", role: "switch", "class": "a-switch",
      "aria-checked": on ? "true" : "false" }, attrs));
    button.addEventListener("click", function () {
      var now = button.getAttribute("aria-checked") !== "true";
      button.setAttribute("aria-checked", now ? "true" : "false");
      onToggle(now, button);
    });
    return button;
  }

  function saveAtOnce(key) {
    return function (now, control) {
      post(cfg.saveUrl, { setting: key, value: now ? "true" : "false" }).then(function (answer) {
        if (!answer.ok) throw new Error(answer.error || "refused");
      }).catch(function () {  /* back to what the server has */
        if (control.type === "checkbox") control.checked = !now;
        else control.setAttribute("aria-checked", now ? "false" : "true");
        var error = document.querySelector(".a-error");
        if (error) error.textContent = t.save_error;
      });
    };
  }

  // -- Claude, Perplexity, Le Chat: a settings page drawn over its placeholder ----------------
  if (cfg.page === "settings") {
    loadState().then(function (data) {
      var p = { claude: "cl", perplexity: "px", lechat: "lc" }[cfg.service];
      var rows = [];
      var label, control;
      if (cfg.service === "perplexity") {
        control = el("input", { type: "checkbox", role: "switch", id: "px-ai-data", "class": "a-switch" });
        control.checked = !!data.value;
        control.addEventListener("change", function () { saveAtOnce(cfg.key)(control.checked, control); });
        label = el("label", { "for": "px-ai-data", "class": "a-label", text: t.px_label });
      } else {
        var named = cfg.service === "claude" ? { "aria-labelledby": "a-label" } : { "aria-label": t[p + "_label"] };
        control = switchButton(named, !!data.value, saveAtOnce(cfg.key));
        label = el("span", { id: "a-label", "class": "a-label", text: t[p + "_label"] });
      }
      rows.push(el("div", { "class": "a-row" }, [
        el("div", {}, [label, el("p", { "class": "a-help", text: t[p + "_text"] })]), control]));
      if (t[p + "_neighbour"]) {
        var other = switchButton({ "aria-labelledby": "a-neighbour" }, !!data.neighbour, saveAtOnce(cfg.neighbourKey));
        rows.push(el("div", { "class": "a-row" }, [el("div", {}, [
          el("span", { id: "a-neighbour", "class": "a-label", text: t[p + "_neighbour"] }),
          el("p", { "class": "a-help", text: t[p + "_neighbour_text"] || "" })]), other]));
      }
      rows.push(el("p", { "class": "a-error", role: "status" }));
      var section = el("section", { "class": "a-settings" }, rows);
      var old = document.querySelector("[data-placeholder]");
      old.parentNode.replaceChild(section, old);
    });
    return;
  }

  // -- ChatGPT: the Settings dialog over the app ------------------------------------------------
  if (cfg.service !== "chatgpt") return;
  var state = null;  // the server's state, once loaded
  var overlay = null;

  function value(on) { return on ? t.on : t.off; }

  function closeSettings() {
    if (overlay) overlay.remove();
    overlay = null;
    if (location.hash) history.replaceState(null, "", location.pathname + location.search);
  }

  function openSettings(tab) {
    if (overlay) overlay.remove();
    var panel = el("div", { "class": "a-panel", role: "tabpanel" });
    var tabs = [["General", t.cg_general], ["DataControls", t.cg_data_controls]].map(function (pair) {
      var button = el("button", { type: "button", role: "tab", "aria-selected": pair[0] === tab ? "true" : "false",
        text: pair[1] });
      button.addEventListener("click", function () { openSettings(pair[0]); });
      return button;
    });
    var close = el("button", { type: "button", "aria-label": t.cg_close, text: "×" });
    close.addEventListener("click", closeSettings);
    var dialog = el("div", { role: "dialog", "aria-modal": "true", "aria-labelledby": "cg-settings-title",
      "class": "a-dialog" }, [
      el("div", { "class": "a-dialog-head" }, [el("h2", { id: "cg-settings-title", text: t.cg_settings }), close]),
      el("div", { "class": "a-dialog-body" }, [el("div", { role: "tablist", "class": "a-tabs" }, tabs), panel])]);
    overlay = el("div", { "class": "a-overlay" }, [dialog]);
    document.body.appendChild(overlay);
    history.replaceState(null, "", "#settings/" + tab);
    if (tab !== "DataControls") {
      panel.appendChild(el("div", { "class": "a-row" }, [el("span", { text: t.cg_theme }),
        el("span", { text: t.cg_system })]));
      return;
    }
    panel.setAttribute("aria-busy", "true");
    panel.appendChild(el("p", { text: t.loading }));
    var drawn = state === null ? loadState().then(function (data) { state = !!data.value; }) : Promise.resolve();
    drawn.then(function () { drawDataControls(panel); });
  }

  function drawDataControls(panel) {
    panel.textContent = "";
    panel.removeAttribute("aria-busy");
    var row = el("button", { type: "button", "class": "a-row-btn", "aria-haspopup": "dialog" }, [
      el("span", { text: t.cg_label }), el("span", { "class": "a-value", "data-value": "", text: value(state) })]);
    row.addEventListener("click", function () { openModelImprovement(row); });
    panel.appendChild(row);
    [[t.cg_shared, t.cg_manage], [t.cg_archived, t.cg_manage], [t.cg_delete_all, t.cg_delete]].forEach(function (pair) {
      panel.appendChild(el("div", { "class": "a-row" }, [el("span", { text: pair[0] }),
        el("button", { type: "button", text: pair[1] })]));
    });
  }

  function openModelImprovement(row) {
    var draft = state;
    var toggle = switchButton({ "aria-label": t.cg_label }, draft, function (now) { draft = now; });
    var error = el("p", { "class": "a-error", role: "status" });
    var done = el("button", { type: "button", "class": "a-primary", text: t.cg_done });
    var close = el("button", { type: "button", "aria-label": t.cg_close, text: "×" });
    var sub = el("div", { role: "dialog", "aria-modal": "true", "aria-labelledby": "cg-sub-title",
      "class": "a-dialog a-sub" }, [
      el("div", { "class": "a-dialog-head" }, [el("h2", { id: "cg-sub-title", text: t.cg_dialog_title }), close]),
      el("div", { "class": "a-row" }, [el("div", {}, [el("span", { "class": "a-label", text: t.cg_label }),
        el("p", { "class": "a-help", text: t.cg_text })]), toggle]),
      error, el("div", { "class": "a-sub-actions" }, [done])]);
    var layer = el("div", { "class": "a-overlay" }, [sub]);
    document.body.appendChild(layer);
    function drop() { layer.remove(); document.removeEventListener("keydown", onKey); }
    function onKey(ev) { if (ev.key === "Escape") drop(); }  /* closed without Done: nothing sent */
    document.addEventListener("keydown", onKey);
    close.addEventListener("click", drop);
    done.addEventListener("click", function () {
      if (draft === state) return drop();
      done.disabled = true;
      post(cfg.saveUrl, { setting: cfg.key, value: draft ? "true" : "false" }).then(function (answer) {
        if (!answer.ok) throw new Error(answer.error || "refused");
        state = draft;
        var shown = row.querySelector("[data-value]");
        if (shown) shown.textContent = value(state);
        drop();
      }).catch(function () { error.textContent = t.save_error; done.disabled = false; });
    });
  }

  document.querySelectorAll("[data-open-settings]").forEach(function (button) {
    button.addEventListener("click", function () { openSettings("DataControls"); });
  });
  function fromHash() {
    var found = /^#settings(?:\/(\w+))?/.exec(location.hash);
    if (found) openSettings(found[1] === "DataControls" ? "DataControls" : "General");
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
})();
