// The findings table and detail. Data comes from the embedded JSON once; rows are built page by page with
// textContent (never innerHTML), so names from manifests stay text and a 100k-finding report stays responsive.
(function () {
  'use strict';
  var PAGE = 200;
  var SEV = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };
  var data = JSON.parse(document.getElementById('data').textContent);
  var findings = data.findings;
  // What a rule says for all its findings is stored once, by rule id.
  function rule(f) { return data.rules[f.rule] || { title: '', category: '', remediation: '', references: [] }; }
  var state = { matches: [], shown: 0, sortKey: null, sortDir: 1, selected: -1 };
  var $ = function (id) { return document.getElementById(id); };

  // Bidi controls would let a name reorder the text around it: show their code point instead.
  function shown(s) {
    if (s === null || s === undefined) { return ''; }
    return String(s).replace(/[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g, function (c) {
      return '<U+' + c.charCodeAt(0).toString(16).toUpperCase() + '>';
    });
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = shown(text); }
    return e;
  }
  function ref(r) {
    if (!r) { return ''; }
    return r.kind + ' ' + (r.namespace ? r.namespace + '/' : '') + r.name;
  }
  function where(l) {
    if (!l) { return ''; }
    if (l.file !== undefined) { return l.file + (l.line ? ':' + l.line : ''); }
    return (l.context || '') + (l.uid ? ' uid ' + l.uid : '');
  }
  function searchText(f) {
    if (f._q === undefined) {
      f._q = [f.rule, rule(f).title, f.message, ref(f.subject), f.namespace || 'cluster-wide', f.status, rule(f).category,
        f.fingerprint].map(shown).join('\n').toLowerCase();
    }
    return f._q;
  }

  function fillSelect(id, values) {
    var select = $(id);
    values.forEach(function (v) { var o = el('option', null, v); o.value = v; select.appendChild(o); });
  }
  function distinct(pick) {
    var seen = {};
    findings.forEach(function (f) { seen[pick(f)] = true; });
    return Object.keys(seen).sort();
  }

  function sortValue(f, key) {
    switch (key) {
      case 'severity': return SEV[f.severity];
      case 'rule': return f.rule;
      case 'subject': return ref(f.subject).toLowerCase();
      case 'namespace': return f.namespace || '';
      case 'status': return f.status;
      default: return f._i;
    }
  }

  function apply() {
    var sev = $('f-severity').value, ruleId = $('f-rule').value, ns = $('f-namespace').value;
    var kind = $('f-kind').value, status = $('f-status').value, q = $('f-text').value.trim().toLowerCase();
    var out = [];
    for (var i = 0; i < findings.length; i++) {
      var f = findings[i];
      if (sev && f.severity !== sev) { continue; }
      if (ruleId && f.rule !== ruleId) { continue; }
      if (ns && (f.namespace || '(cluster-wide)') !== ns) { continue; }
      if (kind && f.subject.kind !== kind) { continue; }
      if (status && f.status !== status) { continue; }
      if (q && searchText(f).indexOf(q) < 0) { continue; }
      out.push(f);
    }
    if (state.sortKey) {
      var key = state.sortKey, dir = state.sortDir;
      out.sort(function (a, b) {
        var x = sortValue(a, key), y = sortValue(b, key);
        return (x < y ? -1 : x > y ? 1 : a._i - b._i) * (x === y ? 1 : dir);
      });
    }
    state.matches = out;
    state.shown = 0;
    $('rows').textContent = '';
    more();
  }

  function row(f) {
    var tr = el('tr', f.status);
    tr.dataset.index = f._i;
    var sev = el('td'); sev.appendChild(el('span', 'sev sev-' + f.severity, f.severity)); tr.appendChild(sev);
    tr.appendChild(el('td', null, f.rule));
    tr.appendChild(el('td', null, ref(f.subject)));
    tr.appendChild(el('td', null, f.namespace || 'cluster-wide'));
    tr.appendChild(el('td', null, f.status));
    tr.appendChild(el('td', null, f.message));
    if (f._i === state.selected) { tr.classList.add('selected'); }
    return tr;
  }

  function more() {
    var body = $('rows'), end = Math.min(state.matches.length, state.shown + PAGE);
    var frag = document.createDocumentFragment();
    for (var i = state.shown; i < end; i++) { frag.appendChild(row(state.matches[i])); }
    body.appendChild(frag);
    state.shown = end;
    $('match-count').textContent = state.matches.length;
    $('shown-count').textContent = state.shown;
    var button = $('more');
    button.hidden = state.shown >= state.matches.length;
    button.textContent = 'Show ' + Math.min(PAGE, state.matches.length - state.shown) + ' more';
  }

  function link(url) {
    // Only web links become links: a reference such as javascript:... stays text.
    if (/^https?:\/\//i.test(url)) {
      var a = el('a', null, url);
      a.href = url; a.rel = 'noopener noreferrer'; a.target = '_blank';
      return a;
    }
    return el('span', null, url);
  }

  function evidence(e) {
    var li = el('li', 'chain');
    function part(text) { li.appendChild(el('span', null, text)); }
    function arrow() { li.appendChild(el('span', 'arrow', '\u2192')); }
    if (e.type === 'grant') {
      part(ref(e.binding) + (e.bindingBuiltIn ? ' (built-in)' : '')); arrow();
      part(e.role.kind + ' ' + (e.role.namespace ? e.role.namespace + '/' : '') + e.role.name
        + (e.role.builtIn ? ' (built-in)' : '')); arrow();
      part('rule #' + e.ruleIndex + (e.aggregatedFrom ? ' of aggregated ClusterRole ' + e.aggregatedFrom.name : ''));
      li.appendChild(el('span', null, ' at '));
      li.appendChild(el('code', null, where(e.location)));
    } else {
      part(ref(e));
      if (e.location) { li.appendChild(el('span', null, ' at ')); li.appendChild(el('code', null, where(e.location))); }
      if (e.note) { li.appendChild(el('span', null, ' \u2014 ' + e.note)); }
    }
    return li;
  }

  function entry(dl, term, content) {
    dl.appendChild(el('dt', null, term));
    var dd = el('dd');
    if (typeof content === 'string') { dd.textContent = shown(content); } else { dd.appendChild(content); }
    dl.appendChild(dd);
  }
  function list(items, render) {
    var ul = el('ul');
    items.forEach(function (x) { var li = el('li'); li.appendChild(render(x)); ul.appendChild(li); });
    return ul;
  }

  function detail(i) {
    var f = findings[i], box = $('detail');
    if (!f) { box.hidden = true; return; }
    state.selected = i;
    box.textContent = '';
    box.className = 'detail d-' + f.severity;
    var h = el('h3');
    h.appendChild(el('span', 'sev sev-' + f.severity, f.severity));
    h.appendChild(el('span', null, ' ' + f.rule + ' ' + rule(f).title));
    box.appendChild(h);
    var dl = el('dl');
    entry(dl, 'Message', f.message);
    var hops = f.message.split(/\s(?=\d+\. )/);
    if (f.rule === 'RBAC-701' && hops.length > 1) {
      // The escalation rule numbers its hops in the message: one line each reads as the path it is.
      entry(dl, 'Escalation path', list(hops.slice(1), function (h) { return el('span', null, h); }));
    }
    entry(dl, 'Subject', ref(f.subject) + (f.namespace ? ', in namespace ' + f.namespace : ', cluster-wide')
      + (f.latent ? ' (latent: nothing binds this role yet)' : ''));
    if (f.location) { entry(dl, 'Where to change', el('code', null, where(f.location))); }
    if (f.evidence.length) { entry(dl, 'Evidence (binding \u2192 role \u2192 rule)', list(f.evidence, function (e) { return evidence(e); })); }
    if (f.relatedLocations.length) { entry(dl, 'Related lines', list(f.relatedLocations, function (l) { return el('code', null, where(l)); })); }
    if (f.workloads.length) { entry(dl, 'Workloads that run with it', list(f.workloads, function (w) { return el('span', null, ref(w)); })); }
    if (rule(f).remediation) { entry(dl, 'Remediation', el('div', 'pre', rule(f).remediation)); }
    if (rule(f).references.length) { entry(dl, 'References', list(rule(f).references, link)); }
    if (f.suppression) {
      entry(dl, 'Suppressed', f.suppression.reason + (f.suppression.expires ? ' (until ' + f.suppression.expires + ')' : '')
        + (f.suppression.location ? ' \u2014 ' + where(f.suppression.location) : ''));
    } else if (f.status === 'baseline') {
      entry(dl, 'Baseline', 'in the baseline: it does not fail the gate');
    }
    entry(dl, 'Fingerprint', el('code', null, f.fingerprint));
    box.appendChild(dl);
    if (!f.suppression) {
      box.appendChild(el('h4', null, 'Waive it: add to .rbac-audit.yaml, with a reason and an expiry'));
      var pre = el('pre', 'snippet', f.snippet);
      pre.id = 'snippet';
      box.appendChild(pre);
      var copy = el('button', null, 'Copy');
      copy.type = 'button';
      copy.addEventListener('click', function () {
        var range = document.createRange(); range.selectNodeContents(pre);
        var sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(range);
        try { document.execCommand('copy'); copy.textContent = 'Copied'; } catch (err) { copy.textContent = 'Press Ctrl+C'; }
      });
      box.appendChild(copy);
    }
    box.hidden = false;
    Array.prototype.forEach.call(document.querySelectorAll('#rows tr.selected'), function (t) { t.classList.remove('selected'); });
    var tr = document.querySelector('#rows tr[data-index="' + i + '"]');
    if (tr) { tr.classList.add('selected'); }
  }

  function fromHash() {
    var m = /^#finding-(\d+)$/.exec(location.hash);
    if (m) { detail(Number(m[1])); $('detail').scrollIntoView(); }
  }

  findings.forEach(function (f, i) { f._i = i; });
  fillSelect('f-rule', distinct(function (f) { return f.rule; }));
  fillSelect('f-namespace', distinct(function (f) { return f.namespace || '(cluster-wide)'; }));
  fillSelect('f-kind', distinct(function (f) { return f.subject.kind; }));

  ['f-severity', 'f-rule', 'f-namespace', 'f-kind', 'f-status'].forEach(function (id) {
    $(id).addEventListener('change', apply);
  });
  var typing = null;
  $('f-text').addEventListener('input', function () { clearTimeout(typing); typing = setTimeout(apply, 150); });
  $('filters').addEventListener('submit', function (e) { e.preventDefault(); apply(); });
  $('filters').addEventListener('reset', function () { setTimeout(apply, 0); });
  $('more').addEventListener('click', more);
  $('rows').addEventListener('click', function (e) {
    var tr = e.target.closest('tr');
    if (tr) { location.hash = 'finding-' + tr.dataset.index; }
  });
  Array.prototype.forEach.call(document.querySelectorAll('th[data-sort]'), function (th) {
    th.addEventListener('click', function () {
      var key = th.dataset.sort;
      state.sortDir = state.sortKey === key ? -state.sortDir : 1;
      state.sortKey = key;
      Array.prototype.forEach.call(document.querySelectorAll('th[data-sort]'), function (o) { o.setAttribute('aria-sort', 'none'); });
      th.setAttribute('aria-sort', state.sortDir > 0 ? 'ascending' : 'descending');
      apply();
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll('[data-severity]'), function (b) {
    b.addEventListener('click', function () {
      $('filters').reset(); $('f-severity').value = b.dataset.severity; $('f-status').value = 'open';
      setTimeout(function () { $('f-severity').value = b.dataset.severity; $('f-status').value = 'open'; apply(); location.hash = 'findings'; }, 0);
    });
  });
  Array.prototype.forEach.call(document.querySelectorAll('[data-subject-name]'), function (b) {
    b.addEventListener('click', function () {
      $('filters').reset();
      setTimeout(function () {
        $('f-kind').value = b.dataset.subjectKind; $('f-text').value = b.dataset.subjectName; apply(); location.hash = 'findings';
      }, 0);
    });
  });
  window.addEventListener('hashchange', fromHash);
  apply();
  fromHash();
}());
