// The lag dashboard: the overview comes live over Server-Sent Events (/api/events), one event per
// round; a selected group's partitions come from /api/groups/{group}, its last hour from
// /api/groups/{group}/history, and its chart grows with every event. No framework, no reload.
(() => {
  'use strict';

  const SEVERITY = { OK: 0, WARNING: 1, STALLED: 2, STOPPED: 3, REWOUND: 4 };
  const open = new Map(); // group -> { row, detail, chart, data }
  let lastEventAt = 0;
  let latest = null;

  const $ = (selector, root = document) => root.querySelector(selector);
  const text = (element, value) => { element.textContent = value; return element; };
  const cell = (row, value, className) => {
    const td = row.insertCell();
    if (className) td.className = className;
    if (value instanceof Node) td.append(value); else td.textContent = value;
    return td;
  };

  function badge(status) {
    const span = document.createElement('span');
    span.className = `badge ${status}`;
    span.dataset.status = status;
    return text(span, status);
  }

  function duration(seconds) {
    if (seconds === null || seconds === undefined) return '–';
    if (seconds < 1) return '0 s';
    if (seconds < 60) return `${Math.round(seconds)} s`;
    if (seconds < 3600) return `${Math.floor(seconds / 60)} min ${Math.round(seconds % 60)} s`;
    return `${Math.floor(seconds / 3600)} h ${Math.round((seconds % 3600) / 60)} min`;
  }

  const number = (value) => (value === null || value === undefined ? '–' : value.toLocaleString('en'));

  function renderSummary(groups) {
    const counts = Object.fromEntries(Object.keys(SEVERITY).map((status) => [status, 0]));
    groups.forEach((group) => { counts[group.status] += 1; });
    const list = $('#summary');
    list.replaceChildren(...Object.keys(SEVERITY).map((status) => {
      const item = document.createElement('li');
      item.dataset.status = status;
      item.append(text(Object.assign(document.createElement('span'), { className: 'count' }), counts[status]), badge(status));
      return item;
    }));
  }

  function renderGroups(groups) {
    const body = $('#groups tbody');
    $('#no-groups').hidden = groups.length > 0;
    const sorted = [...groups].sort((a, b) => SEVERITY[b.status] - SEVERITY[a.status] || b.maxLagSeconds - a.maxLagSeconds
      || a.group.localeCompare(b.group));
    const rows = [];
    sorted.forEach((group) => {
      const row = document.createElement('tr');
      row.className = 'group';
      row.tabIndex = 0;
      row.dataset.group = group.group;
      row.dataset.status = group.status;
      row.dataset.lag = group.totalLag;
      row.dataset.lagSeconds = group.maxLagSeconds;
      row.setAttribute('aria-expanded', open.has(group.group) ? 'true' : 'false');
      cell(row, badge(group.status));
      cell(row, group.group);
      cell(row, group.topics.join(', '));
      cell(row, `${group.members}`, 'num');
      cell(row, number(group.totalLag), 'num lag');
      cell(row, duration(group.maxLagSeconds), 'num lag-seconds');
      cell(row, group.reason, 'why');
      row.addEventListener('click', () => toggle(group.group));
      row.addEventListener('keydown', (event) => { if (event.key === 'Enter' || event.key === ' ') { event.preventDefault(); toggle(group.group); } });
      rows.push(row);
      const shown = open.get(group.group);
      if (shown) {
        rows.push(shown.detail);
        shown.row = row;
      }
    });
    body.replaceChildren(...rows);
    for (const name of [...open.keys()]) {
      if (!groups.some((group) => group.group === name)) open.delete(name);
    }
  }

  function renderDeadLetters(topics) {
    const panel = $('#dead-letters');
    if (topics.length === 0) {
      panel.replaceChildren(text(Object.assign(document.createElement('p'), { className: 'muted' }), 'No dead-letter topic yet.'));
      return;
    }
    panel.replaceChildren(...topics.map((topic) => {
      const box = Object.assign(document.createElement('div'), { className: 'dlq' });
      box.dataset.topic = topic.topic;
      const head = document.createElement('header');
      head.append(text(document.createElement('strong'), topic.topic),
        text(Object.assign(document.createElement('span'), { className: 'depth' }), `${number(topic.depth)} records`),
        text(document.createElement('span'), `${topic.perMinute.toFixed(1)} per minute`));
      box.append(head);
      if (topic.latest.length === 0) {
        box.append(text(Object.assign(document.createElement('p'), { className: 'quiet' }), 'Empty.'));
        return box;
      }
      const table = document.createElement('table');
      const headRow = table.createTHead().insertRow();
      ['When', 'Error', 'Message', 'From', 'Where'].forEach((title) => { const th = document.createElement('th'); th.textContent = title; headRow.append(th); });
      const body = table.createTBody();
      topic.latest.forEach((letter) => {
        const row = body.insertRow();
        cell(row, new Date(letter.timestampMillis).toLocaleString());
        cell(row, letter.errorClass || '–');
        cell(row, letter.message || '–');
        cell(row, letter.sourceTopic || '–');
        cell(row, `${letter.partition}@${letter.offset}`, 'num');
      });
      box.append(table);
      return box;
    }));
  }

  async function toggle(name) {
    if (open.has(name)) {
      const shown = open.get(name);
      shown.chart?.destroy();
      shown.detail.remove();
      shown.row?.setAttribute('aria-expanded', 'false');
      open.delete(name);
      return;
    }
    const detail = $('#detail-template').content.firstElementChild.cloneNode(true);
    detail.dataset.detailOf = name;
    const shown = { detail, chart: null, data: [[], [], []], row: null };
    open.set(name, shown);
    render(latest);
    await Promise.all([loadPartitions(name, shown), loadHistory(name, shown)]);
  }

  async function loadPartitions(name, shown) {
    const response = await fetch(`/api/groups/${encodeURIComponent(name)}`);
    if (!response.ok) return;
    const group = await response.json();
    const body = $('.partitions tbody', shown.detail);
    body.replaceChildren(...group.partitions.map((partition) => {
      const row = document.createElement('tr');
      row.dataset.partition = `${partition.topic}-${partition.partition}`;
      cell(row, badge(partition.status));
      cell(row, partition.topic);
      cell(row, `${partition.partition}`, 'num');
      cell(row, partition.clientId ? `${partition.clientId} (${partition.host})` : '–');
      cell(row, number(partition.committed), 'num');
      cell(row, number(partition.logEnd), 'num');
      cell(row, number(partition.lag), 'num lag');
      const seconds = cell(row, duration(partition.lagSeconds), 'num');
      if (partition.lagSecondsFrom === 'interpolated') seconds.title = 'estimated from when the log end passed the committed offset';
      cell(row, [partition.reason, ...partition.notes].join('; '), 'notes');
      return row;
    }));
  }

  async function loadHistory(name, shown) {
    const response = await fetch(`/api/groups/${encodeURIComponent(name)}/history`);
    if (!response.ok) return;
    const points = await response.json();
    shown.data = [points.map((p) => p.atMillis / 1000), points.map((p) => p.lag), points.map((p) => p.lagSeconds)];
    const target = $('.chart', shown.detail);
    shown.chart = new uPlot({
      width: Math.max(320, target.clientWidth || 900),
      height: 220,
      series: [
        {},
        { label: 'Lag (records)', stroke: '#1570ef', width: 2, scale: 'records' },
        { label: 'Lag (seconds)', stroke: '#b42318', width: 2, scale: 'seconds', dash: [6, 4] },
      ],
      axes: [{}, { scale: 'records', label: 'records' }, { scale: 'seconds', side: 1, label: 'seconds', grid: { show: false } }],
    }, shown.data, target);
  }

  function appendToCharts(snapshot) {
    snapshot.groups.forEach((group) => {
      const shown = open.get(group.group);
      if (!shown || !shown.chart) return;
      const hourAgo = snapshot.atMillis / 1000 - 3600;
      shown.data[0].push(snapshot.atMillis / 1000);
      shown.data[1].push(group.totalLag);
      shown.data[2].push(group.maxLagSeconds);
      while (shown.data[0].length && shown.data[0][0] < hourAgo) shown.data.forEach((series) => series.shift());
      shown.chart.setData(shown.data);
      loadPartitions(group.group, shown);
    });
  }

  function render(snapshot) {
    if (!snapshot) return;
    text($('#cluster'), `cluster ${snapshot.cluster}`);
    renderSummary(snapshot.groups);
    renderGroups(snapshot.groups);
    renderDeadLetters(snapshot.deadLetters);
  }

  function freshness() {
    const indicator = $('#freshness');
    if (!latest || !latest.atMillis) return;
    const age = Math.max(0, Math.round((Date.now() - latest.atMillis) / 1000));
    indicator.dataset.state = Date.now() - lastEventAt < 15000 ? 'live' : 'stale';
    text($('#updated'), indicator.dataset.state === 'live' ? `live · read ${age} s ago` : `no update for ${age} s`);
  }

  const events = new EventSource('/api/events');
  events.addEventListener('snapshot', (event) => {
    latest = JSON.parse(event.data);
    lastEventAt = Date.now();
    render(latest);
    appendToCharts(latest);
    freshness();
  });
  events.addEventListener('error', () => { $('#freshness').dataset.state = 'stale'; });
  setInterval(freshness, 1000);
})();
