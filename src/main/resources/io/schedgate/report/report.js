// Draws the report's charts from the JSON in #report-data with uPlot. A null is a missing point:
// drawn as a gap with a dashed grey marker (its reason is listed under the chart), never as 0.
(function () {
  const data = JSON.parse(document.getElementById('report-data').textContent);
  const steps = data.steps;
  const xs = steps.map(function (s) { return s.x; });

  const vline = schedgateCharts.vline;

  function chart(id, keys, labels, colors, opts) {
    const el = document.getElementById('chart-' + id);
    const columns = [xs];
    let points = 0;
    keys.forEach(function (k) {
      const col = steps.map(function (s) { return s[k] == null ? null : s[k]; });
      points += col.filter(function (v) { return v != null; }).length;
      columns.push(col);
    });
    (opts.constants || []).forEach(function (c) {
      columns.push(xs.map(function () { return c.value; }));
    });
    const series = [{label: 'offered req/s'}];
    keys.forEach(function (k, i) {
      series.push({label: labels[i], stroke: colors[i], width: 2, points: {show: true, size: 6}, spanGaps: false,
        dash: opts.dashed && opts.dashed[i] ? [6, 4] : undefined});
    });
    (opts.constants || []).forEach(function (c) {
      series.push({label: c.label, stroke: c.color, width: 1, dash: [3, 3], points: {show: false}});
    });
    const missingKey = opts.missingKey;
    return schedgateCharts.plot(el, series, columns, opts, points, function (u) {
      if (opts.capacity && data.capacityX != null) {
        vline(u, data.capacityX, '#2e7d32', 'capacity ' + Math.round(data.capacityQps) + ' req/s', false);
      }
      let row = 1;  // one text row per marker, below the capacity label, so neighbours do not overprint
      steps.forEach(function (s) {
        if (s.missing && s.missing[missingKey]) {
          vline(u, s.x, '#9e9e9e', 'no data (step ' + s.index + ')', true, row++);
        }
      });
    });
  }

  chart('qps', ['offered', 'achieved'], ['offered', 'achieved'], ['#9e9e9e', '#1565c0'],
    {yLabel: 'req/s', capacity: true, missingKey: 'achieved', dashed: [true, false]});
  chart('latency', ['p50', 'p95', 'p99'], ['p50 ms', 'p95 ms', 'p99 ms'], ['#2e7d32', '#f9a825', '#c62828'],
    {yLabel: 'ms', log: true, missingKey: 'latency'});
  chart('wakeups', ['wakeups'], ['events / request'], ['#6a1b9a'], {yLabel: 'events / request', missingKey: 'wakeups'});
  const limits = [];
  if (data.schedlockWarn != null) limits.push({label: 'WARN ' + data.schedlockWarn + '%', value: data.schedlockWarn, color: '#f9a825'});
  if (data.schedlockFail != null) limits.push({label: 'FAIL ' + data.schedlockFail + '%', value: data.schedlockFail, color: '#c62828'});
  chart('schedlock', ['schedlock', 'schedlockLower', 'schedlockUpper'], ['sched.lock %', '95% low', '95% high'],
    ['#1565c0', '#90caf9', '#90caf9'], {yLabel: '% of processor time', missingKey: 'schedlock',
      dashed: [false, true, true], constants: limits});
  chart('gc', ['gc'], ['GC % of CPU'], ['#00838f'], {yLabel: '% of CPU', missingKey: 'gc'});
  // the leak check's two counts as levels: before the ramp, and after the cool-down (above it: leaked)
  const levels = [];
  if (data.goroutinesBefore != null) levels.push({label: 'before the ramp ' + Math.round(data.goroutinesBefore), value: data.goroutinesBefore, color: '#2e7d32'});
  if (data.goroutinesAfter != null) levels.push({label: 'after the cool-down ' + Math.round(data.goroutinesAfter), value: data.goroutinesAfter, color: '#6a1b9a'});
  chart('goroutines', ['goroutines', 'goroutinesPredicted', 'goroutinesLimit'],
    ['measured (idle keep-alive excluded)', "Little's law", 'FAIL above'], ['#1565c0', '#9e9e9e', '#c62828'],
    {yLabel: 'goroutines', missingKey: 'goroutines', dashed: [false, true, true], constants: levels});
  if (data.usl) {
    // the fit X(N) = lambda N / (1 + sigma (N - 1) + kappa N (N - 1)) on a log-spaced grid, the measured points on it
    const f = data.usl;
    const lo = Math.min.apply(null, f.n), hi = Math.max.apply(null, f.n) * 1.5;
    const grid = [];
    for (let i = 0; i <= 80; i++) grid.push(lo * Math.pow(hi / lo, i / 80));
    f.n.forEach(function (n) { grid.push(n); });
    grid.sort(function (a, b) { return a - b; });
    const fitted = grid.map(function (n) { return f.lambda * n / (1 + f.sigma * (n - 1) + f.kappa * n * (n - 1)); });
    const measured = grid.map(function (n) { const i = f.n.indexOf(n); return i < 0 ? null : f.x[i]; });
    const el = document.getElementById('chart-usl');
    new uPlot({
      width: Math.max(340, Math.min(1100, el.clientWidth || 560)),
      height: 280,
      series: [{label: 'requests in flight'},
        {label: 'USL fit req/s', stroke: '#6a1b9a', width: 2, points: {show: false}},
        {label: 'measured req/s', stroke: '#1565c0', width: 0, points: {show: true, size: 8, fill: '#1565c0'}, spanGaps: false}],
      scales: {x: {time: false, distr: 3, log: 10}},
      axes: [{label: 'requests in flight (log)'}, {label: 'req/s', size: 60}]
    }, [grid, fitted, measured], el);
    el.dataset.points = String(f.n.length);
    el.dataset.rendered = 'true';
  }
  // this run against the baseline run on the same axes (runs-chart.js)
  function againstBaseline(id, key, label, colors, opts) {
    const base = data.baseline;
    schedgateCharts.runs(document.getElementById('chart-' + id), [
      {name: 'this run', steps: steps, capacityX: data.capacityX, capacityQps: data.capacityQps, color: colors[0]},
      {name: 'baseline', steps: base.steps, capacityX: base.capacityX, capacityQps: base.capacityQps, color: colors[1],
        dash: true}], key, label, opts);
  }
  if (data.baseline) {
    againstBaseline('baseline-qps', 'achieved', 'achieved req/s', ['#1565c0', '#ef6c00'], {yLabel: 'req/s', capacity: true});
    againstBaseline('baseline-schedlock', 'schedlock', 'sched.lock %', ['#1565c0', '#ef6c00'],
      {yLabel: '% of processor time', constants: limits});
  }
  document.body.dataset.chartsRenderedAt = String(Math.round(performance.now()));  // for bench/report-bench.sh
  document.body.dataset.chartsRendered = 'true';
})();
