// The dashboard's entry: a hash router over the views, the search box and one live-feed subscription
// for the whole page (kept across views, so Live shows what arrived while you looked elsewhere).
import * as api from './api.js';
import * as views from './views.js';

const view = document.getElementById('view');
const status = document.getElementById('live-status');

/** The live feed: the last `max` articles and the listeners of the view on screen. */
const feed = {
  max: 100,
  items: [],
  listeners: new Set(),
  listen(fn) {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  },
  push(article) {
    this.items = [article, ...this.items.filter((a) => a.id !== article.id)].slice(0, this.max);
    this.listeners.forEach((fn) => fn(article));
  },
};

let stopLive = null;
let leaveView = null;

function setState(state) {
  status.dataset.state = state;
  status.textContent = { live: 'live', reconnecting: 'reconnecting…', unauthorized: 'token needed' }[state] || state;
  if (state === 'unauthorized') {
    askToken();
  }
}

function startLive() {
  if (stopLive) {
    stopLive();
  }
  status.dataset.state = 'connecting';
  status.textContent = 'connecting';
  stopLive = api.followLive((a) => feed.push(a), setState);
}

function askToken() {
  views.tokenView(view, () => {
    startLive();
    render();
  });
}

function route() {
  const hash = location.hash.replace(/^#\/?/, '');
  const [path, queryString] = hash.split('?');
  const params = new URLSearchParams(queryString || '');
  const parts = path.split('/').map((p) => decodeURIComponent(p));
  return { name: parts[0] || 'live', arg: parts.slice(1).join('/'), params };
}

async function render() {
  if (leaveView) {
    leaveView();
    leaveView = null;
  }
  const { name, arg, params } = route();
  document.querySelectorAll('nav a').forEach((a) => a.classList.toggle('active', a.dataset.nav === name));
  view.replaceChildren();
  delete view.dataset.ready;
  view.dataset.view = name;
  try {
    switch (name) {
      case 'article':
        await views.articleView(view, arg);
        break;
      case 'entity':
        await views.entityView(view, arg, params.get('type'), params.get('interval') === 'day' ? 'day' : 'hour');
        break;
      case 'top':
        await views.topView(view, params.get('window') || '24h', params.get('by') || 'mentions');
        break;
      case 'search':
        document.getElementById('search-q').value = params.get('q') || '';
        await views.searchView(view, params.get('q') || '');
        break;
      default:
        leaveView = views.liveView(view, feed);
    }
  } catch (e) {
    if (e instanceof api.ApiError && e.status === 401) {
      askToken();
      return;
    }
    view.replaceChildren(views.errorBox(e));
  }
  if (view.querySelector('.error') && view.textContent.includes('401')) {
    askToken();
  }
  view.dataset.ready = 'true';
}

document.getElementById('search').addEventListener('submit', (ev) => {
  ev.preventDefault();
  const q = document.getElementById('search-q').value.trim();
  if (q) {
    location.hash = `#/search?q=${encodeURIComponent(q)}`;
  }
});
window.addEventListener('hashchange', render);
startLive();
render();
