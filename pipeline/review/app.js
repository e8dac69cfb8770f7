// The review page's only script (inlined into out/report.html, allowed by its hash in the page's
// Content-Security-Policy). It reads the JSON embedded in <script id="data">, builds every element
// with DOM APIs and puts source text in with textContent only, so text from a source can never
// become markup. The filter state lives in the address (#kind=...&q=...).
(function () {
  'use strict';

  /** @type {any} */
  var DATA = JSON.parse(/** @type {HTMLElement} */ (document.getElementById('data')).textContent || '{}');

  var FACETS = ['kind', 'severity', 'status', 'source', 'lang'];
  var FILTERS = ['kind', 'severity', 'status', 'code', 'source', 'lang'];
  var URL_KEYS = ['view', 'kind', 'severity', 'status', 'code', 'source', 'lang', 'q'];
  var FACET_TITLES = { kind: 'Kind', severity: 'Severity', status: 'Status', source: 'Source', lang: 'Language' };
  var SEVERITIES = ['error', 'warning', 'info'];
  var STATUSES = ['open', 'stale', 'decided', 'auto-resolved'];
  var ICONS = { error: '\u2716', warning: '\u26A0', info: '\u2139' };
  var RTL = ['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'ks', 'ps', 'sd', 'ug', 'ur', 'yi'];

  /** @type {Record<string, string>} */
  var state = emptyState();

  /** @returns {Record<string, string>} */
  function emptyState() {
    return { view: 'findings', kind: '', severity: '', status: '', code: '', source: '', lang: '', q: '' };
  }

  // ---------------------------------------------------------------- helpers

  /**
   * An element with attributes and children. Children are nodes or strings; strings become text
   * nodes. Attribute values are set with setAttribute (never event handlers or URLs from data).
   * @param {string} tag
   * @param {Record<string, any> | null} [attrs]
   * @param {...any} children
   * @returns {HTMLElement}
   */
  function el(tag, attrs, ...children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (key) {
        var value = attrs[key];
        if (value === undefined || value === null || value === false) return;
        if (key === 'class') node.className = value;
        else node.setAttribute(key, value === true ? '' : String(value));
      });
    }
    append(node, children);
    return node;
  }

  /** @param {Node} node @param {any} child */
  function append(node, child) {
    if (child === undefined || child === null || child === false) return;
    if (Array.isArray(child)) child.forEach(function (c) { append(node, c); });
    else if (typeof child === 'string' || typeof child === 'number') node.appendChild(document.createTextNode(String(child)));
    else node.appendChild(child);
  }

  /** @param {string | undefined} tag */
  function isRtl(tag) {
    return !!tag && RTL.indexOf(String(tag).toLowerCase().split('-')[0]) >= 0;
  }

  /**
   * Text in a language: lang set, right-to-left scripts marked rtl, anything else dir="auto" so a
   * line's own first strong character decides (a Persian line quoting an English name).
   * @param {string} tag @param {string} text @param {string | undefined} lang @param {string} [cls]
   */
  function langText(tag, text, lang, cls) {
    return el(tag, { class: cls, lang: lang === '' ? '' : lang || undefined, dir: isRtl(lang) ? 'rtl' : 'auto' }, text);
  }

  /** Every string value in a value (not keys), for the text search. @param {any} value @param {string[]} out */
  function strings(value, out) {
    if (typeof value === 'string') out.push(value);
    else if (Array.isArray(value)) value.forEach(function (v) { strings(v, out); });
    else if (value && typeof value === 'object') Object.keys(value).forEach(function (k) { strings(value[k], out); });
    return out;
  }

  /** @param {string[]} list */
  function uniq(list) {
    var seen = Object.create(null);
    return list.filter(function (x) {
      if (seen[x]) return false;
      seen[x] = true;
      return true;
    });
  }

  /** @param {string} a @param {string} b */
  function byCodePoint(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
  }

  /** Codes in numeric order, each class before its codes (1xx, 100, 101, ..., 2xx, 200). @param {string} code */
  function codeOrder(code) {
    return /^\d{3}$/.test(code) ? Number(code) : /^[1-5]xx$/.test(code) ? Number(code[0]) * 100 - 1 : 1000;
  }

  /** @param {Record<string, string>} params */
  function hashOf(params) {
    /** @type {string[]} */
    var pairs = [];
    URL_KEYS.forEach(function (key) {
      var value = params[key];
      if (!value || (key === 'view' && value === 'findings')) return;
      pairs.push(encodeURIComponent(key) + '=' + encodeURIComponent(value));
    });
    return '#' + pairs.join('&');
  }

  /** @param {string} q */
  function terms(q) {
    return q.toLowerCase().split(/\s+/).filter(Boolean);
  }

  // ---------------------------------------------------------------- data

  /** @type {Map<string, any>} */
  var SOURCES = new Map();
  DATA.sources.forEach(function (/** @type {any} */ s) { SOURCES.set(s.id, s); });
  /** @type {Map<string, any>} */
  var CODES = new Map();
  DATA.codes.forEach(function (/** @type {any} */ c) { CODES.set(String(c.code), c); });
  /** @type {Map<string, any>} */
  var CLASSES = new Map();
  DATA.classes.forEach(function (/** @type {any} */ c) { CLASSES.set(c.class, c); });

  var findingItems = DATA.findings.map(function (/** @type {any} */ entry) {
    return {
      finding: entry.finding,
      snippet: entry.snippet,
      sources: entry.sources,
      langs: entry.langs,
      hay: strings(entry.finding, []).join('\n').toLowerCase(),
      node: /** @type {HTMLElement | null} */ (null),
    };
  });
  /** @type {Map<string, any[]>} */
  var findingsByCode = new Map();
  findingItems.forEach(function (/** @type {any} */ item) {
    var list = findingsByCode.get(item.finding.code) || [];
    list.push(item);
    findingsByCode.set(item.finding.code, list);
  });

  var codeItems = DATA.classes
    .map(function (/** @type {any} */ c) { return { key: c.class, isClass: true, rec: c }; })
    .concat(DATA.codes.map(function (/** @type {any} */ c) { return { key: String(c.code), isClass: false, rec: c }; }))
    .sort(function (/** @type {any} */ a, /** @type {any} */ b) { return codeOrder(a.key) - codeOrder(b.key) || byCodePoint(a.key, b.key); })
    .map(function (/** @type {any} */ item) {
      var srcs = [];
      (function walk(/** @type {any} */ v) {
        if (Array.isArray(v)) v.forEach(walk);
        else if (v && typeof v === 'object') {
          if (typeof v.source === 'string') srcs.push(v.source);
          Object.keys(v).forEach(function (k) { walk(v[k]); });
        }
      })(item.rec);
      var langs = Object.keys(item.rec.names || {}).concat(Object.keys(item.rec.descriptions || {}));
      (item.rec.withheld || []).forEach(function (/** @type {any} */ w) { langs.push(w.lang); });
      return {
        key: item.key,
        isClass: item.isClass,
        rec: item.rec,
        sources: uniq(srcs),
        langs: uniq(langs),
        hay: (item.key + '\n' + strings(item.rec, []).join('\n')).toLowerCase(),
        node: /** @type {HTMLElement | null} */ (null),
      };
    });

  /** Values each filter can take, in display order. @type {Record<string, string[]>} */
  var VALUES = {
    kind: uniq(findingItems.map(function (/** @type {any} */ i) { return i.finding.kind; })).sort(byCodePoint),
    severity: SEVERITIES.slice(),
    status: STATUSES.slice(),
    code: uniq(codeItems.map(function (/** @type {any} */ i) { return i.key; }).concat(findingItems.map(function (/** @type {any} */ i) { return i.finding.code; })))
      .filter(Boolean)
      .sort(function (a, b) { return codeOrder(a) - codeOrder(b) || byCodePoint(a, b); }),
    source: DATA.sources
      .map(function (/** @type {any} */ s) { return s.id; })
      .filter(function (/** @type {string} */ id) {
        return findingItems.some(function (/** @type {any} */ i) { return i.sources.indexOf(id) >= 0; });
      }),
    lang: uniq([].concat.apply([], findingItems.map(function (/** @type {any} */ i) { return i.langs; }))).sort(byCodePoint),
  };

  /** @param {string} code */
  function codeTitle(code) {
    if (code === '') return '(no code)';
    var rec = CODES.get(code) || CLASSES.get(code);
    return rec && rec.name ? code + ' ' + rec.name : code;
  }

  /** @param {string} id */
  function sourceLabel(id) {
    var s = SOURCES.get(id);
    return s ? s.title : id;
  }

  /** @param {string} id @param {number} [line] @param {number} [column] */
  function sourcePath(id, line, column) {
    var s = SOURCES.get(id);
    var file = s ? 'sources/' + s.file : id;
    return file + (line ? ':' + line : '') + (line && column ? ':' + column : '');
  }

  /** An attestation `fa-prose:25`, the source's title and file in its tooltip. @param {any} a */
  function att(a) {
    return el('span', { class: 'att', title: sourceLabel(a.source) + ' \u2014 ' + sourcePath(a.source, a.line) }, a.source + ':' + a.line);
  }

  /** @param {any[]} list @param {string} [prefix] */
  function atts(list, prefix) {
    return el('span', { class: 'atts' }, prefix === undefined ? 'from ' : prefix, (list || []).map(att));
  }

  // ---------------------------------------------------------------- findings

  /** @param {any} item */
  function renderFinding(item) {
    var f = item.finding;
    var node = el('article', { class: 'card finding sev-' + f.severity, 'data-id': f.id, 'data-kind': f.kind, 'data-severity': f.severity, 'data-status': f.status, 'data-code': f.code });
    var codeLink = f.code
      ? el('a', { href: hashOf({ view: 'codes', code: f.code }), title: 'Show everything known about ' + f.code }, codeTitle(f.code))
      : '(no code)';
    node.appendChild(
      el(
        'header',
        { class: 'finding-head' },
        el('h3', null, codeLink),
        el(
          'span',
          { class: 'badges' },
          el('span', { class: 'badge sev-' + f.severity }, ICONS[/** @type {'error'} */ (f.severity)] + ' ' + f.severity),
          el('span', { class: 'badge' }, f.kind),
          el('span', { class: 'badge st-' + f.status }, f.status),
        ),
      ),
    );
    node.appendChild(el('code', { class: 'finding-id' }, f.id));
    node.appendChild(langText('p', f.message, 'en', 'message'));

    if (f.sources.length > 0) {
      var grid = el('div', { class: 'evidence-grid' });
      f.sources.forEach(function (/** @type {any} */ e) {
        // The evidence's own language when the build knows it; lang="" (unknown) otherwise, so a
        // Latin line in a Persian document is not marked Persian. dir="auto" lets the line decide.
        var lang = e.lang || '';
        grid.appendChild(
          el(
            'figure',
            { class: 'ev', 'data-source': e.source },
            langText('blockquote', e.excerpt, lang, 'excerpt'),
            e.text !== undefined ? el('p', { class: 'read-as' }, 'Read as: ', langText('span', e.text, lang)) : null,
            el(
              'figcaption',
              null,
              el('strong', null, sourceLabel(e.source)),
              el('span', { class: 'where' }, el('code', null, sourcePath(e.source, e.line, e.column)), el('span', null, 'source ', e.source), el('span', null, 'lang ', e.lang || '(unknown)')),
            ),
          ),
        );
      });
      node.appendChild(el('section', { class: 'section', 'aria-label': 'Evidence' }, el('h4', null, 'Evidence (' + f.sources.length + ')'), grid));
    }

    var r = f.resolution;
    var facts = el('dl', { class: 'facts' }, el('dt', null, 'Rule'), el('dd', null, el('code', null, r.rule)), el('dt', null, 'Action'), langText('dd', r.action, 'en'));
    if (r.chosen !== undefined) {
      facts.appendChild(el('dt', null, 'Chosen'));
      facts.appendChild(r.chosen === null ? el('dd', null, '(none)') : el('dd', null, el('span', { class: 'badge chosen' }, '\u2713 chosen'), ' ', langText('span', r.chosen, f.locale, 'q')));
    }
    if (r.rejected && r.rejected.length > 0) {
      facts.appendChild(el('dt', null, 'Rejected'));
      facts.appendChild(
        el(
          'dd',
          null,
          el(
            'ul',
            { class: 'rejected' },
            r.rejected.map(function (/** @type {any} */ rej) {
              return el('li', null, langText('span', rej.text, f.locale, 'q'), ' ', el('span', { class: 'reason' }, '(' + rej.reason + '; ', att(rej), ')'));
            }),
          ),
        ),
      );
    }
    node.appendChild(el('section', { class: 'section', 'aria-label': 'Resolution' }, el('h4', null, 'Resolution'), facts));

    if (f.decision) {
      var d = f.decision;
      node.appendChild(
        el(
          'div',
          { class: 'decision' + (d.stale ? ' stale' : '') },
          el('p', null, el('strong', null, 'Decision: ' + d.action), d.value ? [' \u201C', langText('span', d.value, f.locale), '\u201D'] : null),
          d.note ? langText('p', d.note, 'en') : null,
          d.stale ? el('p', null, 'Stale: ' + d.stale) : null,
        ),
      );
    }

    var status = el('span', { class: 'copy-status', role: 'status', 'aria-live': 'polite' });
    var pre = el('pre', null, el('code', null, item.snippet));
    var details = /** @type {HTMLDetailsElement} */ (el('details', null, el('summary', null, 'Show the decisions.yaml snippet'), pre));
    var button = el('button', { type: 'button', class: 'button copy', 'data-copy': f.id }, 'Copy decisions.yaml snippet');
    button.addEventListener('click', function () {
      copyText(item.snippet, button).then(function (ok) {
        status.classList.toggle('failed', !ok);
        status.textContent = ok ? 'Copied' : 'Copy failed: select the snippet below';
        if (!ok) details.open = true;
        window.setTimeout(function () {
          if (status.textContent === 'Copied') status.textContent = '';
        }, 4000);
      });
    });
    node.appendChild(el('div', { class: 'snippet' }, button, status, details));
    return node;
  }

  /**
   * The Clipboard API where the page may use it, else a hidden textarea and execCommand('copy').
   * @param {string} text @param {HTMLElement} returnFocus @returns {Promise<boolean>}
   */
  function copyText(text, returnFocus) {
    var fallback = function () {
      var area = /** @type {HTMLTextAreaElement} */ (el('textarea', { class: 'copy-buffer', readonly: true, 'aria-hidden': 'true', tabindex: '-1' }));
      area.value = text;
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try {
        ok = document.execCommand('copy');
      } catch (e) {
        ok = false;
      }
      document.body.removeChild(area);
      returnFocus.focus();
      return ok;
    };
    if (navigator.clipboard && typeof navigator.clipboard.writeText === 'function') {
      return navigator.clipboard.writeText(text).then(
        function () { return true; },
        function () { return fallback(); },
      );
    }
    return Promise.resolve(fallback());
  }

  // ---------------------------------------------------------------- codes

  /** @param {string} lang */
  function langOrder(lang) {
    return lang === 'en' ? '' : lang;
  }

  /**
   * Every candidate for one field, language by language: the chosen text marked, then the
   * alternates and the withheld candidates with their reasons.
   * @param {string} title @param {Record<string, any>} values @param {any[]} withheld
   */
  function renderCandidates(title, values, withheld) {
    var langs = uniq(Object.keys(values || {}).concat(withheld.map(function (w) { return w.lang; }))).sort(function (a, b) {
      return byCodePoint(langOrder(a), langOrder(b));
    });
    if (langs.length === 0) return el('section', { class: 'section' }, el('h4', null, title), el('p', { class: 'meta' }, 'No source gives one.'));
    var rows = el('div', { class: 'lang-rows' });
    langs.forEach(function (lang) {
      var list = el('ul', { class: 'cands' });
      var value = values && values[lang];
      if (value) {
        list.appendChild(el('li', { class: 'cand is-chosen', 'data-chosen': 'true' }, el('span', { class: 'badge chosen' }, '\u2713 chosen'), langText('span', value.text, lang, 'text'), atts(value.sources)));
        (value.alternates || []).forEach(function (/** @type {any} */ a) {
          list.appendChild(el('li', { class: 'cand' }, el('span', { class: 'badge alt' }, 'alternate'), langText('span', a.text, lang, 'text'), el('span', { class: 'atts' }, a.reason + ' \u00B7 ', atts(a.sources))));
        });
      }
      withheld.forEach(function (w) {
        if (w.lang !== lang) return;
        list.appendChild(el('li', { class: 'cand' }, el('span', { class: 'badge withheld' }, 'withheld'), langText('span', w.text, lang, 'text'), el('span', { class: 'atts' }, w.reason + ' \u00B7 ', atts(w.sources))));
      });
      rows.appendChild(el('div', { class: 'lang-row' }, el('div', { class: 'lang-tag' }, lang), list));
    });
    return el('section', { class: 'section' }, el('h4', null, title), rows);
  }

  /** @param {any} item */
  function renderCode(item) {
    var rec = item.rec;
    var node = el('article', { class: 'card code-card', 'data-code': item.key });
    var heading = el('h3', null, el('span', { class: 'code-num' }, item.key), ' ', rec.name ? langText('span', rec.name, 'en') : el('span', { class: 'nameless' }, '(no registry name)'));
    var badges = el('span', { class: 'badges' });
    if (item.isClass) badges.appendChild(el('span', { class: 'badge' }, 'class'));
    else {
      badges.appendChild(el('span', { class: 'badge' + (rec.status === 'registered' ? ' chosen' : '') }, rec.status));
      var cls = CLASSES.get(rec.class);
      badges.appendChild(el('span', { class: 'badge alt' }, rec.class + (cls && cls.name ? ' ' + cls.name : '')));
    }
    node.appendChild(el('header', { class: 'code-head' }, heading, badges));
    node.appendChild(el('p', { class: 'meta' }, 'Spec reference: ', rec.reference ? el('code', null, rec.reference) : '(none)'));

    if (item.isClass) {
      node.appendChild(renderCandidates('Names', rec.names, []));
    } else {
      node.appendChild(renderCandidates('Names', rec.names, rec.withheld.filter(function (/** @type {any} */ w) { return w.field === 'name'; })));
      node.appendChild(renderCandidates('Descriptions', rec.descriptions, rec.withheld.filter(function (/** @type {any} */ w) { return w.field === 'description'; })));
      if (rec.aliases.length > 0) {
        node.appendChild(
          el(
            'section',
            { class: 'section' },
            el('h4', null, 'Aliases'),
            el(
              'ul',
              { class: 'plain' },
              rec.aliases.map(function (/** @type {any} */ a) {
                return el('li', null, langText('span', a.name, undefined, 'q'), ' ', el('span', { class: 'reason' }, '(' + a.kind + (a.belongsTo ? ': the name of ' + a.belongsTo : '') + ') '), atts(a.sources));
              }),
            ),
          ),
        );
      }
      if (rec.unofficial.length > 0) {
        node.appendChild(
          el(
            'section',
            { class: 'section' },
            el('h4', null, 'Unofficial meanings'),
            el(
              'ul',
              { class: 'plain' },
              rec.unofficial.map(function (/** @type {any} */ u) {
                return el('li', null, el('strong', null, u.name), ' ', el('span', { class: 'reason' }, '(' + u.origin + ')'), u.note ? ' ' + u.note : '');
              }),
            ),
          ),
        );
      }
    }
    var related = findingsByCode.get(item.key) || [];
    if (related.length > 0) {
      node.appendChild(
        el(
          'section',
          { class: 'section' },
          el('h4', null, 'Findings (' + related.length + ')'),
          el(
            'ul',
            { class: 'plain' },
            related.map(function (/** @type {any} */ r) {
              return el('li', null, el('span', { class: 'badge sev-' + r.finding.severity }, r.finding.severity), ' ', el('span', { class: 'badge st-' + r.finding.status }, r.finding.status), ' ', el('a', { href: hashOf({ code: item.key }) }, r.finding.id));
            }),
          ),
        ),
      );
    }
    if (!item.isClass && rec.sources.length > 0) node.appendChild(el('p', { class: 'meta' }, 'Mentioned by ', atts(rec.sources, '')));
    return node;
  }

  // ---------------------------------------------------------------- filtering

  /** @param {any} item @param {string} [skip] a facet to leave out (for its own counts) */
  function findingMatches(item, skip) {
    var f = item.finding;
    for (var i = 0; i < FILTERS.length; i++) {
      var key = FILTERS[i];
      var want = state[key];
      if (!want || key === skip) continue;
      if (key === 'source' ? item.sources.indexOf(want) < 0 : key === 'lang' ? item.langs.indexOf(want) < 0 : f[key] !== want) return false;
    }
    return terms(state.q).every(function (t) { return item.hay.indexOf(t) >= 0; });
  }

  /** @param {any} item */
  function codeMatches(item) {
    if (state.code && item.key !== state.code) return false;
    if (state.source && item.sources.indexOf(state.source) < 0) return false;
    if (state.lang && item.langs.indexOf(state.lang) < 0) return false;
    if (state.kind || state.severity || state.status) {
      var related = findingsByCode.get(item.key) || [];
      var hit = related.some(function (/** @type {any} */ r) {
        return (!state.kind || r.finding.kind === state.kind) && (!state.severity || r.finding.severity === state.severity) && (!state.status || r.finding.status === state.status);
      });
      if (!hit) return false;
    }
    return terms(state.q).every(function (t) { return item.hay.indexOf(t) >= 0; });
  }

  // ---------------------------------------------------------------- page

  var $ = function (/** @type {string} */ id) { return /** @type {HTMLElement} */ (document.getElementById(id)); };
  var findingsList = $('findings-list');
  var codesList = $('codes-list');
  var countLine = $('result-count');
  var empty = $('empty');
  var search = /** @type {HTMLInputElement} */ ($('filter-q'));
  /** @type {Record<string, HTMLSelectElement>} */
  var selects = {};
  /** @type {Record<string, Record<string, {button: HTMLElement, count: HTMLElement}>>} */
  var facetButtons = {};

  function optionLabel(/** @type {string} */ key, /** @type {string} */ value) {
    if (key === 'code') return codeTitle(value);
    if (key === 'source') return value + ' \u2014 ' + sourceLabel(value);
    return value;
  }

  FILTERS.forEach(function (key) {
    var select = /** @type {HTMLSelectElement} */ ($('filter-' + key));
    select.appendChild(el('option', { value: '' }, 'All'));
    VALUES[key].forEach(function (value) { select.appendChild(el('option', { value: value }, optionLabel(key, value))); });
    select.addEventListener('change', function () { update(key, select.value); });
    selects[key] = select;
  });
  search.addEventListener('input', function () { update('q', search.value); });
  $('filters').addEventListener('submit', function (event) { event.preventDefault(); });
  $('clear').addEventListener('click', clearFilters);
  $('empty-clear').addEventListener('click', function () {
    clearFilters();
    search.focus(); // the button that had the focus is gone
  });
  $('view-findings').addEventListener('click', function () { update('view', 'findings'); });
  $('view-codes').addEventListener('click', function () { update('view', 'codes'); });
  $('skip').addEventListener('click', function (event) {
    event.preventDefault();
    $('results').focus();
  });

  var summary = $('summary');
  FACETS.forEach(function (key) {
    var list = el('ul', { class: 'facet-list' });
    facetButtons[key] = {};
    VALUES[key].forEach(function (value) {
      var count = el('span', { class: 'n' });
      var name = el('span', { class: 'facet-name' }, value);
      if (key === 'source') name.appendChild(el('span', { class: 'facet-sub' }, ' ' + (SOURCES.get(value) || {}).lang));
      var button = el('button', { type: 'button', class: 'facet', 'data-facet': key, 'data-value': value, 'aria-pressed': 'false', title: key === 'source' ? sourceLabel(value) : undefined }, name, count);
      button.addEventListener('click', function () {
        var next = Object.assign({}, state, { view: 'findings' });
        next[key] = state[key] === value && state.view === 'findings' ? '' : value;
        setState(next);
      });
      facetButtons[key][value] = { button: button, count: count };
      list.appendChild(el('li', null, button));
    });
    summary.appendChild(el('div', { class: 'facet-group', role: 'group', 'aria-labelledby': 'facet-' + key }, el('h3', { id: 'facet-' + key }, FACET_TITLES[/** @type {'kind'} */ (key)]), list));
  });

  $('lede').textContent =
    DATA.findings.length + ' findings about ' + findingsByCode.size + ' codes and classes; ' + DATA.codes.length + ' codes and ' + DATA.classes.length + ' classes in the dataset, from ' +
    DATA.sources.filter(function (/** @type {any} */ s) { return s.id !== 'decisions'; }).length + ' sources and registries.';
  $('view-findings').textContent = 'Findings (' + DATA.findings.length + ')';
  $('view-codes').textContent = 'Codes (' + codeItems.length + ')';

  var legend = $('sources-body');
  DATA.sources.forEach(function (/** @type {any} */ s) {
    legend.appendChild(el('tr', null, el('td', null, el('code', null, s.id)), el('td', null, s.title), el('td', null, el('code', null, 'sources/' + s.file)), el('td', null, s.format), el('td', null, s.lang)));
  });
  $('sources-count').textContent = String(DATA.sources.length);

  findingItems.forEach(function (/** @type {any} */ item) {
    item.node = renderFinding(item);
    findingsList.appendChild(item.node);
  });
  codeItems.forEach(function (/** @type {any} */ item) {
    item.node = renderCode(item);
    codesList.appendChild(item.node);
  });

  function clearFilters() {
    setState(Object.assign(emptyState(), { view: state.view }));
  }

  /** @param {string} key @param {string} value */
  function update(key, value) {
    var next = Object.assign({}, state);
    next[key] = value;
    setState(next);
  }

  /** @param {Record<string, string>} next */
  function setState(next) {
    state = next;
    render();
    var hash = hashOf(state);
    if (hash !== (location.hash || '#')) location.replace(hash);
  }

  /** The state a hash describes; unknown values are dropped. @param {string} hash */
  function parseHash(hash) {
    var next = emptyState();
    var params = new URLSearchParams(hash.replace(/^#/, ''));
    URL_KEYS.forEach(function (key) {
      var value = params.get(key);
      if (value === null) return;
      if (key === 'view') next.view = value === 'codes' ? 'codes' : 'findings';
      else if (key === 'q') next.q = value;
      else if (VALUES[key].indexOf(value) >= 0) next[key] = value;
    });
    return next;
  }

  function render() {
    var codesView = state.view === 'codes';
    FILTERS.forEach(function (key) {
      if (selects[key].value !== state[key]) selects[key].value = state[key];
    });
    if (search.value !== state.q) search.value = state.q;
    $('view-findings').setAttribute('aria-pressed', String(!codesView));
    $('view-codes').setAttribute('aria-pressed', String(codesView));
    findingsList.hidden = codesView;
    codesList.hidden = !codesView;

    var shown = 0;
    var total = 0;
    if (codesView) {
      codeItems.forEach(function (/** @type {any} */ item) {
        var match = codeMatches(item);
        item.node.hidden = !match;
        if (match) shown++;
      });
      total = codeItems.length;
    } else {
      findingItems.forEach(function (/** @type {any} */ item) {
        var match = findingMatches(item);
        item.node.hidden = !match;
        if (match) shown++;
      });
      total = findingItems.length;
    }
    // Each facet counts the findings the other filters let through, so a count is what a click shows.
    FACETS.forEach(function (key) {
      var counts = Object.create(null);
      findingItems.forEach(function (/** @type {any} */ item) {
        if (!findingMatches(item, key)) return;
        var values = key === 'source' ? item.sources : key === 'lang' ? item.langs : [item.finding[key]];
        values.forEach(function (/** @type {string} */ v) { counts[v] = (counts[v] || 0) + 1; });
      });
      Object.keys(facetButtons[key]).forEach(function (value) {
        var entry = facetButtons[key][value];
        var n = counts[value] || 0;
        entry.count.textContent = String(n);
        entry.button.classList.toggle('zero', n === 0);
        entry.button.setAttribute('aria-pressed', String(!codesView && state[key] === value));
      });
    });
    var noun = codesView ? 'codes and classes' : 'findings';
    countLine.textContent = shown === total ? 'Showing all ' + total + ' ' + noun : 'Showing ' + shown + ' of ' + total + ' ' + noun;
    countLine.setAttribute('data-visible', String(shown));
    countLine.setAttribute('data-total', String(total));
    empty.hidden = shown > 0;
  }

  window.addEventListener('hashchange', function () {
    var next = parseHash(location.hash);
    if (hashOf(next) === hashOf(state)) return;
    state = next;
    render();
    $('results').scrollIntoView({ block: 'start' });
  });

  state = parseHash(location.hash);
  render();
  document.documentElement.setAttribute('data-ready', 'true');
})();
