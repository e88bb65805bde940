// The dashboard's only door to the sink: every request and every field read from an answer is here.
// The rest of the dashboard sees the issue-14 JSON vocabulary (publishedAt, UPPER-CASE labels, lists
// under `items`, counts named ...Count). Answers that still use older names (`time`, `recent`,
// `points`, `entities` of /entities/top, `mentions`/`articles` counts, lower-case labels) are turned
// into that vocabulary by the small adapters below, which can go once every route speaks it.

const TOKEN_KEY = 'newsflow.token';

/** An answer other than 2xx: its HTTP status and the API's `error` message. */
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** The bearer token typed in this tab (sessionStorage: gone when the tab closes), or ''. */
export function token() {
  return sessionStorage.getItem(TOKEN_KEY) || '';
}

export function setToken(value) {
  if (value) {
    sessionStorage.setItem(TOKEN_KEY, value);
  } else {
    sessionStorage.removeItem(TOKEN_KEY);
  }
}

function headers(accept) {
  const h = { Accept: accept };
  const t = token();
  if (t) {
    h.Authorization = `Bearer ${t}`;
  }
  return h;
}

async function getJson(path) {
  const res = await fetch(path, { headers: headers('application/json'), cache: 'no-store', credentials: 'omit' });
  let body = null;
  try {
    body = await res.json();
  } catch (e) {
    body = null;
  }
  if (!res.ok) {
    throw new ApiError(res.status, body && body.error ? body.error : `HTTP ${res.status}`);
  }
  return body;
}

const enc = encodeURIComponent;

function query(params) {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== undefined && v !== null && v !== '')
    .map(([k, v]) => `${enc(k)}=${enc(v)}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

// ---- adapters: today's answers -> the vocabulary

const upper = (value) => (value == null ? null : String(value).toUpperCase());
const num = (...values) => values.find((v) => typeof v === 'number') ?? null;
const list = (answer, ...older) => {
  if (Array.isArray(answer.items)) {
    return answer.items;
  }
  for (const name of older) {
    if (Array.isArray(answer[name])) {
      return answer[name];
    }
  }
  return [];
};

function sentiment(s) {
  if (s == null) {
    return null;
  }
  if (typeof s === 'number') {
    return { score: s, label: null };
  }
  return { score: s.score, label: upper(s.label) };
}

function entityRef(e) {
  return {
    key: e.key ?? null,
    id: e.id ?? null,
    name: e.name,
    type: upper(e.type),
    salience: e.salience ?? null,
    linkConfidence: e.linkConfidence ?? null,
    sentiment: sentiment(e.sentiment),
    mentions: (e.mentions || []).map((m) => ({ start: m.start, end: m.end, text: m.text, type: upper(m.type ?? e.type) })),
  };
}

/** An article summary; an article listed under an entity also has entitySentiment and entityMentionCount. */
function summary(a) {
  // Before the vocabulary, lists under an entity gave `sentiment` toward the entity and `documentSentiment`.
  const older = Object.prototype.hasOwnProperty.call(a, 'documentSentiment');
  return {
    id: a.id,
    title: a.title ?? null,
    url: a.url ?? null,
    source: a.source ?? null,
    language: a.language ?? null,
    publishedAt: a.publishedAt ?? a.time ?? null,
    sentiment: older ? sentiment(a.documentSentiment) : sentiment(a.sentiment),
    duplicateOf: a.duplicateOf ?? null,
    entities: (a.entities || []).map(entityRef),
    entitySentiment: older ? sentiment(a.sentiment) : sentiment(a.entitySentiment),
    entityMentionCount: num(a.entityMentionCount, older ? a.mentions : undefined),
    similarity: a.similarity ?? null,
  };
}

function detail(a) {
  return {
    ...summary(a),
    authors: a.authors || [],
    dateline: a.dateline ?? null,
    body: a.body || '',
    sentences: (a.sentences || []).map((s) => ({ start: s.start, end: s.end, sentiment: sentiment(s.sentiment) })),
    copies: (a.copies || []).map(summary),
  };
}

function entityTotals(e) {
  return {
    key: e.key ?? null,
    id: e.id ?? null,
    name: e.name ?? e.entity,
    type: upper(e.type),
    mentionCount: num(e.mentionCount, e.mentions),
    articleCount: num(e.articleCount, e.articles),
    meanSentiment: e.meanSentiment ?? null,
  };
}

// ---- calls

/** The newest stored articles (GET /articles). */
export async function recentArticles(limit = 20) {
  return list(await getJson(`/articles${query({ limit })}`), 'articles').map(summary);
}

/** Full-text search (GET /articles?q=). */
export async function search(q, limit = 50) {
  const answer = await getJson(`/articles${query({ q, limit })}`);
  return { items: list(answer, 'articles').map(summary), total: answer.total ?? null };
}

/** One article with body, sentences and every entity with its mentions (GET /articles/{id}). */
export async function article(id) {
  return detail(await getJson(`/articles/${enc(id)}`));
}

/** An entity's totals and recent articles (GET /entities/{name}). */
export async function entity(name, type) {
  const e = await getJson(`/entities/${enc(name)}${query({ type })}`);
  return {
    ...entityTotals(e),
    firstSeen: e.firstSeen ?? null,
    lastSeen: e.lastSeen ?? null,
    types: (e.types || []).map(entityTotals),
    articles: (Array.isArray(e.articles) ? e.articles : e.recent || []).map(summary),
  };
}

/** Mentions and sentiment per hour or day in [from, to) (GET /entities/{name}/sentiment). */
export async function series(name, type, interval, from, to) {
  const answer = await getJson(`/entities/${enc(name)}/sentiment${query({ type, interval, from, to })}`);
  return {
    interval: answer.interval,
    from: answer.from,
    to: answer.to,
    items: list(answer, 'points').map((p) => ({
      start: p.start,
      end: p.end,
      mentionCount: num(p.mentionCount, p.mentions) ?? 0,
      articleCount: num(p.articleCount, p.articles) ?? 0,
      meanSentiment: p.meanSentiment ?? null,
    })),
  };
}

/** The entities that appear in the most of this entity's recent articles (GET /entities/{name}/related). */
export async function related(name, type, limit = 10) {
  const answer = await getJson(`/entities/${enc(name)}/related${query({ type, limit })}`);
  return list(answer).map((e) => ({ ...entityTotals(e), articleCount: e.articleCount }));
}

/** The top entities in a window (GET /entities/top). */
export async function top(window, by, limit = 25) {
  const answer = await getJson(`/entities/top${query({ window, by, limit })}`);
  return { from: answer.from, to: answer.to, items: list(answer, 'entities').map(entityTotals) };
}

/**
 * Follows the live feed (GET /events/articles, server-sent events). It is read with fetch rather than EventSource,
 * because EventSource cannot send the Authorization header: the token never goes into a URL.
 * Calls onArticle(summary) per stored article and onState('live'|'reconnecting'|'unauthorized'); reconnects by
 * itself with a growing delay. Returns a function that stops it.
 */
export function followLive(onArticle, onState) {
  let stopped = false;
  let controller = null;
  let delay = 1000;

  // The event-stream format, line by line: fields accumulate until a blank line dispatches them; a line
  // starting with ':' is a comment (the server's ': connected' and ': keepalive').
  let event = 'message';
  let data = [];
  const line = (text) => {
    if (text === '') {
      if (event === 'article' && data.length) {
        try {
          onArticle(summary(JSON.parse(data.join('\n'))));
        } catch (e) {
          console.warn('live feed: an unreadable article event was skipped', e);
        }
      }
      event = 'message';
      data = [];
    } else if (text.startsWith(':')) {
      if (text.slice(1).trim() === 'connected') {
        delay = 1000;
        onState('live');
      }
    } else if (text.startsWith('event:')) {
      event = text.slice(6).trim();
    } else if (text.startsWith('data:')) {
      data.push(text.slice(5).replace(/^ /, ''));
    }
  };

  const connect = async () => {
    controller = new AbortController();
    event = 'message';
    data = [];
    try {
      const res = await fetch('/events/articles', {
        headers: headers('text/event-stream'), cache: 'no-store', credentials: 'omit', signal: controller.signal,
      });
      if (res.status === 401) {
        onState('unauthorized');
        return;
      }
      if (!res.ok || !res.body) {
        throw new ApiError(res.status, `live feed answered ${res.status}`);
      }
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      let pending = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) {
          break;
        }
        pending = (pending + decoder.decode(value, { stream: true })).replace(/\r\n/g, '\n');
        let end;
        while ((end = pending.indexOf('\n')) >= 0) {
          line(pending.slice(0, end));
          pending = pending.slice(end + 1);
        }
      }
    } catch (e) {
      if (stopped) {
        return;
      }
    }
    if (!stopped) {
      onState('reconnecting');
      setTimeout(connect, delay);
      delay = Math.min(delay * 2, 15000);
    }
  };

  connect();
  return () => {
    stopped = true;
    if (controller) {
      controller.abort();
    }
  };
}
