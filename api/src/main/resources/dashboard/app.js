// rigwatch live dashboard. Plain ES module, no build step: it polls the JSON API (api/...), listens to one
// EventSource (api/stream) for candles, signals and alerts, and draws with the vendored lightweight-charts 4.
// Every panel shows either data, "no data yet" or the server's error message while it retries: never a blank box.
// After each draw the panels carry data-* counts (data-candles, data-markers, data-points, data-count) so that a
// browser test can check what was drawn without reading canvas pixels.

const LWC = window.LightweightCharts;

const THEME = {
  panel: '#12161c', grid: '#1a2028', border: '#232a33', text: '#d1d7de', muted: '#7d8590',
  up: '#26a69a', down: '#ef5350', warn: '#f0b90b', accent: '#4c9aff', trough: '#c58af9',
  font: 'ui-monospace, "SF Mono", Menlo, Consolas, "DejaVu Sans Mono", monospace',
};
const REFRESH_MS = { prices: 5000, gpu: 10000, tightness: 10000, signals: 30000, feeds: 30000, outcomes: 10000 };
const RETRY_MS = 3000;
const FEED_MAX = 200;
const INTERVALS = { '1m': 60, '1h': 3600, '1d': 86400 };
const ISO_INTERVALS = { PT1M: '1m', PT1H: '1h', PT24H: '1d', P1D: '1d' };

const $ = (id) => document.getElementById(id);

// ---------------------------------------------------------------- formatting (prices as numbers, times in UTC)

function decimalsFor(v) {
  const a = Math.abs(v);
  if (a >= 1) return 2;
  if (a >= 0.01) return 4;
  if (a >= 0.0001) return 6;
  return 8;
}

function fmtPrice(v, decimals) {
  if (v == null || !Number.isFinite(v)) return '—';
  const d = decimals ?? decimalsFor(v);
  return v.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
}

function fmtUsd(v) {
  if (v == null || !Number.isFinite(v)) return '—';
  return (v < 0 ? '-$' : '$') + fmtPrice(Math.abs(v), Math.abs(v) >= 100 ? 0 : 2);
}

function fmtPct(v, signed = true) {
  if (v == null || !Number.isFinite(v)) return '—';
  return (signed && v > 0 ? '+' : '') + v.toFixed(2) + '%';
}

function fmtInt(v) {
  return v == null || !Number.isFinite(v) ? '—' : v.toLocaleString('en-US');
}

/** HH:MM in UTC, with the date in front when it is not today (UTC). */
function fmtTime(value) {
  const ms = toMillis(value);
  if (!Number.isFinite(ms)) return '—';
  const iso = new Date(ms).toISOString();
  const hm = iso.slice(11, 16);
  const today = new Date().toISOString().slice(0, 10);
  if (iso.slice(0, 10) === today) return hm;
  return (iso.slice(0, 4) === today.slice(0, 4) ? iso.slice(5, 10) : iso.slice(0, 10)) + ' ' + hm;
}

function fmtClock(ms) {
  return new Date(ms).toISOString().slice(11, 19);
}

/** The API sends ISO-8601 strings; epoch millis are accepted too (the contract allows them in queries). */
function toMillis(value) {
  if (typeof value === 'number') return value;
  return typeof value === 'string' ? Date.parse(value) : NaN;
}

const toSec = (value) => Math.floor(toMillis(value) / 1000);

function chartTime(sec) {
  return new Date(sec * 1000).toISOString().slice(0, 16).replace('T', ' ');
}

// ---------------------------------------------------------------- API access and panel messages

class ApiError extends Error {
  constructor(message, status, retryAfterMs) {
    super(message);
    this.status = status;
    this.retryAfterMs = retryAfterMs;
  }
}

async function getJson(url) {
  let response;
  try {
    response = await fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-store' });
  } catch (e) {
    throw new ApiError('server unreachable', 0, null);
  }
  const text = await response.text();
  let body = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch (e) {
    if (response.ok) throw new ApiError(`bad JSON from ${url}`, response.status, null);
  }
  if (!response.ok) {
    const reason = body && (body.message || body.reason || body.error);
    const retryAfter = Number(response.headers.get('Retry-After'));
    throw new ApiError(`${response.status} · ${reason || response.statusText || 'request failed'}`, response.status,
      Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : null);
  }
  return body;
}

function showMsg(el, text, isError = false) {
  el.textContent = text;
  el.classList.toggle('error', isError);
  el.hidden = false;
}

function hideMsg(el) {
  el.hidden = true;
}

/** Shows "no data yet" when the panel has nothing to draw, hides the message otherwise. */
function emptyOrHide(el, isEmpty, emptyText = 'no data yet') {
  if (isEmpty) showMsg(el, emptyText); else hideMsg(el);
}

function retryDelay(error) {
  return Math.min(Math.max(error.retryAfterMs ?? RETRY_MS, 1000), 30000);
}

/**
 * Runs a load now and then every `every` ms (0: once); a failure shows the error in its panel and retries sooner.
 * Calls while a load is in flight coalesce into one more run after it, so a changed selection is never lost.
 */
function poller(run, every, msgEl) {
  let timer = null;
  let busy = false;
  let again = false;
  async function tick() {
    clearTimeout(timer);
    timer = null;
    if (busy) { again = true; return; }
    busy = true;
    let wait = every;
    try {
      await run();
    } catch (error) {
      wait = retryDelay(error);
      showMsg(msgEl, `${error.message} — retrying in ${Math.round(wait / 1000)} s`, true);
      if (!(error instanceof ApiError)) console.error(error);
    } finally {
      busy = false;
    }
    if (again) { again = false; tick(); return; }
    if (wait > 0) timer = setTimeout(tick, wait);
  }
  return { now: tick };
}

function touch() {
  $('last-update').textContent = fmtClock(Date.now());
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text != null) node.textContent = text;
  return node;
}

// ---------------------------------------------------------------- charts

// The TradingView logo (the licence's link) sits on the main chart; the small charts rely on the footer link.
function createChart(container, priceFormatter, attributionLogo = false) {
  if (!LWC) return null;
  return LWC.createChart(container, {
    autoSize: true,
    layout: {
      background: { type: 'solid', color: THEME.panel }, textColor: THEME.muted, fontFamily: THEME.font, fontSize: 11,
      attributionLogo,
    },
    grid: { vertLines: { color: THEME.grid }, horzLines: { color: THEME.grid } },
    rightPriceScale: { borderColor: THEME.border },
    timeScale: { borderColor: THEME.border, timeVisible: true, secondsVisible: false, rightOffset: 3 },
    crosshair: { mode: LWC.CrosshairMode.Normal },
    localization: { timeFormatter: chartTime, priceFormatter },
  });
}

/** lightweight-charts needs strictly ascending times: the last value for a time wins. */
function ascending(points) {
  const byTime = new Map();
  for (const p of points) if (Number.isFinite(p.time) && p.value !== null) byTime.set(p.time, p);
  return [...byTime.values()].sort((a, b) => a.time - b.time);
}

const state = {
  instruments: [],
  instrument: null,
  interval: '1m',
  candles: [],          // bars {time, open, high, low, close, end} (seconds), oldest first
  freshView: true,      // the next candle load sets the visible range (a new instrument or interval)
  rebounds: new Map(),  // rebound signal records for the charted instrument
  gpuModel: null,
  knownModels: new Set(),
};

const priceChartEl = $('price-chart');
const priceChartMsg = $('price-chart-msg');
const priceChart = createChart(priceChartEl, (p) => fmtPrice(p), true);
const candleSeries = priceChart?.addCandlestickSeries({
  upColor: THEME.up, downColor: THEME.down, borderVisible: false, wickUpColor: THEME.up, wickDownColor: THEME.down,
});

const modelChartEl = $('gpu-model-chart');
const modelChartMsg = $('gpu-model-msg');
const modelChart = createChart(modelChartEl, (p) => fmtUsd(p));
const askSeries = modelChart?.addLineSeries({ color: THEME.accent, lineWidth: 2 });
const supplySeries = modelChart?.addHistogramSeries({
  color: 'rgba(125, 133, 144, 0.35)', priceScaleId: 'supply', priceFormat: { type: 'volume' }, lastValueVisible: false,
});
modelChart?.priceScale('supply').applyOptions({ scaleMargins: { top: 0.75, bottom: 0 } });

const tightChartEl = $('tightness-chart');
const tightChartMsg = $('tightness-msg');
const tightChart = createChart(tightChartEl, (p) => p.toFixed(1));
const fixedRange = () => ({ priceRange: { minValue: 0, maxValue: 100 } });
tightChart?.priceScale('right').applyOptions({ scaleMargins: { top: 0.08, bottom: 0.04 } });
const marketTightSeries = tightChart?.addLineSeries({
  color: THEME.warn, lineWidth: 2, title: 'market', autoscaleInfoProvider: fixedRange,
});
const modelTightSeries = tightChart?.addLineSeries({
  color: THEME.accent, lineWidth: 1, lineStyle: 2, autoscaleInfoProvider: fixedRange,
});

if (!LWC) {
  for (const msg of [priceChartMsg, modelChartMsg, tightChartMsg]) showMsg(msg, 'chart library failed to load', true);
}

// ---------------------------------------------------------------- prices: picker, tiles, candles, rebound markers

function instrumentById(id) {
  return state.instruments.find((i) => i.instrument === id);
}

function renderPicker() {
  const picker = $('instrument-picker');
  const ids = state.instruments.map((i) => i.instrument);
  if ([...picker.options].map((o) => o.value).join() !== ids.join()) {
    picker.replaceChildren(...ids.map((id) => new Option(id, id)));
  }
  picker.value = state.instrument ?? '';
}

function renderTiles(symbols) {
  const tiles = $('price-tiles');
  if (!symbols.length) {
    tiles.replaceChildren(el('p', 'panel-msg', 'no data yet'));
    return;
  }
  const selectedSymbol = instrumentById(state.instrument)?.symbol;
  tiles.replaceChildren(...symbols.map((s) => {
    const tile = el('div', 'tile' + (s.symbol === selectedSymbol ? ' selected' : ''));
    tile.dataset.symbol = s.symbol;
    const exchanges = Object.keys(s.latest ?? {});
    const head = el('div', null);
    head.append(el('span', 'sym', s.symbol), el('span', 'exch', `${exchanges.length} ex`));
    const meta = el('div', 'meta');
    const spread = el('span', 'spread' + (s.spreadPct > 0.5 ? ' wide' : ''), `spr ${fmtPct(s.spreadPct, false)}`);
    meta.append(spread, el('span', null, `${fmtPrice(s.low)}–${fmtPrice(s.high)}`));
    tile.append(head, el('div', 'median', fmtPrice(s.median)), meta);
    tile.title = exchanges.map((x) => `${x}: ${fmtPrice(s.latest[x])}`).join('\n') + `\nat ${s.at ?? '—'}`;
    tile.addEventListener('click', () => selectSymbol(s.symbol));
    return tile;
  }));
}

const pricesPoll = poller(async () => {
  const body = await getJson('api/prices');
  hideMsg($('prices-msg'));
  state.instruments = body?.instruments ?? [];
  touch();
  renderTiles(body?.symbols ?? []);
  if (!state.instrument || !instrumentById(state.instrument)) {
    const fromHash = decodeURIComponent(location.hash.slice(1)).split('/');
    if (INTERVALS[fromHash[1]]) setIntervalButtons(fromHash[1]);
    const first = instrumentById(fromHash[0]) ? fromHash[0] : state.instruments[0]?.instrument;
    if (first) selectInstrument(first);
    else showMsg(priceChartMsg, 'no instruments yet');
  }
  renderPicker();
}, REFRESH_MS.prices, $('prices-msg'));

function selectSymbol(symbol) {
  const current = instrumentById(state.instrument);
  const same = state.instruments.filter((i) => i.symbol === symbol);
  const pick = same.find((i) => i.exchange === current?.exchange) ?? same[0];
  if (pick) selectInstrument(pick.instrument);
}

function selectInstrument(id) {
  if (id === state.instrument && state.candles.length) return;
  state.instrument = id;
  resetCandles();
  renderPicker();
  document.querySelectorAll('.tile').forEach((t) => t.classList.toggle('selected', t.dataset.symbol === instrumentById(id)?.symbol));
  candlesPoll.now();
  reboundsPoll.now();
}

function setIntervalButtons(interval) {
  state.interval = interval;
  document.querySelectorAll('button[data-interval]').forEach((b) => b.classList.toggle('active', b.dataset.interval === interval));
}

/** Clears the chart for a new selection; the rebound signals stay when only the interval changed. */
function resetCandles(keepRebounds = false) {
  state.candles = [];
  if (!keepRebounds) state.rebounds = new Map();
  state.freshView = true;
  candleSeries?.setData([]);
  candleSeries?.setMarkers([]);
  priceChartEl.dataset.candles = '0';
  priceChartEl.dataset.markers = '0';
  priceChartEl.dataset.instrument = state.instrument ?? '';
  priceChartEl.dataset.interval = state.interval;
  history.replaceState(null, '', `#${encodeURIComponent(state.instrument ?? '')}/${state.interval}`);
  showMsg(priceChartMsg, 'loading…');
  $('price-legend').textContent = '';
}

function toBar(c, intervalSec) {
  const time = toSec(c.start);
  const end = c.end != null ? toSec(c.end) : time + intervalSec;
  return { time, end, open: c.open, high: c.high, low: c.low, close: c.close, ticks: c.ticks };
}

function candleKey() {
  return `${state.instrument}|${state.interval}`;
}

const candlesPoll = poller(async () => {
  if (!state.instrument) return;
  const key = candleKey();
  const { exchange, symbol } = instrumentById(state.instrument);
  const url = `api/candles/${encodeURIComponent(exchange)}/${encodeURIComponent(symbol)}?interval=${state.interval}`;
  const body = await getJson(url);
  if (key !== candleKey()) return;   // the selection changed while loading; the coalesced run loads the new one
  touch();
  const intervalSec = INTERVALS[state.interval];
  state.candles = ascending((body?.candles ?? []).map((c) => toBar(c, intervalSec)).map((b) => ({ ...b, value: b.close })));
  drawCandles();
}, 0, priceChartMsg);

function drawCandles() {
  if (!candleSeries) return;
  const last = state.candles[state.candles.length - 1];
  if (last) {
    const d = decimalsFor(last.close);
    candleSeries.applyOptions({ priceFormat: { type: 'price', precision: d, minMove: 10 ** -d } });
  }
  candleSeries.setData(state.candles);
  if (state.freshView && state.candles.length) {
    const n = state.candles.length;
    if (n > 150) priceChart.timeScale().setVisibleLogicalRange({ from: n - 150, to: n + 2 });
    else priceChart.timeScale().fitContent();
    state.freshView = false;
  }
  priceChartEl.dataset.candles = String(state.candles.length);
  emptyOrHide(priceChartMsg, !state.candles.length, `no ${state.interval} candles yet for ${state.instrument}`);
  drawMarkers();
  showLegend(last);
}

function onCandle(c) {
  const interval = ISO_INTERVALS[c.interval] ?? c.interval;
  if (c.instrument !== state.instrument || interval !== state.interval || !candleSeries) return;
  const bar = toBar(c, INTERVALS[interval]);
  const last = state.candles[state.candles.length - 1];
  if (!Number.isFinite(bar.time) || (last && bar.time < last.time)) return;   // older than the chart: already drawn
  if (last && bar.time === last.time) state.candles[state.candles.length - 1] = bar;
  else state.candles.push(bar);
  candleSeries.update(bar);
  priceChartEl.dataset.candles = String(state.candles.length);
  hideMsg(priceChartMsg);
  drawMarkers();
  showLegend(bar);
}

function showLegend(bar) {
  const legend = $('price-legend');
  if (!bar) { legend.textContent = ''; return; }
  const change = bar.open ? ((bar.close - bar.open) / bar.open) * 100 : null;
  legend.replaceChildren(
    ...[['O', bar.open], ['H', bar.high], ['L', bar.low], ['C', bar.close]].flatMap(([k, v]) => [`${k} `, el('b', null, fmtPrice(v)), '  ']),
    el('span', change >= 0 ? 'up' : 'down', fmtPct(change)),
    `  ${chartTime(bar.time)}`,
  );
}

priceChart?.subscribeCrosshairMove((param) => {
  const bar = param.time != null ? param.seriesData.get(candleSeries) : null;
  showLegend(bar ? { ...bar, time: param.time } : state.candles[state.candles.length - 1]);
});

/** The drawn candle that contains a time: start <= t < end (a time on the newest candle's end belongs to it). */
function candleAt(sec) {
  const bars = state.candles;
  let lo = 0;
  let hi = bars.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (bars[mid].time <= sec) { found = mid; lo = mid + 1; } else hi = mid - 1;
  }
  if (found < 0) return null;
  const bar = bars[found];
  if (sec < bar.end || (found === bars.length - 1 && sec === bar.end)) return bar;
  return null;
}

function drawMarkers() {
  if (!candleSeries) return;
  const markers = [];
  for (const s of state.rebounds.values()) {
    const confirmed = candleAt(toSec(s.confirmedAt));
    if (confirmed) {
      markers.push({ time: confirmed.time, position: 'belowBar', shape: 'arrowUp', color: THEME.up,
        text: `rebound +${Number(s.recoveryPct).toFixed(1)}%` });
    }
    const trough = s.troughTime ? candleAt(toSec(s.troughTime)) : null;
    if (trough) {
      markers.push({ time: trough.time, position: 'belowBar', shape: 'circle', color: THEME.trough, size: 0.6 });
    }
  }
  markers.sort((a, b) => a.time - b.time);
  candleSeries.setMarkers(markers);
  priceChartEl.dataset.markers = String(markers.length);
}

function addRebound(record) {
  state.rebounds.set(`${record.subject}|${record.confirmedAt}`, record);
}

const reboundsPoll = poller(async () => {
  if (!state.instrument) return;
  const instrument = state.instrument;
  const body = await getJson(`api/signals?type=rebound&subject=${encodeURIComponent(instrument)}&limit=100`);
  if (instrument !== state.instrument) return;
  hideMsg($('markers-msg'));
  for (const item of body?.signals ?? []) if (item.signal) addRebound(item.signal);
  drawMarkers();
}, REFRESH_MS.signals, $('markers-msg'));

$('instrument-picker').addEventListener('change', (e) => selectInstrument(e.target.value));
document.querySelectorAll('button[data-interval]').forEach((button) => button.addEventListener('click', () => {
  if (button.dataset.interval === state.interval) return;
  setIntervalButtons(button.dataset.interval);
  resetCandles(true);
  candlesPoll.now();
}));

// ---------------------------------------------------------------- GPU market: table, model chart, tightness

/** Loose supply (0) is blue, a balanced market amber, a squeeze (100) red. */
function tightnessColour(index) {
  const stops = [[0, [76, 154, 255]], [50, [240, 185, 11]], [100, [255, 77, 79]]];
  const t = Math.min(Math.max(index, 0), 100);
  const [a, b] = t <= 50 ? [stops[0], stops[1]] : [stops[1], stops[2]];
  const f = (t - a[0]) / (b[0] - a[0]);
  const rgb = a[1].map((v, i) => Math.round(v + (b[1][i] - v) * f));
  return `rgb(${rgb.join(',')})`;
}

function tightnessCell(index) {
  const td = el('td', 'l');
  if (index == null || !Number.isFinite(index)) { td.textContent = '—'; return td; }
  const wrap = el('div', 'tight');
  const bar = el('div', 'tight-bar');
  const fill = el('i');
  fill.style.width = `${Math.min(Math.max(index, 0), 100)}%`;
  fill.style.background = tightnessColour(index);
  bar.append(fill);
  wrap.append(bar, el('span', 'tight-val', index.toFixed(1)));
  td.append(wrap);
  return td;
}

function gpuRow(m) {
  const tr = el('tr', m.model === state.gpuModel ? 'selected' : '');
  tr.dataset.model = m.model;
  const model = el('td', 'l model', m.model);
  if (m.family) model.append(el('span', 'family', m.family));
  const change = el('td', m.changePct > 0 ? 'up' : m.changePct < 0 ? 'down' : 'muted', fmtPct(m.changePct));
  tr.append(model, el('td', null, fmtUsd(m.medianAsk)), el('td', null, fmtInt(m.openSupply)),
    el('td', 'up', fmtInt(m.new)), el('td', 'down', fmtInt(m.gone)), tightnessCell(m.tightness), change);
  tr.title = `window ${m.windowStart ?? '—'} – ${m.windowEnd ?? '—'}` + (m.tightnessAt ? `\ntightness at ${m.tightnessAt}` : '');
  tr.addEventListener('click', () => selectGpuModel(m.model));
  return tr;
}

const gpuTablePoll = poller(async () => {
  const body = await getJson('api/gpu/models');
  touch();
  const models = body?.models ?? [];
  state.knownModels = new Set(models.map((m) => m.model));
  $('gpu-table').tBodies[0].replaceChildren(...models.map(gpuRow));
  emptyOrHide($('gpu-table-msg'), !models.length);
  const first = models[0];
  $('gpu-window').textContent = first?.windowEnd ? `window ${fmtTime(first.windowStart)}–${fmtTime(first.windowEnd)}` : '';
  if (!state.gpuModel && first) selectGpuModel(first.model);
  else if (state.gpuModel) modelStatsPoll.now();
}, REFRESH_MS.gpu, $('gpu-table-msg'));

function selectGpuModel(model) {
  const changed = model !== state.gpuModel;
  state.gpuModel = model;
  document.querySelectorAll('#gpu-table tbody tr').forEach((tr) => tr.classList.toggle('selected', tr.dataset.model === model));
  $('gpu-model-title').textContent = `${model} · median ask`;
  if (changed) {
    askSeries?.setData([]);
    supplySeries?.setData([]);
    modelTightSeries?.setData([]);
    modelChartEl.dataset.points = '0';
    modelChartEl.dataset.model = model;
    showMsg(modelChartMsg, 'loading…');
  }
  modelStatsPoll.now();
  if (changed) tightnessPoll.now();
}

// Refreshed by the GPU table's poll (every 10 s) rather than by its own timer: both show the same window.
const modelStatsPoll = poller(async () => {
  const model = state.gpuModel;
  if (!model || !askSeries) return;
  const body = await getJson(`api/gpu/models/${encodeURIComponent(model)}/stats?window=1h`);
  if (model !== state.gpuModel) return;
  const stats = body?.stats ?? [];
  const asks = ascending(stats.map((s) => ({ time: toSec(s.windowStart), value: s.medianAsk })));
  const supply = ascending(stats.map((s) => ({ time: toSec(s.windowStart), value: s.openSupply })));
  askSeries.setData(asks);
  supplySeries.setData(supply);
  modelChart.timeScale().fitContent();
  modelChartEl.dataset.points = String(asks.length);
  emptyOrHide(modelChartMsg, !asks.length, `no statistics yet for ${model}`);
}, 0, modelChartMsg);

const tightnessPoll = poller(async () => {
  if (!marketTightSeries) return;
  const model = state.gpuModel;
  const [market, perModel] = await Promise.all([
    getJson('api/gpu/tightness?limit=500'),
    model ? getJson(`api/gpu/tightness?model=${encodeURIComponent(model)}&limit=500`).catch((e) => e) : null,
  ]);
  touch();
  const points = ascending((market?.series ?? []).map((p) => ({ time: toSec(p.windowStart), value: p.index })));
  marketTightSeries.setData(points);
  const legend = $('tightness-legend');
  const last = points[points.length - 1];
  legend.replaceChildren('market ', el('b', null, last ? last.value.toFixed(1) : '—'));
  if (perModel instanceof Error) {
    modelTightSeries.setData([]);
    legend.append(`  ${model}: `, el('span', 'down', perModel.message));
  } else if (perModel && model === state.gpuModel) {
    const modelPoints = ascending((perModel.series ?? []).map((p) => ({ time: toSec(p.windowStart), value: p.index })));
    modelTightSeries.setData(modelPoints);
    modelTightSeries.applyOptions({ title: model });
    const lastModel = modelPoints[modelPoints.length - 1];
    legend.append(`  ${model} `, el('b', null, lastModel ? lastModel.value.toFixed(1) : '—'));
  }
  tightChart.timeScale().fitContent();
  tightChartEl.dataset.points = String(points.length);
  emptyOrHide(tightChartMsg, !points.length);
}, REFRESH_MS.tightness, tightChartMsg);

// ---------------------------------------------------------------- feeds: alerts and signals, newest on top

/**
 * A feed keyed by id: a REST page fills it, the stream adds to it, a duplicate (the stream replaying after a
 * reconnect, or a page overlapping the stream) is dropped. Items are kept sorted newest first in the DOM.
 */
function createFeed(list, msgEl, countEl, render) {
  const items = new Map();   // id -> sort key (ms)
  function add(id, sortMs, item, fresh) {
    if (id == null || items.has(id)) return false;
    items.set(id, sortMs);
    const li = render(item);
    li.dataset.id = id;
    li.dataset.sort = String(sortMs);
    if (fresh) li.classList.add('fresh');
    const before = [...list.children].find((other) => Number(other.dataset.sort) < sortMs);
    list.insertBefore(li, before ?? null);
    while (list.children.length > FEED_MAX) {
      items.delete(list.lastElementChild.dataset.id);
      list.lastElementChild.remove();
    }
    return true;
  }
  /** Adds the item, or redraws it in place when it is there: a REST page's copy is newer than the stream's. */
  function put(id, sortMs, item) {
    if (add(id, sortMs, item, false)) return;
    const old = [...list.children].find((li) => li.dataset.id === id);
    if (!old) return;
    const li = render(item);
    li.dataset.id = id;
    li.dataset.sort = old.dataset.sort;
    old.replaceWith(li);
  }
  function drawn() {
    list.dataset.count = String(list.children.length);
    countEl.textContent = list.children.length ? String(list.children.length) : '';
    emptyOrHide(msgEl, !list.children.length);
  }
  return { add, put, drawn };
}

function linkSubject(li, subject) {
  if (!subject) return;
  const model = subject.startsWith('model:') ? subject.slice(6) : null;
  li.classList.add('clickable');
  li.addEventListener('click', () => {
    if (model) selectGpuModel(model);
    else if (instrumentById(subject)) selectInstrument(subject);
    else if (state.knownModels.has(subject)) selectGpuModel(subject);
  });
}

function renderAlert(a) {
  const severity = String(a.severity ?? 'INFO').toLowerCase();
  const li = el('li', `alert sev-${severity}`);
  const row = el('div', 'row1');
  row.append(el('time', null, fmtTime(a.eventTime ?? a.emittedTime)), el('span', 'sev', severity), el('span', 'subject', a.subject ?? ''));
  li.append(row, el('div', 'msg', a.message ?? ''));
  li.title = [`event ${a.eventTime ?? '—'}`, `emitted ${a.emittedTime ?? '—'}`, `rule ${a.rule ?? '—'}`,
    `subscriber ${a.subscriber ?? '—'}`].join('\n');
  linkSubject(li, a.subject);
  return li;
}

function signalSummary(type, s) {
  if (!s) return '';
  if (type === 'rebound') {
    return `+${Number(s.recoveryPct).toFixed(1)}% from ${fmtPrice(s.trough)} after a ${Number(s.drawdownPct).toFixed(1)}% drawdown`
      + ` from ${fmtPrice(s.peak)}; now ${fmtPrice(s.price)}`;
  }
  if (type === 'tightness') {
    return `${s.scope ?? ''} supply tightness ${Number(s.index).toFixed(1)}`
      + (s.windowEnd ? ` (${fmtTime(s.windowStart)}–${fmtTime(s.windowEnd)})` : '');
  }
  if (type === 'capitulation') {
    return `mining at a loss: ${fmtUsd(s.profitUsdPerDay)}/day at ETH ${fmtUsd(s.coinPriceUsd)}`
      + ` (break-even ${fmtUsd(s.breakEvenCoinPriceUsd)})`;
  }
  return JSON.stringify(s);
}

/**
 * What followed a rebound, as the API measured it (docs/API.md, "What followed a rebound"): each horizon's change,
 * coloured, or "not yet"; whether the trough held; the excursions in the tooltip. Nothing is computed here.
 */
function outcomeLine(outcome) {
  if (outcome.unmeasured) return el('div', 'outcome', `outcome unmeasured: ${outcome.unmeasured}`);
  const line = el('div', 'outcome', 'after ');
  const tip = [`entry ${fmtTime(outcome.entryTime)} at ${fmtPrice(Number(outcome.entryClose))} (${outcome.series})`];
  (outcome.horizons ?? []).forEach((h, i) => {
    line.append(`${i ? ', ' : ''}${h.closes}: `);
    if (h.notYet) {
      line.append(el('span', 'not-yet', 'not yet'));
      tip.push(`after ${h.closes}: not yet`);
      return;
    }
    const change = Number(h.changePct);
    line.append(el('span', change > 0 ? 'up' : change < 0 ? 'down' : null, fmtPct(change)));
    tip.push(`after ${h.closes} (${fmtTime(h.exitTime)} at ${fmtPrice(Number(h.exitClose))}): ${fmtPct(change)},`
      + ` max adverse ${fmtPct(Number(h.maxAdversePct))}, max favourable ${fmtPct(Number(h.maxFavourablePct))}`);
  });
  const trough = outcome.trough;
  if (trough) {
    const text = trough.broken ? `trough broken after ${trough.closesWatched} closes` : `trough held ${trough.closesWatched} closes`;
    line.append(' · ', el('span', trough.broken ? 'down' : 'up', text));
    tip.push(`trough ${fmtPrice(Number(trough.price))} ` + (trough.broken ? `broken at ${fmtTime(trough.brokenAt)}`
      : `held for ${trough.closesWatched} closes so far`));
  }
  line.title = tip.join('\n');
  return line;
}

function renderSignal(item) {
  const li = el('li', `signal type-${item.type}`);
  const row = el('div', 'row1');
  row.append(el('time', null, fmtTime(item.time)), el('span', 'kind', item.type), el('span', 'subject', item.key ?? ''));
  li.append(row, el('div', 'msg', signalSummary(item.type, item.signal)));
  // the stream's signals have no outcome: the next page of /api/signals brings it
  if (item.outcome) li.append(outcomeLine(item.outcome));
  li.title = item.time ?? '';
  linkSubject(li, item.key);
  return li;
}

const alertsFeed = createFeed($('alerts-feed'), $('alerts-msg'), $('alerts-count'), renderAlert);
const signalsFeed = createFeed($('signals-feed'), $('signals-msg'), $('signals-count'), renderSignal);
const alertSortKey = (a) => toMillis(a.emittedTime ?? a.eventTime) || 0;
const signalId = (item) => `${item.type}|${item.key}|${item.time}`;

function addAlert(a, fresh) {
  if (alertsFeed.add(a.id, alertSortKey(a), a, fresh)) alertsFeed.drawn();
}

function addSignal(item, fresh) {
  if (signalsFeed.add(signalId(item), toMillis(item.time) || 0, item, fresh)) signalsFeed.drawn();
  if (item.type === 'rebound') outcomesPoll.now();
  if (item.type === 'rebound' && item.signal?.subject === state.instrument) {
    addRebound(item.signal);
    drawMarkers();
  }
}

const alertsPoll = poller(async () => {
  const body = await getJson('api/alerts?limit=50');
  touch();
  for (const a of body?.alerts ?? []) alertsFeed.add(a.id, alertSortKey(a), a, false);
  alertsFeed.drawn();
}, REFRESH_MS.feeds, $('alerts-msg'));

const signalsPoll = poller(async () => {
  const body = await getJson('api/signals?limit=30');
  touch();
  for (const item of body?.signals ?? []) signalsFeed.put(signalId(item), toMillis(item.time) || 0, item);
  signalsFeed.drawn();
}, REFRESH_MS.feeds, $('signals-msg'));

// A rebound's outcome grows with every close, and the mixed page above may hold no rebound at all (tightness
// signals come every window): the newest rebounds are asked for on their own, more often.
const outcomesPoll = poller(async () => {
  const body = await getJson('api/signals?type=rebound&limit=30');
  for (const item of body?.signals ?? []) signalsFeed.put(signalId(item), toMillis(item.time) || 0, item);
  signalsFeed.drawn();
}, REFRESH_MS.outcomes, $('signals-msg'));

// ---------------------------------------------------------------- the event stream

function setStreamStatus(live) {
  const badge = $('stream-status');
  badge.textContent = live ? 'live' : 'reconnecting';
  badge.classList.toggle('live', live);
  badge.classList.toggle('reconnecting', !live);
}

function parseEvent(event) {
  try {
    return JSON.parse(event.data);
  } catch (e) {
    console.warn(`rigwatch: unreadable ${event.type} event ${event.lastEventId}`);
    return null;
  }
}

/**
 * While the EventSource retries by itself it resends Last-Event-ID and misses nothing. When the server refuses
 * the stream (an error status, e.g. 503 while the stores restore) the browser gives up; a new EventSource
 * cannot resume, so once it opens the panels reload from the REST API.
 */
function connectStream(resync, refusedMs = RETRY_MS) {
  const source = new EventSource('api/stream');
  source.onopen = () => {
    refusedMs = RETRY_MS;
    setStreamStatus(true);
    touch();
    if (resync) {
      resync = false;
      candlesPoll.now();
      reboundsPoll.now();
      alertsPoll.now();
      signalsPoll.now();
      outcomesPoll.now();
    }
  };
  source.onerror = () => {
    setStreamStatus(false);
    if (source.readyState === EventSource.CLOSED) {
      setTimeout(() => connectStream(true, Math.min(refusedMs * 2, 30000)), refusedMs);
    }
  };
  const on = (type, handle) => source.addEventListener(type, (event) => {
    const data = parseEvent(event);
    if (!data) return;
    touch();
    handle(data);
  });
  on('candle', onCandle);
  on('signal', (item) => addSignal(item, true));
  on('alert', (a) => addAlert(a, true));
}

pricesPoll.now();
gpuTablePoll.now();
tightnessPoll.now();
alertsPoll.now();
signalsPoll.now();
outcomesPoll.now();
connectStream(false);
