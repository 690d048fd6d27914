"""JavaScript the engine runs in the page, and how it finds dialogs: kept apart from the steps.

Each function is small and read-only, except ``HIGHLIGHT_JS`` and
``GROW_TEXTAREAS_JS``, which only change how the form looks for the review, and
``WATCH_JS``, which keeps two times on ``window``.
"""

_CHANGES = "{subtree: true, childList: true, characterData: true, attributes: true, attributeOldValue: true}"
# Whether a batch of changes may have shown something new: an element or some text added, an
# element un-hidden, or a visible element restyled. A list closing, an element hidden, a state
# attribute (aria-expanded, value) or a text changing in place show nothing new.
_SHOWS = """records => records.some(m => {
    if (m.type === 'childList') return Array.from(m.addedNodes).some(
      n => n.nodeType === 1 || (n.nodeType === 3 && n.textContent.trim() !== ''));
    if (m.type !== 'attributes' || m.target.nodeType !== 1) return false;
    const el = m.target, name = m.attributeName;
    if ((name === 'hidden' || name === 'open' || name === 'aria-hidden') && m.oldValue === null) return false;
    if (!['hidden', 'open', 'aria-hidden', 'style', 'class'].includes(name)) return false;
    return el.checkVisibility ? el.checkVisibility() : el.getClientRects().length > 0; })"""
#: Installed before a document's own scripts run (main frame only): keeps on ``window`` the time
#: of the document's last change and of the last one that may have shown something new.
WATCH_JS = (
    """(() => { if (window !== window.top || window.__objectorChangedAt !== undefined) return;
  const shows = """
    + _SHOWS
    + """;
  window.__objectorChangedAt = window.__objectorShownAt = performance.now();
  new MutationObserver(records => {
    const now = performance.now();
    window.__objectorChangedAt = now;
    if (shows(records)) window.__objectorShownAt = now;
  }).observe(document, """
    + _CHANGES
    + """); })()"""
)
#: Resolves once the document has gone ``quiet`` ms without a change (true), or after ``most`` ms
#: while it keeps changing (false); with ``shown``, only changes that may show something new
#: count. The quiet counts from the last such change the watch saw, if any, but not from
#: earlier than ``since`` ms ago.
QUIET_JS = (
    """(_root, [quiet, most, since, shown]) => new Promise(resolve => {
  const shows = """
    + _SHOWS
    + """;
  const now = performance.now();
  const last = shown ? window.__objectorShownAt : window.__objectorChangedAt;
  const known = typeof last === 'number' && last <= now ? now - last : 0;
  const still = Math.min(quiet, known, since);
  let timer = 0;
  const finish = result => {
    observer.disconnect(); clearTimeout(timer); clearTimeout(limit); resolve(result);
  };
  const observer = new MutationObserver(records => {
    if (shown && !shows(records)) return;
    clearTimeout(timer); timer = setTimeout(finish, quiet, true);
  });
  observer.observe(document, """
    + _CHANGES
    + """);
  timer = setTimeout(finish, quiet - still, true);
  const limit = setTimeout(finish, most, false);
})"""
)
#: Resolves at the document's first change (true, not before ``least`` ms), or after ``most`` ms.
CHANGED_JS = (
    """(_root, [least, most]) => new Promise(resolve => {
  const start = performance.now();
  let done = false;
  const finish = changed => {
    if (done) return; done = true; observer.disconnect(); clearTimeout(limit); resolve(changed);
  };
  const observer = new MutationObserver(() => {
    observer.disconnect();
    setTimeout(finish, Math.max(0, least - (performance.now() - start)), true);
  });
  observer.observe(document, """
    + _CHANGES
    + """);
  const limit = setTimeout(finish, most, false);
})"""
)

DIALOG_XPATH = (
    "@role='dialog' or @role='alertdialog' or @aria-modal='true' or self::dialog"
    " or @data-testid='cookie-policy-manage-dialog'"
)
HIGHLIGHT_JS = """el => { el.scrollIntoView({block: 'center'});
  el.style.outline = '4px solid #f5820b'; el.style.outlineOffset = '3px'; }"""
GROW_TEXTAREAS_JS = """() => document.querySelectorAll('textarea').forEach(t => {
  if (t.scrollHeight > t.clientHeight) t.style.height = (t.scrollHeight + 6) + 'px'; })"""
# Is the objection text (its first words) in a visible text box of the page?
TEXT_PRESENT_JS = """start => Array.from(document.querySelectorAll(
  'textarea, [contenteditable=""], [contenteditable=true], input[type=text], input:not([type])'))
  .some(e => e.offsetParent !== null &&
       ((e.value !== undefined ? e.value : e.innerText) || '').replace(/\\s+/g, ' ').includes(start))"""
VALUE_PRESENT_JS = """value => Array.from(document.querySelectorAll('input, textarea'))
  .some(e => e.type !== 'password' && (e.value || '').trim().toLowerCase() === value.toLowerCase())"""
LABEL_OF_JS = """el => { const by = el.getAttribute('aria-labelledby');
  const t = by ? by.split(/\\s+/).map(i => (document.getElementById(i) || {}).innerText || '').join(' ')
    : (el.labels && el.labels[0] ? el.labels[0].innerText : el.getAttribute('aria-label') || '');
  return t.replace(/\\s+/g, ' ').trim(); }"""
# The name a person reads on a control: its label, else its own text or value
NAME_OF_JS = """el => { const by = el.getAttribute('aria-labelledby');
  if (by) return by.split(/\\s+/).map(i => (document.getElementById(i) || {}).innerText || '').join(' ');
  if (el.getAttribute('aria-label')) return el.getAttribute('aria-label');
  if (el.labels && el.labels[0]) return el.labels[0].innerText;
  return el.innerText || el.value || ''; }"""
# Visible required controls still empty; returns their labels (or names).
REQUIRED_EMPTY_JS = """() => {
  const label = el => { const by = el.getAttribute('aria-labelledby');
    const t = by ? by.split(/\\s+/).map(i => (document.getElementById(i) || {}).innerText || '').join(' ')
      : (el.labels && el.labels[0] ? el.labels[0].innerText : el.getAttribute('aria-label') || el.name || '');
    return t.replace(/\\s+/g, ' ').trim(); };
  const seen = new Set(); const out = [];
  for (const el of document.querySelectorAll('[required], [aria-required=true]')) {
    if (el.offsetParent === null || el.disabled) continue;
    let empty;
    if (el.type === 'checkbox') empty = !el.checked;
    else if (el.type === 'radio') { if (seen.has(el.name)) continue; seen.add(el.name);
      empty = !document.querySelector(`input[type=radio][name="${CSS.escape(el.name)}"]:checked`); }
    else if (el.getAttribute('role') === 'radiogroup')
      empty = !el.querySelector('[aria-checked=true], :checked');
    else if (el.getAttribute('role') === 'checkbox') empty = el.getAttribute('aria-checked') !== 'true';
    else if (el.getAttribute('role') === 'combobox' && !/^(INPUT|SELECT|TEXTAREA)$/.test(el.tagName)) {
      const list = document.getElementById(el.getAttribute('aria-controls') || '');  // a list opened by a click
      empty = list ? !list.querySelector('[aria-selected=true]') : !el.innerText.trim(); }
    else if (el.getAttribute('role') === 'group')  // a row of toggle buttons
      empty = !el.querySelector('[aria-pressed=true], [aria-checked=true], :checked');
    else if ('value' in el) empty = !String(el.value).trim();
    else empty = !el.innerText.trim();
    if (empty) out.push(label(el) || el.tagName.toLowerCase());
  }
  return out; }"""
# A setting's control and what it shows, in one evaluation. The found element may be the control
# itself, a <label> for it, a container holding it, the text it is labelled by (aria-labelledby),
# or its name next to it in one row. The control is marked data-objector-setting, and what to click
# data-objector-click (the label of an input drawn invisibly under a styled switch).
SETTING_STATE_JS = """el => {
  const kinds = 'input[type=checkbox], input[type=radio], [role=switch], [role=checkbox], [role=radio], ' +
    '[role=menuitemcheckbox], [aria-checked], [aria-pressed]';
  let c = el;
  if (!c.matches(kinds)) {
    const label = el.closest('label'), row = el.parentElement;
    const buttons = row ? row.querySelectorAll('button') : [];
    c = (el.tagName === 'LABEL' && el.control) || el.querySelector(kinds)
      || (el.id && document.querySelector(`[aria-labelledby~="${CSS.escape(el.id)}"]`))
      || (label && label.control) || (row && row.querySelector(kinds))
      || (buttons.length === 1 && !el.matches('button') ? buttons[0] : null) || el;
  }
  for (const mark of ['data-objector-setting', 'data-objector-click'])
    document.querySelectorAll(`[${mark}]`).forEach(e => e.removeAttribute(mark));
  c.setAttribute('data-objector-setting', '1');
  const input = c.tagName === 'INPUT', box = c.getBoundingClientRect();
  const hidden = input && (box.width < 4 || box.height < 4 || getComputedStyle(c).opacity === '0');
  ((hidden && c.labels && c.labels[0]) || c).setAttribute('data-objector-click', '1');
  const lines = t => String(t || '').split('\\n').map(s => s.replace(/\\s+/g, ' ').trim())
    .filter(Boolean).slice(0, 30);
  const own = lines(input ? '' : (c.innerText || c.value || c.getAttribute('aria-label') || ''));
  const near = [];
  for (let p = c.parentElement, i = 0; p && i < 2; p = p.parentElement, i++) near.push(...lines(p.innerText));
  const tickable = input && (c.type === 'checkbox' || c.type === 'radio');
  return {tag: c.tagName.toLowerCase(), type: (c.getAttribute('type') || '').toLowerCase(),
          checked: tickable ? c.checked : null,
          ariaChecked: c.getAttribute('aria-checked'), ariaPressed: c.getAttribute('aria-pressed'),
          disabled: !!c.disabled || c.getAttribute('aria-disabled') === 'true',
          own: own, near: near.slice(0, 30)};
}"""
# every matching link's address and words (for settings made per blog or site)
LINKS_JS = """els => els.map(a => [a.href || '',
  (a.innerText || a.getAttribute('aria-label') || a.title || '').replace(/\\s+/g, ' ').trim()])"""
# The title of the dialog an element is in (its label, else its first heading); null outside one
DIALOG_TITLE_JS = """el => {
  const d = el.closest('[role=dialog], [role=alertdialog], [aria-modal=true], dialog');
  if (!d) return null; const by = d.getAttribute('aria-labelledby');
  const t = d.getAttribute('aria-label')
    || (by ? by.split(/\\s+/).map(i => (document.getElementById(i) || {}).innerText || '').join(' ') : '')
    || (d.querySelector('h1, h2, h3, [role=heading]') || {}).innerText || '';
  return t.replace(/\\s+/g, ' ').trim(); }"""
