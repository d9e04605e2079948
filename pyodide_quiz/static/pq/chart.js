// @ts-check
/**
 * Draw what an exercise's chart() returns as an accessible SVG line chart, plus the same data as a table.
 *
 *   {title, x_label, y_label, series: [{label, points: [[x, y], ...]}], marks: [{x, label}]}
 *
 * The SVG is one image for assistive technology (role="img", <title>, <desc> summarising the data); series
 * differ by marker shape and line dash as well as colour, and marks are dashed lines with text labels, so
 * nothing depends on colour alone. A closed <details> holds every number as a table.
 */
import { el } from "./payload.js";
import { t } from "./i18n.js";
import "./strings/chart.js";

const SVG = "http://www.w3.org/2000/svg";
const SHAPES = ["circle", "square", "triangle", "diamond", "cross"];
/** The catalogue keys of the shapes' names. */
const SHAPE_NAMES = /** @type {Record<string, string>} */ ({ circle: "chart.circle", square: "chart.square",
  triangle: "chart.triangle", diamond: "chart.diamond", cross: "chart.cross" });
const DASHES = ["", "7 4", "2 4", "10 4 2 4", "4 2"];
const MAX_SERIES = 12;
const MAX_POINTS = 5000;
const MARKERS_UP_TO = 120; // points per series; more would blur into a thick line

/**
 * @typedef {{title: string, x_label: string, y_label: string,
 *   series: Array<{label: string, points: Array<[number, number]>}>, marks: Array<{x: number, label: string}>}} Chart
 */

/** @param {unknown} value */
const isNumber = (value) => typeof value === "number" && Number.isFinite(value);
/** @param {unknown} value */
const isText = (value) => value === undefined || value === null || typeof value === "string";

/**
 * Check the shape of chart()'s return value.
 * @param {unknown} data
 * @returns {{chart: Chart, error: null} | {chart: null, error: string}}
 */
export function validateChart(data) {
  /** @param {string} error */
  const fail = (error) => ({ chart: null, error });
  if (!data || typeof data !== "object" || Array.isArray(data)) {
    return fail(t("chart.not_dict", { value: describe(data) }));
  }
  const input = /** @type {Record<string, any>} */ (data);
  for (const key of ["title", "x_label", "y_label"]) {
    if (!isText(input[key])) return fail(t("chart.not_text", { key, value: describe(input[key]) }));
  }
  if (!Array.isArray(input.series) || !input.series.length) {
    return fail(t("chart.bad_series", { value: describe(input.series) }));
  }
  if (input.series.length > MAX_SERIES) return fail(t("chart.too_many_series", { count: input.series.length, max: MAX_SERIES }));
  let total = 0;
  const series = [];
  for (const [index, line] of input.series.entries()) {
    const name = `series[${index}]`;
    if (!line || typeof line !== "object" || !Array.isArray(line.points)) {
      return fail(t("chart.bad_line", { name, value: describe(line) }));
    }
    if (!isText(line.label)) return fail(t("chart.bad_label", { name, value: describe(line.label) }));
    for (const [p, point] of line.points.entries()) {
      if (!Array.isArray(point) || point.length !== 2 || !isNumber(point[0]) || !isNumber(point[1])) {
        return fail(t("chart.bad_point", { name, index: p, value: describe(point) }));
      }
    }
    total += line.points.length;
    series.push({ label: line.label || t("chart.series_name", { number: index + 1 }), points: line.points.map((/** @type {number[]} */ p) => [p[0], p[1]]) });
  }
  if (!total) return fail(t("chart.empty"));
  if (total > MAX_POINTS) return fail(t("chart.too_many_points", { count: total, max: MAX_POINTS }));
  const marks = [];
  if (input.marks !== undefined && input.marks !== null) {
    if (!Array.isArray(input.marks)) return fail(t("chart.bad_marks", { value: describe(input.marks) }));
    for (const [index, mark] of input.marks.entries()) {
      if (!mark || typeof mark !== "object" || !isNumber(mark.x) || !isText(mark.label)) {
        return fail(t("chart.bad_mark", { index, value: describe(mark) }));
      }
      marks.push({ x: mark.x, label: mark.label || "" });
    }
  }
  return {
    chart: /** @type {Chart} */ ({ title: input.title || "", x_label: input.x_label || "", y_label: input.y_label || "",
      series: /** @type {any} */ (series), marks }),
    error: null,
  };
}

/** A short, Python-flavoured description of a value for an error message. @param {unknown} value */
function describe(value) {
  if (value === null || value === undefined) return "None";
  if (Array.isArray(value)) return t("chart.a_list", { count: value.length });
  if (typeof value === "string") return t("chart.the_text", { text: JSON.stringify(value.slice(0, 40)) });
  if (typeof value === "object") return t("chart.a_dict");
  return t(typeof value === "number" ? "chart.the_number" : "chart.the_value", { value: String(value).slice(0, 40) });
}

/** A tick step of 1, 2 or 5 times a power of ten. @param {number} span @param {number} count */
function niceStep(span, count) {
  const raw = span / Math.max(1, count);
  const power = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / power;
  return (fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10) * power;
}

/**
 * Axis range and ticks. With `snap` the range widens to whole ticks (a value axis); without it the range is
 * the data's own (a session or time axis starts at its first value).
 * @param {number} low @param {number} high @param {number} count @param {boolean} snap
 */
function scale(low, high, count, snap) {
  if (low === high) {
    const pad = Math.abs(low) > 0 ? Math.abs(low) * 0.1 : 1;
    low -= pad;
    high += pad;
  }
  const step = niceStep(high - low, count);
  const first = Math.ceil(low / step - 1e-9) * step;
  const start = snap ? Math.floor(low / step + 1e-9) * step : low;
  const end = snap ? Math.ceil(high / step - 1e-9) * step : high;
  const ticks = [];
  for (let value = snap ? start : first; value <= end + step * 1e-6; value += step) ticks.push(Number(value.toFixed(10)));
  const decimals = Math.max(0, -Math.floor(Math.log10(step) + 1e-9));
  return { low: start, high: end, ticks, decimals };
}

/** @param {number} value */
export function formatNumber(value) {
  return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(3)));
}

/** @param {string} tag @param {Record<string, string | number>} [attrs] @param {string} [text] */
function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/** The path of a marker centred on (x, y). @param {string} shape @param {number} x @param {number} y @param {number} r */
function markerPath(shape, x, y, r) {
  switch (shape) {
    case "square": return `M${x - r} ${y - r}h${2 * r}v${2 * r}h${-2 * r}Z`;
    case "triangle": return `M${x} ${y - r * 1.2}L${x + r * 1.1} ${y + r * 0.8}H${x - r * 1.1}Z`;
    case "diamond": return `M${x} ${y - r * 1.3}L${x + r * 1.1} ${y}L${x} ${y + r * 1.3}L${x - r * 1.1} ${y}Z`;
    case "cross": return `M${x - r} ${y - r}L${x + r} ${y + r}M${x + r} ${y - r}L${x - r} ${y + r}`;
    default: return `M${x - r} ${y}a${r} ${r} 0 1 0 ${2 * r} 0a${r} ${r} 0 1 0 ${-2 * r} 0`;
  }
}

/** @param {Chart} chart */
function summary(chart) {
  const xs = chart.series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = chart.series.flatMap((s) => s.points.map((p) => p[1]));
  const low = (/** @type {number[]} */ v) => formatNumber(Math.min(...v));
  const high = (/** @type {number[]} */ v) => formatNumber(Math.max(...v));
  /** @param {string} plain @param {string} named catalogue keys, without and with the axis's label @param {string} label @param {number[]} v */
  const axis = (plain, named, label, v) => t(label ? named : plain, { label, low: low(v), high: high(v) });
  const parts = [t("chart.summary", { count: chart.series.length }),
    axis("chart.x_axis", "chart.x_axis_named", chart.x_label, xs), axis("chart.y_axis", "chart.y_axis_named", chart.y_label, ys)];
  for (const [index, line] of chart.series.entries()) {
    const shape = t(SHAPE_NAMES[SHAPES[index % SHAPES.length]]);
    const values = line.points.map((p) => p[1]);
    parts.push(line.points.length ? t("chart.series_values", { label: line.label, shape, count: line.points.length, low: low(values), high: high(values) })
      : t("chart.series_empty", { label: line.label, shape }));
  }
  if (chart.marks.length) {
    const marks = chart.marks.map((m) => t("chart.mark_at", { label: m.label || t("chart.mark"), x: formatNumber(m.x) }));
    parts.push(t("chart.marks", { marks: marks.join("; ") }));
  }
  parts.push(t("chart.table_below"));
  return parts.join(" ");
}

/**
 * @param {Chart} chart @param {string} idPrefix @param {number} width
 * @returns {SVGSVGElement}
 */
function drawSvg(chart, idPrefix, width) {
  const height = Math.round(Math.max(240, Math.min(380, width * 0.62)));
  const narrow = width < 480;
  const margin = { top: 16, right: 20, bottom: chart.x_label ? 54 : 34, left: chart.y_label ? 66 : 48 };
  if (chart.marks.length) margin.top += 18;
  const plotW = width - margin.left - margin.right;
  const plotH = height - margin.top - margin.bottom;
  const xs = chart.series.flatMap((s) => s.points.map((p) => p[0])).concat(chart.marks.map((m) => m.x));
  const ys = chart.series.flatMap((s) => s.points.map((p) => p[1]));
  const xScale = scale(Math.min(...xs), Math.max(...xs), narrow ? 4 : 8, false);
  const yScale = scale(Math.min(...ys), Math.max(...ys), narrow ? 4 : 6, true);
  const px = (/** @type {number} */ x) => margin.left + ((x - xScale.low) / (xScale.high - xScale.low)) * plotW;
  const py = (/** @type {number} */ y) => margin.top + plotH - ((y - yScale.low) / (yScale.high - yScale.low)) * plotH;

  const root = /** @type {SVGSVGElement} */ (svg("svg", {
    viewBox: `0 0 ${width} ${height}`, width, height, role: "img", class: "pq-chart-svg",
    "aria-labelledby": `${idPrefix}-title ${idPrefix}-desc`,
  }));
  root.append(svg("title", { id: `${idPrefix}-title` }, chart.title || t("chart.chart")),
    svg("desc", { id: `${idPrefix}-desc` }, summary(chart)));
  const grid = svg("g", { class: "pq-chart-grid" });
  const axes = svg("g", { class: "pq-chart-axes" });
  for (const tick of yScale.ticks) {
    const y = py(tick);
    grid.append(svg("line", { x1: margin.left, x2: margin.left + plotW, y1: y, y2: y }));
    axes.append(svg("text", { x: margin.left - 8, y: y + 4, "text-anchor": "end" }, tick.toFixed(yScale.decimals)));
  }
  for (const tick of xScale.ticks) {
    const x = px(tick);
    axes.append(svg("line", { x1: x, x2: x, y1: margin.top + plotH, y2: margin.top + plotH + 5 }),
      svg("text", { x, y: margin.top + plotH + 20, "text-anchor": "middle" }, tick.toFixed(xScale.decimals)));
  }
  axes.append(svg("line", { x1: margin.left, x2: margin.left + plotW, y1: margin.top + plotH, y2: margin.top + plotH }),
    svg("line", { x1: margin.left, x2: margin.left, y1: margin.top, y2: margin.top + plotH }));
  if (chart.x_label) {
    axes.append(svg("text", { x: margin.left + plotW / 2, y: height - 10, "text-anchor": "middle", class: "pq-chart-label" },
      chart.x_label));
  }
  if (chart.y_label) {
    const cx = 16;
    const cy = margin.top + plotH / 2;
    axes.append(svg("text", { x: cx, y: cy, "text-anchor": "middle", transform: `rotate(-90 ${cx} ${cy})`,
      class: "pq-chart-label" }, chart.y_label));
  }
  root.append(grid, axes);

  const marks = svg("g", { class: "pq-chart-marks" });
  let previousLabelEnd = -Infinity;
  let row = 0;
  for (const mark of [...chart.marks].sort((a, b) => a.x - b.x)) {
    const x = px(mark.x);
    marks.append(svg("line", { x1: x, x2: x, y1: margin.top - 4, y2: margin.top + plotH, "stroke-dasharray": "5 4" }));
    if (mark.label) {
      // Labels that would touch their neighbour go one row up.
      const halfWidth = mark.label.length * 3.6 + 4;
      row = x - halfWidth < previousLabelEnd && row === 0 ? 1 : 0;
      previousLabelEnd = x + halfWidth;
      const labelX = Math.max(margin.left + halfWidth, Math.min(width - margin.right - halfWidth, x));
      marks.append(svg("text", { x: labelX, y: margin.top - 8 - row * 14, "text-anchor": "middle" }, mark.label));
    }
  }
  root.append(marks);

  for (const [index, line] of chart.series.entries()) {
    const group = svg("g", { class: `pq-chart-series pq-series-${index % SHAPES.length}` });
    const points = [...line.points].sort((a, b) => a[0] - b[0]);
    const dash = DASHES[index % DASHES.length];
    group.append(svg("polyline", { points: points.map(([x, y]) => `${px(x).toFixed(1)},${py(y).toFixed(1)}`).join(" "),
      fill: "none", ...(dash ? { "stroke-dasharray": dash } : {}) }));
    if (points.length <= MARKERS_UP_TO) {
      const shape = SHAPES[index % SHAPES.length];
      const d = points.map(([x, y]) => markerPath(shape, px(x), py(y), 4)).join("");
      group.append(svg("path", { d, class: shape === "cross" ? "pq-marker pq-marker-open" : "pq-marker" }));
    }
    root.append(group);
  }
  return root;
}

/** @param {Chart} chart */
function legend(chart) {
  const list = el("ul", undefined, "pq-chart-legend");
  for (const [index, line] of chart.series.entries()) {
    const item = el("li");
    const key = /** @type {SVGSVGElement} */ (svg("svg", { width: 34, height: 14, viewBox: "0 0 34 14", "aria-hidden": "true",
      class: `pq-series-${index % SHAPES.length}` }));
    const dash = DASHES[index % DASHES.length];
    const shape = SHAPES[index % SHAPES.length];
    key.append(svg("line", { x1: 1, x2: 33, y1: 7, y2: 7, ...(dash ? { "stroke-dasharray": dash } : {}) }),
      svg("path", { d: markerPath(shape, 17, 7, 4), class: shape === "cross" ? "pq-marker pq-marker-open" : "pq-marker" }));
    item.append(key, ` ${t("chart.legend_item", { label: line.label, shape: t(SHAPE_NAMES[shape]) })}`);
    list.append(item);
  }
  if (chart.marks.length) {
    const item = el("li");
    const key = svg("svg", { width: 34, height: 14, viewBox: "0 0 34 14", "aria-hidden": "true", class: "pq-chart-marks" });
    key.append(svg("line", { x1: 17, x2: 17, y1: 0, y2: 14, "stroke-dasharray": "3 2" }));
    item.append(key, ` ${t("chart.legend_marks")}`);
    list.append(item);
  }
  return list;
}

/** @param {Chart} chart @param {string} idPrefix */
function table(chart, idPrefix) {
  const details = el("details", undefined, "pq-chart-data");
  details.append(el("summary", t("chart.data_table")));
  const wrapper = el("div", undefined, "pq-chart-table-wrap");
  const grid = el("table", undefined, "pq-chart-table");
  // The table's name sits outside the box that scrolls sideways, so that a narrow screen shows all of it.
  const name = el("p", chart.title || t("chart.data"), "pq-chart-table-name");
  name.id = `${idPrefix}-table`;
  grid.setAttribute("aria-labelledby", name.id);
  const xs = [...new Set(chart.series.flatMap((s) => s.points.map((p) => p[0])).concat(chart.marks.map((m) => m.x)))]
    .sort((a, b) => a - b);
  const head = el("tr");
  const headers = [chart.x_label || "x", ...chart.series.map((s) => s.label), ...(chart.marks.length ? [t("chart.mark_column")] : [])];
  for (const text of headers) {
    const th = el("th", text);
    th.setAttribute("scope", "col");
    head.append(th);
  }
  const body = el("tbody");
  for (const x of xs) {
    const row = el("tr");
    const th = el("th", formatNumber(x));
    th.setAttribute("scope", "row");
    row.append(th);
    for (const line of chart.series) {
      const values = line.points.filter((p) => p[0] === x).map((p) => formatNumber(p[1]));
      row.append(el("td", values.length ? values.join(", ") : "–"));
    }
    if (chart.marks.length) row.append(el("td", chart.marks.filter((m) => m.x === x).map((m) => m.label || t("chart.mark")).join(", ")));
    body.append(row);
  }
  const thead = el("thead");
  thead.append(head);
  grid.append(thead, body);
  wrapper.append(grid);
  details.append(name, wrapper);
  return details;
}

/** @type {WeakMap<HTMLElement, ResizeObserver>} the observer of each container's current picture */
const observers = new WeakMap();

/**
 * Draw chart()'s return value into a container (replacing what was there). Returns an error message when
 * the value has the wrong shape (the message is shown in the container too), else null.
 * @param {HTMLElement} container @param {unknown} data @param {string} idPrefix  unique on the page
 * @returns {string | null}
 */
export function drawChart(container, data, idPrefix) {
  const { chart, error } = validateChart(data);
  observers.get(container)?.disconnect();
  container.replaceChildren();
  if (!chart) {
    container.append(el("p", t("chart.failed", { error }), "pq-error pq-chart-error"));
    return error;
  }
  const figure = el("figure", undefined, "pq-chart-figure");
  const picture = el("div", undefined, "pq-chart-picture");
  // The visible title is HTML, so that a long one wraps on a phone instead of running off the picture.
  if (chart.title) figure.append(el("figcaption", chart.title, "pq-chart-heading"));
  figure.append(picture, legend(chart));
  container.append(figure, table(chart, idPrefix));
  let drawnWidth = 0;
  const draw = () => {
    const width = Math.max(280, Math.round(picture.clientWidth || container.clientWidth || 640));
    if (Math.abs(width - drawnWidth) < 8) return;
    drawnWidth = width;
    picture.replaceChildren(drawSvg(chart, idPrefix, width));
  };
  draw();
  // Redraw at the new width (text stays readable instead of shrinking with the picture).
  if ("ResizeObserver" in window) {
    const observer = new ResizeObserver(draw);
    observer.observe(picture);
    observers.set(container, observer);
  }
  return null;
}
