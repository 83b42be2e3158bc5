// Draws go-matrix.html's charts from #matrix-data: one series per Go version on each chart (runs-chart.js).
(function () {
  const data = JSON.parse(document.getElementById('matrix-data').textContent);
  const colors = ['#1565c0', '#ef6c00', '#2e7d32', '#6a1b9a', '#c62828', '#00838f', '#5d4037', '#455a64'];
  const runs = data.runs.map(function (r, i) {
    return {name: r.label, steps: r.steps, capacityX: r.capacityX, capacityQps: r.capacityQps,
      color: colors[i % colors.length], dash: i >= colors.length};
  });
  function chart(id, key, label, opts) {
    schedgateCharts.runs(document.getElementById('chart-' + id), runs, key, label, opts);
  }
  const limits = [];
  if (data.schedlockWarn != null) limits.push({label: 'WARN ' + data.schedlockWarn + '%', value: data.schedlockWarn, color: '#f9a825'});
  if (data.schedlockFail != null) limits.push({label: 'FAIL ' + data.schedlockFail + '%', value: data.schedlockFail, color: '#c62828'});
  chart('qps', 'achieved', 'achieved req/s', {yLabel: 'req/s', capacity: true});
  chart('p99', 'p99', 'p99 ms', {yLabel: 'ms', log: true, missingKey: 'latency'});
  chart('wakeups', 'wakeups', 'events / request', {yLabel: 'events / request'});
  chart('schedlock', 'schedlock', 'sched.lock %', {yLabel: '% of processor time', constants: limits});
  chart('gc', 'gc', 'GC %', {yLabel: '% of CPU'});
  document.body.dataset.chartsRendered = 'true';
})();
