// The findings table and detail, escalation paths drawn as SVG, and the subject view. Data comes from the embedded
// JSON once, in the compact shape HtmlData.java documents (tables of strings, names, locations and grants referred
// to by index; findings as arrays). Everything is built with textContent and createElement(NS), never innerHTML,
// so names from manifests stay text, and rows are built page by page so a large cluster's report stays responsive.
(function () {
  'use strict';
  var PAGE = 200;
  var SVG = 'http://www.w3.org/2000/svg';
  var SEVERITIES = ['critical', 'high', 'medium', 'low', 'info'];
  var STATUSES = ['open', 'suppressed', 'baseline'];
  var VERBS = ['*', 'get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection'];
  var D = JSON.parse(document.getElementById('data').textContent);
  var S = D.strings, F = D.findings;
  // Positions in a finding row (HtmlData.java).
  var FP = 0, RULE = 1, SEV = 2, MSG = 3, SUBJ = 4, NS = 5, EVID = 6, STATUS = 7, SUPP = 8, LATENT = 9, LOC = 10,
    RELATED = 11, WORK = 12, SNIP = 13, PATH = 14;
  var state = { matches: [], shown: 0, sortKey: null, sortDir: 1, selected: -1 };
  var searchCache = new Array(F.length);
  var $ = function (id) { return document.getElementById(id); };

  function str(i) { return i < 0 ? null : S[i]; }
  function text(parts) { var s = ''; for (var k = 0; k < parts.length; k++) { s += S[parts[k]]; } return s; }
  function refAt(i) {
    if (i < 0) { return null; }
    var r = D.refs[i];
    return { kind: S[r[0]], name: S[r[1]], namespace: str(r[2]) };
  }
  function roleAt(i) {
    if (i < 0) { return null; }
    var r = D.roles[i];
    return { kind: S[r[0]], name: S[r[1]], namespace: str(r[2]), builtIn: r[3] === 1 };
  }
  function locAt(i) {
    if (i < 0) { return null; }
    var l = D.locations[i];
    return l[0] >= 0 ? { file: S[l[0]], line: l[1] } : { context: str(l[2]), uid: str(l[3]) };
  }
  function evidenceAt(i) {
    var e = D.evidence[i];
    if (e[0] === 0) {
      return { type: 'grant', binding: refAt(e[1]), bindingBuiltIn: e[2] === 1, role: roleAt(e[3]),
        aggregatedFrom: roleAt(e[4]), ruleIndex: e[5], location: locAt(e[6]) };
    }
    return { type: 'object', object: refAt(e[1]), location: locAt(e[2]), note: str(e[3]) };
  }
  function rule(id) { return D.rules[id] || { title: '', category: '', remediation: '', references: [] }; }

  // Bidi controls would let a name reorder the text around it: show their code point instead.
  function shown(s) {
    if (s === null || s === undefined) { return ''; }
    return String(s).replace(/[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g, function (c) {
      return '<U+' + c.charCodeAt(0).toString(16).toUpperCase() + '>';
    });
  }
  function el(tag, cls, content) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (content !== undefined && content !== null) { e.textContent = shown(content); }
    return e;
  }
  function svg(tag, attrs, content) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); });
    if (content !== undefined && content !== null) { e.textContent = shown(content); }
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
  function subjectKind(f) { return S[D.refs[f[SUBJ]][0]]; }
  function scopeOf(f) { return f[NS] < 0 ? '(cluster-wide)' : S[f[NS]]; }
  function searchText(i) {
    if (searchCache[i] === undefined) {
      var f = F[i], id = S[f[RULE]];
      searchCache[i] = [id, rule(id).title, text(f[MSG]), ref(refAt(f[SUBJ])), f[NS] < 0 ? 'cluster-wide' : S[f[NS]],
        STATUSES[f[STATUS]], rule(id).category, f[FP]].map(shown).join('\n').toLowerCase();
    }
    return searchCache[i];
  }

  function fillSelect(id, values) {
    var select = $(id);
    values.forEach(function (v) { var o = el('option', null, v); o.value = v; select.appendChild(o); });
  }
  function distinct(pick) {
    var seen = {};
    for (var i = 0; i < F.length; i++) { seen[pick(F[i])] = true; }
    return Object.keys(seen).sort();
  }

  function sortValue(i, key) {
    var f = F[i];
    switch (key) {
      case 'severity': return f[SEV];
      case 'rule': return S[f[RULE]];
      case 'subject': return ref(refAt(f[SUBJ])).toLowerCase();
      case 'namespace': return f[NS] < 0 ? '' : S[f[NS]];
      case 'status': return STATUSES[f[STATUS]];
      default: return i;
    }
  }

  function apply() {
    var sev = SEVERITIES.indexOf($('f-severity').value), ruleId = $('f-rule').value, ns = $('f-namespace').value;
    var kind = $('f-kind').value, status = STATUSES.indexOf($('f-status').value);
    var q = $('f-text').value.trim().toLowerCase();
    var out = [];
    for (var i = 0; i < F.length; i++) {
      var f = F[i];
      if (sev >= 0 && f[SEV] !== sev) { continue; }
      if (ruleId && S[f[RULE]] !== ruleId) { continue; }
      if (ns && scopeOf(f) !== ns) { continue; }
      if (kind && subjectKind(f) !== kind) { continue; }
      if (status >= 0 && f[STATUS] !== status) { continue; }
      if (q && searchText(i).indexOf(q) < 0) { continue; }
      out.push(i);
    }
    if (state.sortKey) {
      var key = state.sortKey, dir = state.sortDir;
      var values = {};
      out.forEach(function (i) { values[i] = sortValue(i, key); });
      out.sort(function (a, b) {
        var x = values[a], y = values[b];
        return x < y ? -dir : x > y ? dir : a - b;
      });
    }
    state.matches = out;
    state.shown = 0;
    $('rows').textContent = '';
    more();
  }

  function row(i) {
    var f = F[i], sev = SEVERITIES[f[SEV]], status = STATUSES[f[STATUS]];
    var tr = el('tr', status);
    tr.dataset.index = i;
    var cell = el('td'); cell.appendChild(el('span', 'sev sev-' + sev, sev)); tr.appendChild(cell);
    tr.appendChild(el('td', null, S[f[RULE]]));
    tr.appendChild(el('td', null, ref(refAt(f[SUBJ]))));
    tr.appendChild(el('td', null, f[NS] < 0 ? 'cluster-wide' : S[f[NS]]));
    tr.appendChild(el('td', null, status));
    tr.appendChild(el('td', null, text(f[MSG])));
    if (i === state.selected) { tr.classList.add('selected'); }
    return tr;
  }

  function more() {
    var body = $('rows'), end = Math.min(state.matches.length, state.shown + PAGE);
    var frag = document.createDocumentFragment();
    for (var k = state.shown; k < end; k++) { frag.appendChild(row(state.matches[k])); }
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
    function part(t) { li.appendChild(el('span', null, t)); }
    function arrow() { li.appendChild(el('span', 'arrow', '\u2192')); }
    if (e.type === 'grant') {
      part(ref(e.binding) + (e.bindingBuiltIn ? ' (built-in)' : '')); arrow();
      part(e.role.kind + ' ' + (e.role.namespace ? e.role.namespace + '/' : '') + e.role.name
        + (e.role.builtIn ? ' (built-in)' : '')); arrow();
      part('rule #' + e.ruleIndex + (e.aggregatedFrom ? ' of aggregated ClusterRole ' + e.aggregatedFrom.name : ''));
      li.appendChild(el('span', null, ' at '));
      li.appendChild(el('code', null, where(e.location)));
    } else {
      part(ref(e.object));
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
  function clip(s, n) { s = shown(s); return s.length > n ? s.slice(0, n - 1) + '\u2026' : s; }

  // An escalation path, laid out by the scan (PathLayout.java): a box per vertex, an arrow per step, labels as text.
  function pathDrawing(p) {
    var W = 200, H = 46, PAD = 8;
    var nodes = p.n.map(function (n) {
      return { x: n[0], y: n[1], type: S[n[2]], name: S[n[3]], namespace: str(n[4]), label: S[n[5]] };
    });
    var box = svg('svg', { 'class': 'path', width: p.w + 2 * PAD, height: p.h + 2 * PAD,
      viewBox: (-PAD) + ' ' + (-PAD) + ' ' + (p.w + 2 * PAD) + ' ' + (p.h + 2 * PAD), role: 'img' });
    box.appendChild(svg('title', {}, 'Escalation path: ' + nodes.map(function (n) { return n.label; }).join(', ')));
    var defs = svg('defs', {});
    var marker = svg('marker', { id: 'arrow-head', viewBox: '0 0 10 10', refX: '10', refY: '5', markerWidth: '8',
      markerHeight: '8', orient: 'auto-start-reverse' });
    marker.appendChild(svg('path', { d: 'M 0 0 L 10 5 L 0 10 z', 'class': 'arrow-head' }));
    defs.appendChild(marker);
    box.appendChild(defs);
    p.e.forEach(function (e) {
      var a = nodes[e[0]], b = nodes[e[1]], hop = e[3] === 1, at = locAt(e[4]);
      var x1 = a.x + W / 2, y1 = a.y, x2 = b.x - W / 2, y2 = b.y;
      if (b.x <= a.x) { x1 = a.x; y1 = a.y + H / 2; x2 = b.x; y2 = b.y - H / 2; }
      var g = svg('g', { 'class': 'step' + (hop ? ' hop' : ' free'), 'data-edge': S[e[2]] });
      var mx = (x1 + x2) / 2, my = (y1 + y2) / 2;
      g.appendChild(svg('path', { d: 'M ' + x1 + ' ' + y1 + ' C ' + mx + ' ' + y1 + ' ' + mx + ' ' + y2 + ' ' + x2 + ' ' + y2,
        'marker-end': 'url(#arrow-head)' }));
      g.appendChild(svg('text', { x: mx, y: my - 6, 'text-anchor': 'middle', 'class': 'edge-label' }, clip(S[e[2]], 30)));
      if (at) { g.appendChild(svg('text', { x: mx, y: my + 12, 'text-anchor': 'middle', 'class': 'edge-where' }, clip(where(at), 32))); }
      g.appendChild(svg('title', {}, S[e[2]] + (hop ? '' : ' (free step)') + (at ? ' \u2014 ' + where(at) : '')));
      box.appendChild(g);
    });
    nodes.forEach(function (n) {
      var g = svg('g', { 'class': 'vertex v-' + n.type.replace(/[^A-Za-z]/g, '') });
      g.appendChild(svg('rect', { x: n.x - W / 2, y: n.y - H / 2, width: W, height: H, rx: 6 }));
      g.appendChild(svg('text', { x: n.x, y: n.y - 5, 'text-anchor': 'middle', 'class': 'vertex-type' },
        n.type === 'Target' ? 'target' : n.type));
      var name = n.type === 'Target' ? n.label : (n.namespace ? n.namespace + '/' : '') + n.name;
      g.appendChild(svg('text', { x: n.x, y: n.y + 13, 'text-anchor': 'middle', 'class': 'vertex-name' }, clip(name, 30)));
      g.appendChild(svg('title', {}, n.label));
      box.appendChild(g);
    });
    var wrap = el('div', 'path-drawing');
    wrap.appendChild(box);
    var steps = el('ol', 'steps');
    p.e.forEach(function (e) {
      var at = locAt(e[4]);
      steps.appendChild(el('li', e[3] === 1 ? 'hop' : 'free', nodes[e[0]].label + ' \u2192 ' + S[e[2]] + ' \u2192 '
        + nodes[e[1]].label + (e[3] === 1 ? '' : ' (free step)') + (at ? ' at ' + where(at) : '')));
    });
    wrap.appendChild(steps);
    return wrap;
  }

  function detail(i) {
    var f = F[i], box = $('detail');
    if (!f) { box.hidden = true; return; }
    state.selected = i;
    var id = S[f[RULE]], sev = SEVERITIES[f[SEV]], status = STATUSES[f[STATUS]], r = rule(id);
    var subject = refAt(f[SUBJ]), suppression = f[SUPP];
    box.textContent = '';
    box.className = 'detail d-' + sev;
    var h = el('h3');
    h.appendChild(el('span', 'sev sev-' + sev, sev));
    h.appendChild(el('span', null, ' ' + id + ' ' + r.title));
    box.appendChild(h);
    var dl = el('dl');
    entry(dl, 'Message', text(f[MSG]));
    if (f[PATH] >= 0) { entry(dl, 'Escalation path', pathDrawing(D.paths[f[PATH]])); }
    entry(dl, 'Subject', ref(subject) + (f[NS] >= 0 ? ', in namespace ' + S[f[NS]] : ', cluster-wide')
      + (f[LATENT] ? ' (latent: nothing binds this role yet)' : ''));
    var known = accessIndex[key(subject)];
    if (known !== undefined) {
      var show = el('a', null, 'What ' + ref(subject) + ' can do');
      show.href = '#subject-' + known;
      entry(dl, 'Permissions', show);
    }
    if (f[LOC] >= 0) { entry(dl, 'Where to change', el('code', null, where(locAt(f[LOC])))); }
    if (f[EVID].length) {
      entry(dl, 'Evidence (binding \u2192 role \u2192 rule)', list(f[EVID], function (e) { return evidence(evidenceAt(e)); }));
    }
    if (f[RELATED].length) { entry(dl, 'Related lines', list(f[RELATED], function (l) { return el('code', null, where(locAt(l))); })); }
    if (f[WORK].length) { entry(dl, 'Workloads that run with it', list(f[WORK], function (w) { return el('span', null, ref(refAt(w))); })); }
    if (r.remediation) { entry(dl, 'Remediation', el('div', 'pre', r.remediation)); }
    if (r.references.length) { entry(dl, 'References', list(r.references, link)); }
    if (suppression) {
      var expires = str(suppression[1]), at = locAt(suppression[2]);
      entry(dl, 'Suppressed', S[suppression[0]] + (expires ? ' (until ' + expires + ')' : '') + (at ? ' \u2014 ' + where(at) : ''));
    } else if (status === 'baseline') {
      entry(dl, 'Baseline', 'in the baseline: it does not fail the gate');
    }
    entry(dl, 'Fingerprint', el('code', null, f[FP]));
    box.appendChild(dl);
    if (!suppression) {
      box.appendChild(el('h4', null, 'Waive it: add to .rbac-audit.yaml, with a reason and an expiry'));
      var pre = el('pre', 'snippet', text(f[SNIP]));
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

  // ---- Subjects: what each may do, as resources x verbs per scope. Profiles (a role's matrix in one kind of
  // scope) are shared by every subject that holds the role; a subject lists its bindings to them.
  var A = D.access, accessIndex = {};
  function key(r) { return r ? r.kind + '\u0000' + (r.namespace || '') + '\u0000' + r.name : ''; }
  A.subjects.forEach(function (s, i) { accessIndex[key(refAt(s[0]))] = i; });

  function verbOrder(a, b) {
    var x = VERBS.indexOf(a), y = VERBS.indexOf(b);
    if (x < 0) { x = VERBS.length; }
    if (y < 0) { y = VERBS.length; }
    return x !== y ? x - y : (a < b ? -1 : a > b ? 1 : 0);
  }

  // The cells of some holdings, merged: a cell is full when any grant gives it without resourceNames.
  function matrix(holdings) {
    var rows = {}, verbs = {};
    holdings.forEach(function (h) {
      var p = A.profiles[h[2]], role = roleAt(p[0]);
      p[2].forEach(function (c) {
        var rowName = S[c[0]], verb = S[c[1]], rk = (c[2] ? 'u' : 'r') + rowName;
        verbs[verb] = true;
        var r = rows[rk] || (rows[rk] = { name: rowName, url: c[2] === 1, cells: {} });
        var cell = r.cells[verb] || (r.cells[verb] = { full: false, names: {}, why: [] });
        if (c[3].length === 0) { cell.full = true; } else { c[3].forEach(function (n) { cell.names[S[n]] = true; }); }
        cell.why.push(ref(refAt(h[0])) + ' \u2192 ' + role.kind + ' ' + (role.namespace ? role.namespace + '/' : '') + role.name
          + (role.builtIn ? ' (built-in)' : '') + (c[4] >= 0 ? ' at ' + where(locAt(c[4])) : ''));
      });
    });
    var list = Object.keys(rows).sort().map(function (k) { return rows[k]; });
    return { rows: list, verbs: Object.keys(verbs).sort(verbOrder) };
  }

  function wild(name) { return name === '*' || name.indexOf('*') === 0 || /[./]\*$/.test(name); }

  function matrixTable(m, scope) {
    var table = el('table', 'matrix');
    table.dataset.scope = scope;
    var head = el('tr');
    head.appendChild(el('th', null, 'resource \\ verb'));
    m.verbs.forEach(function (v) { head.appendChild(el('th', v === '*' ? 'wild' : null, v)); });
    var thead = el('thead'); thead.appendChild(head); table.appendChild(thead);
    var body = el('tbody');
    m.rows.forEach(function (r) {
      var tr = el('tr');
      tr.appendChild(el('th', (r.url ? 'url' : '') + (wild(r.name) ? ' wild' : ''), r.name));
      m.verbs.forEach(function (v) {
        var c = r.cells[v], td = el('td');
        td.dataset.row = r.name; td.dataset.verb = v;
        if (c) {
          var names = Object.keys(c.names).sort();
          if (c.full) {
            td.className = 'full' + (v === '*' || wild(r.name) ? ' wild' : '');
            td.textContent = v === '*' || wild(r.name) ? '\u2731' : '\u2713';
          } else {
            td.className = 'limited';
            td.textContent = shown('names: ' + names.join(', '));
          }
          td.title = shown((c.full ? '' : 'only ' + names.join(', ') + '\n') + c.why.join('\n'));
        }
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    table.appendChild(body);
    return table;
  }

  function showSubject(i) {
    var s = A.subjects[i], box = $('subject');
    if (!s) { box.hidden = true; return; }
    var subject = refAt(s[0]), holdings = s[1];
    box.textContent = '';
    box.appendChild(el('h3', null, ref(subject)));
    if (!holdings.length) {
      box.appendChild(el('p', null, 'No binding grants it anything.'));
    }
    var held = el('ul', 'holdings');
    holdings.forEach(function (h) {
      var role = roleAt(A.profiles[h[2]][0]);
      held.appendChild(el('li', null, ref(refAt(h[0])) + (h[1] ? ' (built-in)' : '') + ' \u2192 ' + role.kind + ' '
        + (role.namespace ? role.namespace + '/' : '') + role.name + (role.builtIn ? ' (built-in)' : '')
        + (h[3] < 0 ? ', cluster-wide' : ', in namespace ' + S[h[3]]) + (h[4] >= 0 ? ', through ' + ref(refAt(h[4])) : '')));
    });
    box.appendChild(held);
    var everywhere = holdings.filter(function (h) { return h[3] < 0; });
    var namespaces = {};
    holdings.forEach(function (h) { if (h[3] >= 0) { namespaces[S[h[3]]] = true; } });
    if (everywhere.length) {
      box.appendChild(el('h4', null, 'Cluster-wide (ClusterRoleBindings: every namespace and cluster-scoped resources)'));
      box.appendChild(matrixTable(matrix(everywhere), ''));
    }
    Object.keys(namespaces).sort().forEach(function (ns) {
      box.appendChild(el('h4', null, 'In namespace ' + ns + ' (its RoleBindings' + (everywhere.length ? ', plus the cluster-wide grants)' : ')')));
      box.appendChild(matrixTable(matrix(holdings.filter(function (h) { return h[3] < 0 || S[h[3]] === ns; })), ns));
    });
    box.appendChild(el('p', 'legend', '\u2713 allowed on every object; \u2731 a wildcard (* verb, resource or group) as written in the role; '
      + '"names: ..." only those objects (resourceNames). Hover a cell for the grants.'));
    box.hidden = false;
  }

  function findSubjects() {
    var q = $('s-text').value.trim().toLowerCase(), out = $('s-list'), n = 0, LIMIT = 50;
    out.textContent = '';
    for (var i = 0; i < A.subjects.length && n < LIMIT; i++) {
      var label = ref(refAt(A.subjects[i][0]));
      if (q && shown(label).toLowerCase().indexOf(q) < 0) { continue; }
      var a = el('a', null, label);
      a.href = '#subject-' + i;
      var li = el('li'); li.appendChild(a); out.appendChild(li);
      n++;
    }
    $('s-count').textContent = n === LIMIT ? 'the first ' + LIMIT + ' matches' : n + ' match' + (n === 1 ? '' : 'es');
  }

  function fromHash() {
    var m = /^#finding-(\d+)$/.exec(location.hash);
    if (m) { detail(Number(m[1])); $('detail').scrollIntoView(); return; }
    m = /^#subject-(\d+)$/.exec(location.hash);
    if (m) { showSubject(Number(m[1])); $('subject').scrollIntoView(); }
  }

  fillSelect('f-rule', distinct(function (f) { return S[f[RULE]]; }));
  fillSelect('f-namespace', distinct(scopeOf));
  fillSelect('f-kind', distinct(subjectKind));

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
      var k = th.dataset.sort;
      state.sortDir = state.sortKey === k ? -state.sortDir : 1;
      state.sortKey = k;
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
  Array.prototype.forEach.call(document.querySelectorAll('[data-access-kind]'), function (b) {
    var i = accessIndex[key({ kind: b.dataset.accessKind, name: b.dataset.accessName, namespace: b.dataset.accessNamespace })];
    if (i === undefined) { b.hidden = true; return; }
    b.addEventListener('click', function () { location.hash = 'subject-' + i; });
  });
  var subjectTyping = null;
  $('subject-filter').addEventListener('submit', function (e) { e.preventDefault(); findSubjects(); });
  $('s-text').addEventListener('input', function () { clearTimeout(subjectTyping); subjectTyping = setTimeout(findSubjects, 150); });
  window.addEventListener('hashchange', fromHash);
  apply();
  findSubjects();
  fromHash();
}());
