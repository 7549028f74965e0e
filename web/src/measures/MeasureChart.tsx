// A measure's time series, drawn with Apache ECharts (SVG renderer): the data, the
// baseline, the targets, the expected trajectory (the reference's straight line from the
// baseline through each target), and the at-risk band between the two thresholds.
// Large type and thick strokes so it reads on a projector; exports as PNG and SVG.
import { useEffect, useImperativeHandle, useRef, forwardRef } from "react";
import * as echarts from "echarts/core";
import { LineChart, ScatterChart } from "echarts/charts";
import { GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, TitleComponent } from "echarts/components";
import { SVGRenderer } from "echarts/renderers";
import type { MeasureWithPoints, Settings } from "./types";
import { dateOfDay, dayNumber, formatValue, thresholdValues, trajectory } from "./status";

echarts.use([LineChart, ScatterChart, GridComponent, LegendComponent, MarkLineComponent, TooltipComponent, TitleComponent, SVGRenderer]);

export interface ChartHandle {
  svg(): string;
  png(): Promise<Blob>;
}

const INK = "#17202b";
const DATA = "#1f5fbf";
const TARGET = "#6a1b9a";
const EXPECTED = "#3d4856";
const BAND = "rgba(199, 119, 0, 0.30)";
const FONT = '"Segoe UI", "Helvetica Neue", Arial, "Liberation Sans", sans-serif';

/** The chart's option, built from the measure alone (pure: easy to reason about). */
export function chartOption(m: MeasureWithPoints, settings: Settings, asOf: string | null) {
  const points = [...m.points].sort((a, b) => (a.date < b.date ? -1 : 1));
  const path = trajectory(m);
  const lastData = points.length ? points[points.length - 1].date : m.baseline.date;
  const end = [path[path.length - 1].date, lastData, asOf ?? ""].sort().pop()!;
  const corners = [...path.map((p) => p.date), ...(end > path[path.length - 1].date ? [end] : [])];
  const expected = corners.map((d) => [d, round(thresholdValues(m, d, settings).expected)]);
  const bandLow = corners.map((d) => { const t = thresholdValues(m, d, settings); return [d, round(Math.min(t.onTrack, t.atRisk))]; });
  const bandHigh = corners.map((d) => { const t = thresholdValues(m, d, settings); return [d, round(Math.abs(t.onTrack - t.atRisk))]; });
  const unit = m.unit ?? "";
  const pad = Math.max(30, Math.round((dayNumber(end) - dayNumber(points[0]?.date && points[0].date < m.baseline.date ? points[0].date : m.baseline.date)) * 0.03));
  const axisFont = { fontSize: 16, color: INK, fontFamily: FONT };
  const all = [m.baseline.value, ...m.targets.map((t) => t.value), ...points.map((p) => p.value), ...expected.map((e) => e[1] as number), ...bandLow.map((e) => e[1] as number)];
  const lo = Math.min(...all); const hi = Math.max(...all, ...bandLow.map((e, i) => (e[1] as number) + (bandHigh[i][1] as number)));
  const margin = (hi - lo || Math.abs(hi) || 1) * 0.08;
  return {
    animation: false,
    textStyle: { fontFamily: FONT, fontSize: 16, color: INK },
    grid: { left: 80, right: 40, top: 70, bottom: 60, containLabel: true },
    legend: { top: 8, left: "center", itemWidth: 34, itemHeight: 14, textStyle: { fontSize: 16, color: INK }, itemGap: 22,
      data: ["Data", "Baseline", "Targets", "Expected trajectory", { name: "At-risk band", icon: "rect", itemStyle: { color: "rgba(199, 119, 0, 0.55)" } }] },
    tooltip: {
      trigger: "item", className: "chart-tooltip", confine: true,
      textStyle: { fontSize: 17, color: INK }, borderColor: INK, borderWidth: 1.5, padding: [8, 12],
      formatter: (p: { seriesName: string; value: [string, number]; data: { note?: string; entered_by?: string } | unknown }) => {
        const value = Array.isArray(p.value) ? p.value : [];
        const extra = (p.data && typeof p.data === "object" && "note" in p.data) ? p.data as { note?: string; entered_by?: string } : null;
        const lines = [`<strong>${escape(p.seriesName)}</strong>`, `${escape(String(value[0] ?? ""))}: <strong>${escape(formatValue(Number(value[1]), unit))}</strong>`];
        if (extra?.note) lines.push(escape(extra.note));
        if (extra?.entered_by) lines.push(`<span style="color:#5f6b7a">entered by ${escape(extra.entered_by)}</span>`);
        return lines.join("<br/>");
      },
    },
    xAxis: {
      type: "time", axisLabel: { ...axisFont, hideOverlap: true }, axisLine: { lineStyle: { color: INK, width: 2 } },
      min: dateOfDay(dayNumber(points[0]?.date && points[0].date < m.baseline.date ? points[0].date : m.baseline.date) - pad),
      max: dateOfDay(dayNumber(end) + pad), splitLine: { show: false },
    },
    yAxis: {
      type: "value", min: niceFloor(lo - margin, hi - lo), max: niceCeil(hi + margin, hi - lo), name: unit, nameTextStyle: { ...axisFont, align: "left" }, nameGap: 18,
      axisLabel: { ...axisFont, showMinLabel: false, showMaxLabel: false }, splitLine: { lineStyle: { color: "#d9dce1" } },
    },
    series: [
      { name: "At-risk band", type: "line", stack: "band", data: bandLow, symbol: "none", lineStyle: { opacity: 0 }, silent: true, tooltip: { show: false }, legendHoverLink: false, itemStyle: { color: BAND } },
      { name: "At-risk band", type: "line", stack: "band", data: bandHigh, symbol: "none", lineStyle: { opacity: 0 }, areaStyle: { color: BAND }, silent: true, tooltip: { show: false }, itemStyle: { color: BAND } },
      { name: "Expected trajectory", type: "line", data: expected, symbol: "none", lineStyle: { color: EXPECTED, width: 3, type: [10, 6] }, itemStyle: { color: EXPECTED }, silent: true, z: 3 },
      { name: "Data", type: "line", z: 5, symbol: "circle", symbolSize: 13, lineStyle: { color: DATA, width: 4 }, itemStyle: { color: DATA, borderColor: "#fff", borderWidth: 2 },
        emphasis: { scale: 1.5 },
        // Looking back (as of a past date): later points fade, and a line marks the date.
        data: points.map((p) => ({ value: [p.date, p.value], note: p.note ?? "", entered_by: p.entered_by ?? "",
          ...(asOf && p.date > asOf ? { itemStyle: { opacity: 0.3 } } : {}) })),
        markLine: asOf ? {
          silent: true, symbol: "none", lineStyle: { color: INK, width: 2, type: "solid" },
          label: { formatter: `as of ${asOf}`, fontSize: 16, color: INK, fontWeight: "bold", position: "end", distance: 4, backgroundColor: "#fff" },
          data: [{ xAxis: asOf }],
        } : undefined },
      { name: "Baseline", type: "scatter", z: 6, symbol: "diamond", symbolSize: 22, itemStyle: { color: "#fff", borderColor: INK, borderWidth: 3 },
        data: [[m.baseline.date, m.baseline.value]] },
      { name: "Targets", type: "scatter", z: 6, symbol: "triangle", symbolSize: 22, itemStyle: { color: TARGET, borderColor: "#fff", borderWidth: 2 },
        data: [...m.targets].sort((a, b) => (a.date < b.date ? -1 : 1)).map((t) => [t.date, t.value]),
        markLine: m.targets.length ? {
          silent: true, symbol: "none", lineStyle: { color: TARGET, width: 2, type: "dotted" },
          label: { formatter: `Goal ${formatValue(lastTarget(m), unit)}`, fontSize: 16, color: TARGET, position: "insideStartTop" },
          data: [{ yAxis: lastTarget(m) }],
        } : undefined },
    ],
  };
}

function lastTarget(m: MeasureWithPoints): number {
  return [...m.targets].sort((a, b) => (a.date < b.date ? -1 : 1))[m.targets.length - 1].value;
}
function round(v: number) { return Math.round(v * 1e6) / 1e6; }
function step(span: number) { const p = 10 ** Math.floor(Math.log10(span || 1)); return p / 2; }
function niceFloor(v: number, span: number) { const s = step(span); return round(Math.floor(v / s) * s); }
function niceCeil(v: number, span: number) { const s = step(span); return round(Math.ceil(v / s) * s); }
function escape(text: string) { return text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!); }

export const MeasureChart = forwardRef<ChartHandle, { measure: MeasureWithPoints; settings: Settings; asOf: string | null; height?: number }>(
  function MeasureChart({ measure, settings, asOf, height = 460 }, ref) {
    const box = useRef<HTMLDivElement>(null);
    const chart = useRef<echarts.ECharts | null>(null);
    useEffect(() => {
      const c = echarts.init(box.current!, undefined, { renderer: "svg" });
      chart.current = c;
      const observer = new ResizeObserver(() => c.resize());
      observer.observe(box.current!);
      // For people's scripts and the browser tests: where a point of this chart is drawn.
      (box.current as HTMLDivElement & { pointAt?: unknown }).pointAt = (date: string, value: number) => {
        const [x, y] = c.convertToPixel({ gridIndex: 0 }, [date, value]) as number[];
        const r = box.current!.getBoundingClientRect();
        return { x: r.left + x, y: r.top + y };
      };
      return () => { observer.disconnect(); c.dispose(); chart.current = null; };
    }, []);
    useEffect(() => {
      chart.current?.setOption(chartOption(measure, settings, asOf) as unknown as echarts.EChartsCoreOption, { notMerge: true });
    }, [measure, settings, asOf]);
    useImperativeHandle(ref, () => ({
      svg: () => svgText(box.current!),
      png: () => svgToPng(svgText(box.current!), box.current!.clientWidth, box.current!.clientHeight),
    }), []);
    return <div ref={box} className="measure-chart" style={{ height }} data-chart={measure.id} role="img"
      aria-label={`Chart of ${measure.name}: ${measure.points.length} data points, baseline ${formatValue(measure.baseline.value, measure.unit)}`} />;
  });

/** The drawn chart as a standalone SVG document (white background, fonts named). */
function svgText(container: HTMLElement): string {
  const svg = container.querySelector("svg")!.cloneNode(true) as SVGSVGElement;
  svg.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  svg.setAttribute("xmlns:xlink", "http://www.w3.org/1999/xlink");
  svg.style.backgroundColor = "#fff";
  svg.setAttribute("font-family", FONT);
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(svg)}`;
}

/** Renders the chart's SVG onto a white canvas at twice the size (sharp on a projector). */
async function svgToPng(svg: string, width: number, height: number): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: "image/svg+xml" }));
  try {
    const image = new Image();
    await new Promise<void>((resolve, reject) => { image.onload = () => resolve(); image.onerror = () => reject(new Error("The chart could not be drawn as an image.")); image.src = url; });
    const canvas = document.createElement("canvas");
    canvas.width = width * 2; canvas.height = height * 2;
    const ctx = canvas.getContext("2d")!;
    ctx.fillStyle = "#fff"; ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("PNG export failed"))), "image/png"));
  } finally { URL.revokeObjectURL(url); }
}

export function download(blob: Blob, name: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url; a.download = name; document.body.appendChild(a); a.click(); a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 1000);
}
