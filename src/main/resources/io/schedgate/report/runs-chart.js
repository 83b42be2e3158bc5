// Shared by report.js and matrix.js: a vertical marker on a uPlot chart, and several runs' series of one
// key on the same axes. uPlot.join aligns the runs' x: a run's own missing point stays null (a gap, with
// its grey marker), an x only another run has is undefined (spanned).
var schedgateCharts = (function () {
  function vline(u, x, color, label, dash, row) {
    const ctx = u.ctx;
    const px = Math.round(u.valToPos(x, 'x', true));
    const r = devicePixelRatio || 1;
    ctx.save();
    ctx.strokeStyle = color;
    ctx.fillStyle = color;
    ctx.lineWidth = 1.5 * r;
    ctx.setLineDash(dash ? [5 * r, 4 * r] : []);
    ctx.beginPath();
    ctx.moveTo(px, u.bbox.top);
    ctx.lineTo(px, u.bbox.top + u.bbox.height);
    ctx.stroke();
    ctx.font = (11 * r) + 'px sans-serif';
    const w = ctx.measureText(label).width;
    // the label right of the line, or left of it where it would run past the plot
    const lx = px + 4 * r + w > u.bbox.left + u.bbox.width ? px - 4 * r - w : px + 4 * r;
    ctx.fillText(label, lx, u.bbox.top + 12 * r * (1 + (row || 0)));
    ctx.restore();
  }

  // runs: [{name, steps, capacityX, capacityQps, color, dash}]; opts: yLabel, log, capacity, constants
  function runs(el, runs, key, label, opts) {
    let points = 0;
    const tables = runs.map(function (r) {
      const ys = r.steps.map(function (s) { return s[key] == null ? null : s[key]; });
      points += ys.filter(function (v) { return v != null; }).length;
      return [r.steps.map(function (s) { return s.x; }), ys];
    });
    const columns = uPlot.join(tables);
    (opts.constants || []).forEach(function (c) {
      columns.push(columns[0].map(function () { return c.value; }));
    });
    const series = [{label: 'offered req/s'}];
    runs.forEach(function (r) {
      series.push({label: label + ' (' + r.name + ')', stroke: r.color, width: 2, points: {show: true, size: 6},
        dash: r.dash ? [6, 4] : undefined});
    });
    (opts.constants || []).forEach(function (c) {
      series.push({label: c.label, stroke: c.color, width: 1, dash: [3, 3], points: {show: false}});
    });
    const missingKey = opts.missingKey || key;
    plot(el, series, columns, opts, points, function (u) {
      let row = 0;
      runs.forEach(function (r) {
        if (opts.capacity && r.capacityX != null) {
          vline(u, r.capacityX, r.color, r.name + ' capacity ' + Math.round(r.capacityQps) + ' req/s', r.dash, row++);
        }
      });
      runs.forEach(function (r) {
        r.steps.forEach(function (s) {
          if (s.missing && s.missing[missingKey]) {
            vline(u, s.x, '#9e9e9e', 'no data (' + r.name + ' step ' + s.index + ')', true, row++);
          }
        });
      });
    });
  }

  // a chart on offered req/s into el, marked as drawn with its number of points (for the browser tests)
  function plot(el, series, columns, opts, points, draw) {
    const u = new uPlot({
      width: Math.max(340, Math.min(1100, el.clientWidth || 560)),
      height: 280,
      series: series,
      scales: {x: {time: false}, y: opts.log ? {distr: 3, log: 10} : {}},
      axes: [{label: 'offered req/s'}, {label: opts.yLabel, size: 60}],
      hooks: {draw: [draw]}
    }, columns, el);
    el.dataset.points = String(points);
    el.dataset.rendered = 'true';
    return u;
  }

  return {vline: vline, runs: runs, plot: plot};
})();
