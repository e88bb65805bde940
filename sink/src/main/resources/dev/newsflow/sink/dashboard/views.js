// The dashboard's views. They build DOM nodes with textContent only (never HTML from data), and read
// answers in the issue-14 vocabulary that api.js hands them.
import * as api from './api.js';
import { seriesChart } from './chart.js';

export const TYPES = ['PERSON', 'ORGANIZATION', 'LOCATION', 'MISC'];

/** h('div', {class: 'x', 'data-id': 1}, child, 'text', ...): an element; attributes and text, no HTML parsing. */
export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v !== null && v !== undefined && v !== false) {
      node.setAttribute(k, v === true ? '' : String(v));
    }
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) {
      node.append(child instanceof Node ? child : String(child));
    }
  }
  return node;
}

export const articleHref = (id) => `#/article/${encodeURIComponent(id)}`;
export const entityHref = (name, type) => `#/entity/${encodeURIComponent(name)}${type ? `?type=${encodeURIComponent(type)}` : ''}`;

function time(iso) {
  if (!iso) {
    return 'time unknown';
  }
  const d = new Date(iso);
  return h('time', { datetime: iso, title: iso }, d.toLocaleString());
}

function score(value) {
  return value === null || value === undefined ? '–' : `${value > 0 ? '+' : ''}${Number(value).toFixed(2)}`;
}

function badge(sentiment, extraClass = '') {
  if (!sentiment) {
    return h('span', { class: `badge NEUTRAL ${extraClass}` }, '–');
  }
  const label = sentiment.label || (sentiment.score > 0.05 ? 'POSITIVE' : sentiment.score < -0.05 ? 'NEGATIVE' : 'NEUTRAL');
  return h('span', { class: `badge ${label} ${extraClass}`, title: `${label} ${score(sentiment.score)}`, 'data-label': label },
    score(sentiment.score));
}

/** A colour for a sentiment score: red below zero, green above, grey near it; stronger the further from zero. */
export function sentimentColor(value) {
  const s = Math.max(-1, Math.min(1, Number(value) || 0));
  const alpha = 0.15 + 0.45 * Math.abs(s);
  return s < -0.05 ? `rgba(192, 57, 43, ${alpha})` : s > 0.05 ? `rgba(33, 140, 74, ${alpha})` : 'rgba(127, 140, 141, 0.18)';
}

export function errorBox(e) {
  return h('p', { class: 'error', role: 'alert' }, e instanceof api.ApiError ? `${e.status}: ${e.message}` : String(e.message || e));
}

function entityChip(e) {
  const chip = h('a', { class: 'chip', href: entityHref(e.name, e.type), 'data-type': e.type, title: e.type },
    h('span', { class: `type ${e.type}` }, e.type ? e.type[0] : ''), ' ', e.name);
  if (e.sentiment) {
    chip.style.backgroundColor = sentimentColor(e.sentiment.score);
  }
  return chip;
}

/** One article summary as a card: title, source, time, sentiment, top entities. */
export function articleCard(a, { fresh = false, entitySentiment = false } = {}) {
  return h('li', { class: `card article${fresh ? ' fresh' : ''}`, 'data-id': a.id },
    h('div', {},
      badge(entitySentiment && a.entitySentiment ? a.entitySentiment : a.sentiment), ' ',
      h('a', { class: 'title', href: articleHref(a.id) }, a.title || '(no title)')),
    h('div', { class: 'meta' }, a.source || 'unknown source', ' · ', time(a.publishedAt),
      a.duplicateOf ? [' · copy of ', h('a', { href: articleHref(a.duplicateOf) }, 'the original')] : null),
    a.entities.length ? h('div', { class: 'chips' }, a.entities.map(entityChip)) : null);
}

// ---- Live

export function liveView(root, feed) {
  root.append(h('h1', {}, 'Live'),
    h('p', { class: 'muted' }, 'Articles appear here as they are stored, newest first.'));
  const list = h('ul', { class: 'cards', id: 'live-list' });
  const recentNote = h('p', { class: 'note' });
  root.append(list, recentNote);
  const shown = new Set();
  const add = (a, fresh, atTop) => {
    if (shown.has(a.id)) {
      list.querySelector(`[data-id="${CSS.escape(a.id)}"]`)?.remove();
    }
    shown.add(a.id);
    const card = articleCard(a, { fresh });
    card.classList.add('live-item');
    if (atTop) {
      list.prepend(card);
    } else {
      list.append(card);
    }
    while (list.children.length > feed.max) {
      shown.delete(list.lastElementChild.dataset.id);
      list.lastElementChild.remove();
    }
  };
  [...feed.items].reverse().forEach((a) => add(a, false, true));
  api.recentArticles(20).then((items) => {
    items.filter((a) => !shown.has(a.id)).forEach((a) => add(a, false, false));
  }).catch((e) => {
    recentNote.textContent = `Older articles are not listed here (${e.message}); new ones appear as they are stored.`;
  });
  return feed.listen((a) => add(a, true, true));
}

// ---- Article

function mentionsOf(article) {
  const all = [];
  for (const e of article.entities) {
    for (const m of e.mentions) {
      all.push({ ...m, entity: e });
    }
  }
  all.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept = [];
  let until = -1;
  for (const m of all) {
    if (m.start >= until && m.end > m.start) {
      kept.push(m);
      until = m.end;
    }
  }
  return kept;
}

function highlighted(body, start, end, mentions) {
  const parts = [];
  let at = start;
  for (const m of mentions) {
    if (m.start < start || m.start >= end) {
      continue;
    }
    const mEnd = Math.min(m.end, end);
    if (m.start > at) {
      parts.push(body.slice(at, m.start));
    }
    const span = h('a', {
      class: `mention ${m.type}`, href: entityHref(m.entity.name, m.entity.type), 'data-type': m.type,
      'data-entity': m.entity.name, 'data-entity-type': m.entity.type,
      title: `${m.type} · ${m.entity.name} · sentiment ${score(m.entity.sentiment && m.entity.sentiment.score)}`,
    }, body.slice(m.start, mEnd));
    span.style.backgroundColor = sentimentColor(m.entity.sentiment && m.entity.sentiment.score);
    parts.push(span);
    at = mEnd;
  }
  if (at < end) {
    parts.push(body.slice(at, end));
  }
  return parts;
}

export async function articleView(root, id) {
  root.append(h('p', { class: 'muted' }, 'Loading…'));
  let a;
  for (let attempt = 0; ; attempt++) {
    try {
      a = await api.article(id);
      break;
    } catch (e) {
      // A live event can arrive a moment before its article is queryable on this instance.
      if (!(e instanceof api.ApiError && e.status === 404 && attempt < 5)) {
        root.replaceChildren(errorBox(e));
        return;
      }
      await new Promise((resolve) => { setTimeout(resolve, 400); });
    }
  }
  const mentions = mentionsOf(a);
  const sentences = a.sentences.length ? a.sentences : [{ start: 0, end: a.body.length, sentiment: null }];
  const text = h('div', { class: 'body', id: 'article-body' });
  let previousEnd = 0;
  for (const s of sentences) {
    const paragraph = /\n\s*\n/.test(a.body.slice(previousEnd, s.start));
    text.append(h('div', { class: `sentence${paragraph ? ' paragraph' : ''}`, 'data-start': s.start, 'data-end': s.end },
      s.sentiment ? badge(s.sentiment, 'sentence-sentiment') : h('span', {}),
      h('span', { class: 'sentence-text' }, highlighted(a.body, s.start, s.end, mentions))));
    previousEnd = s.end;
  }
  const legend = h('div', { class: 'legend' },
    TYPES.map((t) => h('span', { class: `type ${t}` }, h('span', { class: `mention ${t}` }, t.toLowerCase()))),
    h('span', {}, h('span', { class: 'swatch', 'data-swatch': 'neg' }), 'negative'),
    h('span', {}, h('span', { class: 'swatch', 'data-swatch': 'pos' }), 'positive toward the entity'));
  legend.querySelector('[data-swatch="neg"]').style.backgroundColor = sentimentColor(-0.8);
  legend.querySelector('[data-swatch="pos"]').style.backgroundColor = sentimentColor(0.8);
  const safeUrl = a.url && /^https?:\/\//i.test(a.url) ? a.url : null;
  const side = h('aside', {},
    h('h2', {}, 'Entities'),
    h('ul', { class: 'cards', id: 'article-entities' }, a.entities.map((e) => h('li', { class: 'card' },
      badge(e.sentiment), ' ', h('a', { href: entityHref(e.name, e.type) }, e.name), ' ',
      h('span', { class: `type ${e.type}` }, e.type),
      h('div', { class: 'meta' }, `${e.mentions.length} mention(s), salience ${score(e.salience)}`)))),
    a.copies.length ? [h('h2', {}, 'Copies'), h('ul', { class: 'cards' }, a.copies.map((c) => articleCard(c)))] : null);
  root.replaceChildren(
    h('h1', { id: 'article-title' }, a.title || '(no title)'),
    h('p', { class: 'meta' }, badge(a.sentiment), ' ', a.source || 'unknown source', ' · ', time(a.publishedAt),
      a.authors.length ? ` · ${a.authors.join(', ')}` : '', a.dateline ? ` · ${a.dateline}` : '',
      safeUrl ? [' · ', h('a', { href: safeUrl, rel: 'noopener noreferrer', target: '_blank' }, 'original')] : null,
      a.duplicateOf ? [' · copy of ', h('a', { href: articleHref(a.duplicateOf) }, 'the original')] : null),
    legend,
    h('div', { class: 'layout' }, text, side));
}

// ---- Entity

const RANGES = { hour: 48 * 3600000, day: 30 * 86400000 };

export async function entityView(root, name, type, interval) {
  root.append(h('p', { class: 'muted' }, 'Loading…'));
  let e;
  try {
    e = await api.entity(name, type);
  } catch (err) {
    root.replaceChildren(errorBox(err));
    return;
  }
  const chartBox = h('div', { id: 'entity-chart' });
  const controls = h('div', { class: 'controls' }, 'Per',
    ['hour', 'day'].map((i) => h('a', { href: `${entityHref(e.name, e.type)}${e.type ? '&' : '?'}interval=${i}` },
      h('button', { type: 'button', class: i === interval ? 'active' : '', 'data-interval': i }, i))));
  const relatedList = h('ul', { class: 'cards', id: 'entity-related' });
  root.replaceChildren(
    h('h1', { id: 'entity-name' }, e.name, ' ', h('span', { class: `type ${e.type}` }, e.type)),
    h('p', { class: 'meta' }, `${e.mentionCount ?? '–'} mention(s) in ${e.articleCount ?? '–'} article(s), mean sentiment `,
      badge({ score: e.meanSentiment }), e.firstSeen ? [' · first seen ', time(e.firstSeen)] : null,
      e.lastSeen ? [' · last seen ', time(e.lastSeen)] : null),
    controls, chartBox,
    h('div', { class: 'layout' },
      h('section', {}, h('h2', {}, 'Recent articles'),
        h('ul', { class: 'cards', id: 'entity-articles' }, e.articles.map((a) => articleCard(a, { entitySentiment: true })))),
      h('section', {}, h('h2', {}, 'Appears with'), relatedList)));

  const to = new Date(Math.ceil(Date.now() / 3600000) * 3600000);
  const from = new Date(to.getTime() - RANGES[interval]);
  api.series(e.name, e.type, interval, from.toISOString(), to.toISOString())
    .then((s) => chartBox.replaceChildren(seriesChart(s)))
    .catch((err) => chartBox.replaceChildren(errorBox(err)));
  api.related(e.name, e.type, 10)
    .then((items) => relatedList.replaceChildren(...(items.length ? items.map((r) => h('li', { class: 'card related' },
      h('a', { href: entityHref(r.name, r.type) }, r.name), ' ', h('span', { class: `type ${r.type}` }, r.type),
      h('span', { class: 'meta' }, ` · in ${r.articleCount} article(s)`))) : [h('li', { class: 'note' }, 'No other entities yet.')])))
    .catch((err) => relatedList.replaceChildren(errorBox(err)));
}

// ---- Top entities

export async function topView(root, window, by) {
  const controls = h('div', { class: 'controls' }, 'Window',
    ['24h', '7d'].map((w) => h('a', { href: `#/top?window=${w}&by=${by}` },
      h('button', { type: 'button', class: w === window ? 'active' : '' }, w))),
    'by',
    ['mentions', 'articles', 'sentiment'].map((b) => h('a', { href: `#/top?window=${window}&by=${b}` },
      h('button', { type: 'button', class: b === by ? 'active' : '' }, b))));
  const table = h('div', { id: 'top-table' }, h('p', { class: 'muted' }, 'Loading…'));
  root.append(h('h1', {}, 'Top entities'), controls, table);
  try {
    const answer = await api.top(window, by, 25);
    if (!answer.items.length) {
      table.replaceChildren(h('p', { class: 'note' }, 'No entity in this window yet.'));
      return;
    }
    table.replaceChildren(h('table', {},
      h('thead', {}, h('tr', {}, h('th', {}, 'Entity'), h('th', {}, 'Type'), h('th', { class: 'num' }, 'Mentions'),
        h('th', { class: 'num' }, 'Articles'), h('th', { class: 'num' }, 'Mean sentiment'))),
      h('tbody', {}, answer.items.map((e) => h('tr', { class: 'top-row' },
        h('td', {}, h('a', { href: entityHref(e.name, e.type) }, e.name)),
        h('td', {}, h('span', { class: `type ${e.type}` }, e.type)),
        h('td', { class: 'num' }, e.mentionCount), h('td', { class: 'num' }, e.articleCount),
        h('td', { class: 'num' }, badge({ score: e.meanSentiment })))))));
  } catch (e) {
    table.replaceChildren(errorBox(e));
  }
}

// ---- Search

export async function searchView(root, q) {
  root.append(h('h1', {}, 'Search: ', q));
  const results = h('div', { id: 'search-results' }, h('p', { class: 'muted' }, 'Searching…'));
  root.append(results);
  try {
    const answer = await api.search(q);
    results.replaceChildren(
      h('p', { class: 'meta' }, answer.total !== null ? `${answer.total} match(es)` : `${answer.items.length} shown`),
      answer.items.length ? h('ul', { class: 'cards' }, answer.items.map((a) => articleCard(a)))
        : h('p', { class: 'note' }, 'Nothing matches.'));
  } catch (e) {
    results.replaceChildren(errorBox(e));
  }
}

// ---- Token

export function tokenView(root, onSaved) {
  const input = h('input', { type: 'password', id: 'token-input', autocomplete: 'off', 'aria-label': 'API token' });
  const form = h('form', { class: 'token', id: 'token-form' },
    h('h1', {}, 'Token required'),
    h('p', {}, 'This sink requires its http.auth.token. Type it once: it is kept in this tab only (sessionStorage) and '
      + 'sent as an Authorization header to this server, never in a URL.'),
    input, h('button', { type: 'submit' }, 'Use token'));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    api.setToken(input.value.trim());
    onSaved();
  });
  root.replaceChildren(form);
  input.focus();
}
