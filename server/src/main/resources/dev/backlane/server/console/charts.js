// DOM and SVG helpers and the console's charts: horizontal bars with an objective mark (SVG), lines over time (uPlot). Every name
// shown comes from user input (resource names, tags), so text is only ever set with textContent, never as HTML.
"use strict";
window.Backlane = window.Backlane || {};
(function (B) {
  const SVG = "http://www.w3.org/2000/svg";

  B.el = function (tag, attributes, ...children) {
    const node = document.createElement(tag);
    Object.entries(attributes || {}).forEach(([name, value]) => node.setAttribute(name, value));
    children.flat().forEach(child => node.append(child instanceof Node ? child : document.createTextNode(String(child))));
    return node;
  };

  B.svg = function (tag, attributes, text) {
    const node = document.createElementNS(SVG, tag);
    Object.entries(attributes || {}).forEach(([name, value]) => node.setAttribute(name, value));
    if (text !== undefined) node.textContent = String(text);
    return node;
  };

  /** A table: columns [{title, value(row) -> text|Node, numeric}], one row per item; a note when there are none. */
  B.table = function (columns, rows, empty) {
    if (!rows.length) return B.el("p", { class: "empty" }, empty || "No data yet.");
    return B.el("table", {},
      B.el("thead", {}, B.el("tr", {}, columns.map(column => B.el("th", {}, column.title)))),
      B.el("tbody", {}, rows.map(row => B.el("tr", {}, columns.map(column => {
        const value = column.value(row);
        return B.el("td", column.numeric ? { class: "num" } : {}, value === null || value === undefined ? "–" : value);
      })))));
  };

  /**
   * Horizontal bars: items [{label, value, text, state: "ok"|"bad"|"none"}] on a scale from 0 to max; an objective
   * (same scale) is drawn as a dashed mark across all bars.
   */
  B.bars = function (items, options) {
    if (!items.length) return B.el("p", { class: "empty" }, options.empty || "No data yet.");
    const width = 460, labelWidth = 170, valueWidth = 80, row = 24;
    const plot = width - labelWidth - valueWidth;
    const max = options.max || Math.max(...items.map(item => item.value || 0), options.objective || 0, 1e-9);
    const chart = B.svg("svg", { width, height: items.length * row + 8, class: "bars", role: "img",
      "aria-label": options.label || "" });
    items.forEach((item, index) => {
      const y = index * row + 4;
      chart.append(B.svg("text", { x: 0, y: y + 15 }, item.label));
      const length = item.value === null ? 0 : Math.max(1, plot * Math.min(item.value, max) / max);
      chart.append(B.svg("rect", { x: labelWidth, y: y + 3, width: length, height: row - 8, rx: 2,
        class: "bar health-" + (item.state || "none"), "data-label": item.label }));
      chart.append(B.svg("text", { x: labelWidth + plot + 6, y: y + 15, class: "value" }, item.text));
    });
    if (options.objective !== undefined && options.objective !== null) {
      const x = labelWidth + plot * Math.min(options.objective, max) / max;
      chart.append(B.svg("line", { x1: x, x2: x, y1: 0, y2: items.length * row + 8, stroke: "#1d2733",
        "stroke-dasharray": "3 3" }));
    }
    return chart;
  };

  /** The y axis's width: its longest label as drawn in the axis's font, plus the ticks and the gap (uPlot asks per draw). */
  function axisWidth(plot, values, axisIndex, cycle) {
    const axis = plot.axes[axisIndex];
    if (cycle > 1) return axis._size;
    plot.ctx.font = axis.font[0];
    const longest = Math.max(0, ...(values || []).map(value => plot.ctx.measureText(value).width));
    return Math.ceil(axis.ticks.size + axis.gap + longest / devicePixelRatio) + 4;
  }

  const PALETTE = B.PALETTE = ["#1565c0", "#2e7d32", "#6a1b9a", "#ef6c00", "#00838f", "#c62828", "#5d4037", "#455a64"];
  /** The uPlot chart drawn in each panel, by the panel's id: replaced (and the old one destroyed) on every refresh. */
  B.plots = {};

  /**
   * Lines over time, drawn by uPlot (uplot/, MIT) into the panel {@code id}: times (Dates) and series [{name, values:
   * [number|null]}] one value per time, on one scale from 0; a gap where a value is null. The y axis shows values as
   * {@code format} gives them; uPlot's legend names each series in its colour and shows the values under the cursor.
   * Further nodes (notes) follow the chart. A panel with no value at all says {@code empty} instead.
   */
  B.timeSeries = function (id, times, series, options, ...notes) {
    const panel = document.getElementById(id);
    if (B.plots[id]) B.plots[id].destroy();
    delete B.plots[id];
    const drawn = series.filter(one => one.values.some(value => value !== null));
    if (!drawn.length) return panel.replaceChildren(B.el("p", { class: "empty" }, options.empty || "No data yet."), ...notes);
    const target = B.el("div", { class: "timeseries", role: "img", "aria-label": options.label || "" });
    panel.replaceChildren(target, ...notes);
    const format = value => value === null || value === undefined ? "–" : options.format(value);
    B.plots[id] = new uPlot({
      width: Math.max(320, Math.min(panel.clientWidth || 560, 720)), height: 200,
      scales: { x: { time: true }, y: { range: (plot, min, max) => [0, max > 0 ? max * 1.1 : 1] } },
      axes: [{}, { size: axisWidth, values: (plot, splits) => splits.map(format) }],
      series: [{}, ...drawn.map((one, index) => {
        const colour = PALETTE[index % PALETTE.length];
        return { label: one.name, stroke: colour, width: 2, spanGaps: false, points: { show: true, size: 6, fill: colour },
          value: (plot, value) => format(value) };
      })],
    }, [times.map(time => time.getTime() / 1000), ...drawn.map(one => one.values)], target);
    target.dataset.series = drawn.map(one => one.name).join(",");
  };
})(window.Backlane);
