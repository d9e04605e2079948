// @ts-check
/**
 * Calibration on the progress page: for each "How sure are you?" level, how many answers given with it were
 * right, as a bar chart (bars with their numbers written beside them, so nothing depends on the picture) and a
 * table. chart.js draws line charts over numeric axes; three labelled shares read better as bars.
 */
import { el } from "./payload.js";
import { calibration, records } from "./schedule.js";
import { t } from "./i18n.js";
import "./strings/calibration.js";
import "./strings/confidence.js";

/** @param {number} right @param {number} answers */
const share = (right, answers) => (answers ? Math.round((100 * right) / answers) : 0);

/** @param {{level: string, answers: number, right: number}} row */
function describe(row) {
  return row.answers ? t("calibration.share", { share: share(row.right, row.answers), right: row.right, count: row.answers })
    : t("calibration.no_answers");
}

/**
 * Fill `container` from what this browser has saved.
 * @param {HTMLElement} container @param {ReturnType<typeof import("./store.js").load>} progress
 */
export function drawCalibration(container, progress) {
  const saved = records(progress);
  const rows = calibration(Object.values(saved).flatMap((quiz) => Object.values(quiz)));
  if (!rows.some((row) => row.answers)) {
    container.replaceChildren(el("p", t("calibration.none"), "pq-note"));
    return;
  }
  const figure = el("figure", undefined, "pq-calibration-chart");
  const caption = el("figcaption", t("calibration.caption"));
  figure.append(caption);
  for (const row of rows) {
    const line = el("div", undefined, "pq-calibration-row");
    const track = el("span", undefined, "pq-calibration-track");
    track.setAttribute("aria-hidden", "true");
    const bar = el("span", undefined, "pq-calibration-bar");
    bar.style.width = `${share(row.right, row.answers)}%`;
    track.append(bar);
    line.append(el("span", t(`confidence.${row.level}`), "pq-calibration-level"), track,
      el("span", describe(row), "pq-calibration-value"));
    figure.append(line);
  }
  const table = el("table", undefined, "pq-calibration-table");
  table.append(el("caption", t("calibration.table_caption")));
  const head = el("tr");
  for (const text of [t("calibration.how_sure"), t("calibration.answers"), t("calibration.right"), t("calibration.share_right")]) {
    const th = el("th", text);
    th.setAttribute("scope", "col");
    head.append(th);
  }
  const thead = el("thead");
  thead.append(head);
  const body = el("tbody");
  for (const row of rows) {
    const tr = el("tr");
    const th = el("th", t(`confidence.${row.level}`));
    th.setAttribute("scope", "row");
    tr.append(th, el("td", String(row.answers)), el("td", String(row.right)),
      el("td", row.answers ? t("calibration.percent", { share: share(row.right, row.answers) }) : "–"));
    body.append(tr);
  }
  table.append(thead, body);
  container.replaceChildren(figure, table);
}
