// DOM and SVG helpers and the console's two charts (horizontal bars with an objective mark; lines over time). Every name
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

  const PALETTE = ["#1565c0", "#2e7d32", "#6a1b9a", "#ef6c00", "#00838f", "#c62828", "#5d4037", "#455a64"];

  /**
   * Lines over time: series [{name, points: [{time: Date, value: number|null}]}] on one scale from 0 to the highest
   * value; a gap where a value is null. The axis shows the first and last times and the highest value as
   * {@code format} gives it; each series is named in a legend below, in its colour.
   */
  B.lines = function (series, options) {
    const drawn = series.filter(one => one.points.some(point => point.value !== null));
    if (!drawn.length) return B.el("p", { class: "empty" }, options.empty || "No data yet.");
    const width = 560, height = 180, left = 64, right = 12, top = 10, bottom = 22;
    const times = drawn.flatMap(one => one.points.map(point => point.time.getTime()));
    const first = Math.min(...times), last = Math.max(...times);
    const max = Math.max(...drawn.flatMap(one => one.points.filter(point => point.value !== null).map(point => point.value)), 1e-9);
    const x = time => left + (last === first ? 0 : (width - left - right) * (time.getTime() - first) / (last - first));
    const y = value => top + (height - top - bottom) * (1 - value / max);
    // Scaled to its panel's width (the viewBox keeps the drawing's proportions).
    const chart = B.svg("svg", { viewBox: "0 0 " + width + " " + height, width: "100%", class: "lines", role: "img",
      "aria-label": options.label || "" });
    chart.append(B.svg("line", { x1: left, x2: width - right, y1: height - bottom, y2: height - bottom, class: "axis" }));
    chart.append(B.svg("line", { x1: left, x2: left, y1: top, y2: height - bottom, class: "axis" }));
    chart.append(B.svg("text", { x: left - 6, y: top + 8, "text-anchor": "end" }, options.format(max)));
    chart.append(B.svg("text", { x: left - 6, y: height - bottom, "text-anchor": "end" }, options.format(0)));
    chart.append(B.svg("text", { x: left, y: height - 6 }, new Date(first).toLocaleTimeString()));
    chart.append(B.svg("text", { x: width - right, y: height - 6, "text-anchor": "end" }, new Date(last).toLocaleTimeString()));
    const legend = B.el("p", { class: "series-legend" });
    drawn.forEach((one, index) => {
      const colour = PALETTE[index % PALETTE.length];
      let run = [];
      const flush = () => {
        if (run.length) chart.append(B.svg("polyline", { points: run.join(" "), stroke: colour, class: "series", "data-series": one.name }));
        run = [];
      };
      one.points.forEach(point => {
        if (point.value === null) return flush();
        run.push(x(point.time).toFixed(1) + "," + y(point.value).toFixed(1));
        chart.append(B.svg("circle", { cx: x(point.time).toFixed(1), cy: y(point.value).toFixed(1), r: 2.5, fill: colour,
          class: "point", "data-series": one.name, "data-value": point.value }));
      });
      flush();
      legend.append(B.el("span", { class: "swatch", style: "background:" + colour }), one.name);
    });
    return B.el("div", {}, chart, legend);
  };
})(window.Backlane);
