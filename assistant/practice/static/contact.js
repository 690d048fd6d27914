/* Practice contact forms: routing question, country typeahead, background submit, code step,
   errors after Send and the confirmation in its configured style. */
(function () {
  "use strict";
  var cfg = window.practiceConfig || {};
  var strings = cfg.strings || {};
  var activate = window.practiceActivate;
  var root = document.getElementById("contact-root");
  if (!root) return;
  var formId = "";
  var locale = "";
  var busy = false;

  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  function setupTypeahead(input) {
    var list = document.getElementById(input.getAttribute("aria-controls"));
    var box = input.parentNode;
    var hidden = box.querySelector('input[type="hidden"]');
    var empty = box.querySelector(".typeahead-empty");
    var all = (cfg.countries || []).map(function (c) {
      return { code: c[0], name: c[1], key: fold(c[1]) };
    });
    var items = [];
    var active = -1;

    function close() {
      list.hidden = true;
      empty.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }
    function choose(item) {
      input.value = item.name;
      hidden.value = item.code;
      input.removeAttribute("aria-invalid");
      close();
    }
    function render() {
      var q = fold(input.value.trim());
      list.innerHTML = "";
      items = [];
      active = -1;
      if (!q) { close(); return; }
      var starts = [], words = [], inside = [];
      all.forEach(function (c) {
        if (c.key.indexOf(q) === 0) starts.push(c);
        else if (c.key.split(/[\s\-(),.]+/).some(function (w) { return w.indexOf(q) === 0; })) words.push(c);
        else if (c.key.indexOf(q) > 0) inside.push(c);
      });
      items = starts.concat(words, inside).slice(0, 8);
      if (!items.length) {
        list.hidden = true;
        empty.hidden = false;
        input.setAttribute("aria-expanded", "false");
        return;
      }
      empty.hidden = true;
      items.forEach(function (item, i) {
        var li = document.createElement("li");
        li.id = list.id + "-opt-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.textContent = item.name;
        li.addEventListener("mousedown", function (ev) { ev.preventDefault(); });
        li.addEventListener("click", function () { choose(item); });
        list.appendChild(li);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }
    function move(delta) {
      if (!items.length) return;
      active = (active + delta + items.length) % items.length;
      Array.prototype.forEach.call(list.children, function (li, i) {
        li.setAttribute("aria-selected", i === active ? "true" : "false");
        li.classList.toggle("active", i === active);
      });
      input.setAttribute("aria-activedescendant", list.children[active].id);
      list.children[active].scrollIntoView({ block: "nearest" });
    }
    input.addEventListener("input", function () { hidden.value = ""; render(); });
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "ArrowDown") { ev.preventDefault(); if (list.hidden) render(); move(1); }
      else if (ev.key === "ArrowUp") { ev.preventDefault(); move(-1); }
      else if (ev.key === "Enter" && !list.hidden && items.length) {
        ev.preventDefault();
        choose(items[active >= 0 ? active : 0]);
      } else if (ev.key === "Escape") { close(); }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
  }

  /* the live "12/500" counter below a text box with a length limit */
  function setupCounter(box) {
    var counter = document.getElementById(box.getAttribute("data-counter"));
    if (!counter) return;
    var max = counter.getAttribute("data-counter-max");
    function update() { counter.textContent = box.value.length + "/" + max; }
    box.addEventListener("input", update);
    update();
  }

  function collect(unit) {
    var pairs = [];
    var hasFile = false;
    unit.querySelectorAll("input[name], select[name], textarea[name]").forEach(function (field) {
      if (field.disabled) return;
      if ((field.type === "checkbox" || field.type === "radio") && !field.checked) return;
      if (field.type === "file") {
        hasFile = true;
        if (field.files && field.files[0]) pairs.push([field.name, field.files[0]]);
        return;
      }
      pairs.push([field.name, field.value]);
    });
    if (!unit.querySelector('input[name="support_form_id"]')) {
      pairs.push(["support_form_id", formId], ["support_form_locale_id", locale]);
    }
    var body = hasFile ? new FormData() : new URLSearchParams();
    pairs.forEach(function (p) { body.append(p[0], p[1]); });
    return body;
  }

  function clearErrors(unit) {
    unit.querySelectorAll("[data-error-for], .submit-problem").forEach(function (box) {
      box.hidden = true;
      box.textContent = "";
    });
    unit.querySelectorAll("[aria-invalid]").forEach(function (f) { f.removeAttribute("aria-invalid"); });
  }

  function showError(unit, name, message) {
    var box = unit.querySelector('[data-error-for="' + name + '"]') ||
      unit.querySelector('[data-error-for="__form__"]');
    if (!box) return null;
    box.textContent = message;
    box.hidden = false;
    var field = unit.querySelector('[name="' + name + '"]');
    if (!field) return null;
    if (field.type === "radio") {
      var group = field.closest("[role=radiogroup]");
      if (group) group.setAttribute("aria-invalid", "true");
      return field;
    }
    field.setAttribute("aria-invalid", "true");
    if (box.id) {
      var ids = (field.getAttribute("aria-describedby") || "").split(" ").filter(Boolean);
      if (ids.indexOf(box.id) < 0) ids.push(box.id);
      field.setAttribute("aria-describedby", ids.join(" "));
    }
    return field;
  }

  /* a refused submit (HTTP error) shown as plain text above Send, not as an alert */
  function showProblem(unit, message) {
    var box = unit.querySelector(".submit-problem");
    if (!box) {
      box = document.createElement("div");
      box.className = "submit-problem";
      var actions = unit.querySelector(".actions");
      actions.parentNode.insertBefore(box, actions);
    }
    box.textContent = message;
    box.hidden = false;
  }

  function setBusy(send, on) {
    busy = on;
    if (!send) return;
    if (send.tagName === "BUTTON") send.disabled = on;
    else send.setAttribute("aria-disabled", on ? "true" : "false");
  }

  function focusHeading(scope) {
    var heading = scope.querySelector("h1, h2");
    if (heading) heading.focus();
  }

  /* a confirmation dialog over the page; afterClose runs once it is closed */
  function showDialog(html, afterClose) {
    var holder = document.createElement("div");
    holder.innerHTML = html;
    var overlay = holder.firstElementChild;
    document.body.appendChild(overlay);
    activate(overlay.querySelector("[data-close-dialog]"), function () {
      overlay.remove();
      afterClose();
    });
    focusHeading(overlay);
  }

  /* the confirmation styles other than the default in-place block */
  function confirm(unit, data) {
    var body = document.getElementById("contact-body");
    if (data.style === "navigate") {
      window.location.assign(data.redirect);
    } else if (data.style === "page") {
      root.innerHTML = data.html;
      focusHeading(root);
    } else if (data.style === "toast") {
      body.innerHTML = "";
      document.getElementById("toast-region").textContent = data.message;
    } else if (data.style === "dialog") {
      showDialog(data.dialog, function () {
        if (unit.tagName === "FORM") unit.reset();
      });
    } else {
      body.innerHTML = data.html;
      focusHeading(body);
    }
  }

  function handle(unit, data) {
    if (!data.ok && data.step === "form") {
      var fresh = document.getElementById("contact-body");
      fresh.innerHTML = data.html;
      init(fresh);
      return;
    }
    if (!data.ok) {
      var first = null;
      Object.keys(data.errors || {}).forEach(function (name) {
        var field = showError(unit, name, data.errors[name]);
        if (!first && field) first = field;
      });
      if (first && first.focus) first.focus();
      return;
    }
    var body = document.getElementById("contact-body");
    if (data.step === "code") {
      body.innerHTML = data.html;
      init(body);
      focusHeading(body);
      return;
    }
    if (data.style) {
      confirm(unit, data);
      return;
    }
    if (data.dialog) {
      body.innerHTML = "";
      showDialog(data.dialog, function () {
        body.innerHTML = data.html;
      });
      return;
    }
    body.innerHTML = data.html;
    focusHeading(body);
  }

  function submit(unit, send) {
    if (busy) return;
    clearErrors(unit);
    setBusy(send, true);
    fetch(cfg.submitUrl, {
      method: "POST",
      body: collect(unit),
      credentials: "same-origin",
      headers: { "X-Requested-With": "XMLHttpRequest", "Accept": "application/json" }
    }).then(function (r) {
      return r.json().then(function (data) { return [r, data]; }, function () { return [r, null]; });
    }).then(function (answer) {
      var r = answer[0], data = answer[1];
      setBusy(send, false);
      if (!r.ok && data && data.error && !data.errors) showProblem(unit, data.error);
      else if (data && window.practiceAfterSend &&
               window.practiceAfterSend(unit, data, function () { submit(unit, send); })) return;
      else if (data) handle(unit, data);
      else showError(unit, "__form__", strings.err_generic);
    }).catch(function () { setBusy(send, false); showError(unit, "__form__", strings.err_generic); });
  }

  /* a form in steps (same page): Next checks the first screen's fields, then shows the second */
  function setupScreens(unit) {
    var next = unit.querySelector("[data-form-next]");
    var one = unit.querySelector('[data-form-screen="1"]');
    var two = unit.querySelector('[data-form-screen="2"]');
    if (!next || !one || !two) return;
    activate(next, function (ev) {
      if (ev && next.tagName === "A") ev.preventDefault(); /* a link styled as a button */
      var error = one.querySelector("[data-step-error]");
      var empty = Array.prototype.filter.call(one.querySelectorAll("input[name], select[name]"), function (f) {
        if (f.type === "radio") return !one.querySelector('input[name="' + f.name + '"]:checked');
        return f.type !== "checkbox" && !f.value.trim();
      });
      if (empty.length) {
        error.textContent = strings.err_generic;
        error.hidden = false;
        return;
      }
      error.hidden = true;
      one.hidden = true;
      two.hidden = false;
      fetch("/__practice__/screen", { method: "POST", credentials: "same-origin" }).catch(function () {});
      var first = two.querySelector("input:not([type=hidden]), select, textarea");
      if (first) first.focus();
    });
  }

  /* the request type as an ARIA combobox or a row of buttons: practice.js sets them up */
  function setupChoices(scope) { window.practiceChoices(scope); }

  function bindUnit(unit) {
    setupScreens(unit);
    var send = unit.querySelector("[data-practice-send]");
    if (unit.tagName === "FORM") {
      unit.addEventListener("submit", function (ev) { ev.preventDefault(); submit(unit, send); });
      if (send && send.tagName !== "BUTTON") activate(send, function () { submit(unit, send); });
    } else if (send) {
      activate(send, function () { submit(unit, send); });
    }
  }

  /* "Is your request about AI at Meta?": Yes brings the form out of its template, No a dead end */
  function setupRouting(scope) {
    var box = scope.querySelector("[data-routing]");
    if (!box) return;
    var body = document.getElementById("contact-body");
    var formTemplate = body.querySelector("#contact-form-template");
    var deadEnd = body.querySelector("#routing-dead-end");
    function answer(yes) {
      var content = (yes ? formTemplate : deadEnd).content.cloneNode(true);
      body.innerHTML = "";
      body.appendChild(content);
      if (yes) init(body); else focusHeading(body);
    }
    if (box.getAttribute("data-routing") !== "buttons") {
      var error = box.querySelector("[data-routing-error]");
      activate(box.querySelector("[data-routing-next]"), function () {
        /* radios, a native list, or the hidden value of a list that opens on a click */
        var chosen = box.querySelector("input[name=routing_answer]:checked") ||
          box.querySelector("select[name=routing_answer], input[type=hidden][name=routing_answer]");
        if (!chosen || !chosen.value) {
          error.textContent = strings.routing_choose;
          error.hidden = false;
          return;
        }
        answer(chosen.value === "yes");
      });
    } else {
      box.querySelectorAll("[data-routing-answer]").forEach(function (button) {
        activate(button, function () { answer(button.getAttribute("data-routing-answer") === "yes"); });
      });
    }
  }

  function init(scope) {
    setupRouting(scope);
    var id = scope.querySelector('input[name="support_form_id"]');
    if (id) formId = id.value;
    var loc = scope.querySelector('input[name="support_form_locale_id"]');
    if (loc) locale = loc.value;
    scope.querySelectorAll("[data-typeahead]").forEach(setupTypeahead);
    setupChoices(scope);
    scope.querySelectorAll("[data-counter]").forEach(setupCounter);
    scope.querySelectorAll("[data-contact-unit]").forEach(bindUnit);
    /* the first screen of a form in steps whose Next is a link: the link posts the form */
    scope.querySelectorAll("a[data-form-next][data-submits]").forEach(function (link) {
      activate(link, function (ev) {
        ev.preventDefault();
        var form = link.closest("form");
        if (form) form.requestSubmit ? form.requestSubmit() : form.submit();
      });
    });
  }

  var deferred = document.getElementById("contact-deferred");
  if (deferred) {
    setTimeout(function () {
      var content = deferred.content.cloneNode(true);
      root.innerHTML = "";
      root.appendChild(content);
      init(root);
    }, cfg.delayMs || 0);
  } else {
    init(root);
  }
})();
