// A small hand-written SVG chart of an entity's series: bars for mentions per bucket, a line and
// points for the mean sentiment toward it (-1 .. 1). Buckets without mentions have no point.

const SVG = 'http://www.w3.org/2000/svg';
const W = 760;
const H = 260;
const PAD = { left: 44, right: 44, top: 14, bottom: 30 };

function el(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) {
    node.setAttribute(k, String(v));
  }
  if (text !== undefined) {
    node.textContent = text;
  }
  return node;
}

/**
 * @param series {interval, from, to, items: [{start, end, mentionCount, articleCount, meanSentiment|null}]}
 * @returns an <svg class="chart"> element
 */
export function seriesChart(series) {
  const svg = el('svg', { class: 'chart', viewBox: `0 0 ${W} ${H}`, role: 'img' });
  svg.appendChild(el('title', {}, `Mentions and mean sentiment per ${series.interval}`));
  const t0 = Date.parse(series.from);
  const t1 = Math.max(Date.parse(series.to), t0 + 1);
  const innerW = W - PAD.left - PAD.right;
  const innerH = H - PAD.top - PAD.bottom;
  const x = (t) => PAD.left + ((t - t0) / (t1 - t0)) * innerW;
  const maxMentions = Math.max(1, ...series.items.map((p) => p.mentionCount));
  const yCount = (c) => PAD.top + innerH - (c / maxMentions) * innerH;
  const ySent = (s) => PAD.top + ((1 - s) / 2) * innerH;

  svg.appendChild(el('line', { class: 'axis', x1: PAD.left, y1: PAD.top + innerH, x2: W - PAD.right, y2: PAD.top + innerH }));
  svg.appendChild(el('line', { class: 'zero', x1: PAD.left, y1: ySent(0), x2: W - PAD.right, y2: ySent(0) }));
  svg.appendChild(el('text', { x: 4, y: ySent(1) + 4 }, '+1'));
  svg.appendChild(el('text', { x: 4, y: ySent(0) + 4 }, '0'));
  svg.appendChild(el('text', { x: 4, y: ySent(-1) }, '-1'));
  svg.appendChild(el('text', { x: W - PAD.right + 6, y: yCount(maxMentions) + 8 }, String(maxMentions)));
  svg.appendChild(el('text', { x: W - PAD.right + 6, y: PAD.top + innerH }, '0'));

  const ticks = 6;
  for (let i = 0; i <= ticks; i++) {
    const t = t0 + ((t1 - t0) * i) / ticks;
    const d = new Date(t);
    const label = series.interval === 'day'
      ? d.toISOString().slice(5, 10)
      : `${d.toISOString().slice(5, 10)} ${d.toISOString().slice(11, 16)}`;
    svg.appendChild(el('text', { x: x(t) - 28, y: H - 8 }, label));
  }

  const bucketMs = series.interval === 'day' ? 86400000 : 3600000;
  const barW = Math.max(1, (bucketMs / (t1 - t0)) * innerW - 1);
  const line = [];
  for (const p of series.items) {
    const start = Date.parse(p.start);
    if (p.mentionCount > 0) {
      const bar = el('rect', {
        class: 'bar', x: x(start), y: yCount(p.mentionCount), width: barW, height: PAD.top + innerH - yCount(p.mentionCount),
      });
      bar.appendChild(el('title', {}, `${p.start}: ${p.mentionCount} mention(s) in ${p.articleCount} article(s)`));
      svg.appendChild(bar);
    }
    if (p.meanSentiment !== null && p.meanSentiment !== undefined) {
      line.push([x(start) + barW / 2, ySent(p.meanSentiment), p]);
    }
  }
  if (line.length > 1) {
    svg.appendChild(el('polyline', { class: 'line', points: line.map(([px, py]) => `${px},${py}`).join(' ') }));
  }
  for (const [px, py, p] of line) {
    const point = el('circle', { class: 'point', cx: px, cy: py, r: 4, 'data-start': p.start, 'data-sentiment': p.meanSentiment });
    point.appendChild(el('title', {}, `${p.start}: mean sentiment ${p.meanSentiment.toFixed(3)}`));
    svg.appendChild(point);
  }
  return svg;
}
