"""JavaScript the engine runs in the page, and how it finds dialogs: kept apart from the steps.

Each function is small and read-only, except ``HIGHLIGHT_JS`` and
``GROW_TEXTAREAS_JS``, which only change how the form looks for the review.
"""

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
    else if ('value' in el) empty = !String(el.value).trim();
    else empty = !el.innerText.trim();
    if (empty) out.push(label(el) || el.tagName.toLowerCase());
  }
  return out; }"""
