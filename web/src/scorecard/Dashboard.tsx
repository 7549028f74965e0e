// The dashboard per theme: how many measures (and objectives) of each theme are on
// track, at risk, off track or without data — one stacked bar chart across themes
// (ECharts) and a card per theme with its counts and its measures' trends.
import { useEffect, useMemo, useRef } from "react";
import * as echarts from "echarts/core";
import { BarChart } from "echarts/charts";
import { GridComponent, LegendComponent, TooltipComponent } from "echarts/components";
import { SVGRenderer } from "echarts/renderers";
import { useProgress } from "../measures/progressStore";
import { Sparkline, StatusPill } from "../measures/Sparkline";
import { formatValue, measureLabel, STATUS_COLOUR, STATUS_LABEL, STATUSES } from "../measures/status";
import type { MeasureWithPoints, Status } from "../measures/types";
import { AsOfControl } from "../progress/ProgressControls";
import "./scorecard.css";

echarts.use([BarChart, GridComponent, LegendComponent, TooltipComponent, SVGRenderer]);

interface ThemeSummary { id: string; name: string; color: string; measures: MeasureWithPoints[]; counts: Record<Status, number>; statements: Record<Status, number> }

function zero(): Record<Status, number> { return { on_track: 0, at_risk: 0, off_track: 0, no_data: 0 }; }

export function Dashboard({ coalition, onOpenMeasure }: { coalition: number; onOpenMeasure(id: string): void }) {
  const { measures, progress, tree, asOf, error } = useProgress(coalition);
  const themes = useMemo((): ThemeSummary[] => {
    if (!measures || !tree || !progress) return [];
    const byId = new Map(tree.statements.map((s) => [s.id, s]));
    // A statement's theme, or the nearest ancestor's.
    const themeOf = (id: string): string => {
      for (let at = byId.get(id), guard = 0; at && guard < 10_000; at = at.parent ? byId.get(at.parent) : undefined, guard++) if (at.theme) return at.theme;
      return "";
    };
    const list: ThemeSummary[] = [...tree.themes.map((t) => ({ ...t, measures: [], counts: zero(), statements: zero() })),
      { id: "", name: "No theme", color: "#8a94a3", measures: [], counts: zero(), statements: zero() }];
    const at = new Map(list.map((t) => [t.id, t]));
    for (const m of measures.measures) {
      const t = at.get(themeOf(m.statement)) ?? at.get("")!;
      t.measures.push(m);
      t.counts[progress.measures[m.id]?.status ?? "no_data"]++;
    }
    const measured = new Set(measures.measures.map((m) => m.statement));
    for (const s of tree.statements) if (measured.has(s.id)) (at.get(themeOf(s.id)) ?? at.get("")!).statements[progress.statements[s.id]?.status ?? "no_data"]++;
    // Each theme lists what needs attention first: off track, at risk, without data, on track.
    const order: Record<Status, number> = { off_track: 0, at_risk: 1, no_data: 2, on_track: 3 };
    const rank = (m: MeasureWithPoints) => order[progress.measures[m.id]?.status ?? "no_data"];
    for (const t of list) t.measures.sort((a, b) => rank(a) - rank(b) || (progress.measures[a.id]?.score ?? 0) - (progress.measures[b.id]?.score ?? 0));
    return list.filter((t) => t.measures.length > 0);
  }, [measures, tree, progress]);

  if (!measures || !tree) return <main className="dashboard-main"><p className="muted">{error ? `Cannot load the dashboard: ${error}` : "Loading…"}</p></main>;
  return (
    <main className="dashboard-main">
      <div className="scorecard-bar">
        <h1>Dashboard by theme</h1>
        <span className="toolbar-gap" />
        <AsOfControl asOf={asOf} />
      </div>
      {themes.length === 0 ? <p className="muted">No measures yet.</p> : <ThemeBars themes={themes} />}
      <div className="theme-cards">
        {themes.map((t) => (
          <section key={t.id || "none"} className="theme-card" style={{ borderTopColor: t.color }} data-theme-card={t.id || "none"} aria-label={`Theme ${t.name}`}>
            <h2>{t.name}</h2>
            <div className="theme-counts">
              {STATUSES.map((s) => (
                <div key={s} className="theme-count" data-count={s}>
                  <span className="big" style={{ color: STATUS_COLOUR[s] }}>{t.counts[s]}</span>
                  <span className="label">{STATUS_LABEL[s]}</span>
                </div>
              ))}
            </div>
            <div className="stack-bar" aria-hidden="true">
              {STATUSES.map((s) => t.counts[s] > 0 && <span key={s} style={{ flex: t.counts[s], background: STATUS_COLOUR[s] }} />)}
            </div>
            <p className="muted small">Objectives with measures: {STATUSES.filter((s) => t.statements[s]).map((s) => `${t.statements[s]} ${STATUS_LABEL[s].toLowerCase()}`).join(", ")}</p>
            <ul className="theme-measures">
              {t.measures.slice(0, 12).map((m) => {
                const p = progress?.measures[m.id];
                return (
                  <li key={m.id}>
                    <button className="linklike" onClick={() => onOpenMeasure(m.id)}>{measureLabel(m)}</button>
                    <span className="num">{formatValue(p?.value ?? null, m.unit)}</span>
                    <StatusPill status={p?.status ?? "no_data"} stale={p?.stale} />
                    <Sparkline points={m.points} status={p?.status ?? "no_data"} asOf={asOf} width={90} height={26} />
                  </li>
                );
              })}
              {t.measures.length > 12 && <li className="muted">and {t.measures.length - 12} more (see the scorecard)</li>}
            </ul>
          </section>
        ))}
      </div>
    </main>
  );
}

function ThemeBars({ themes }: { themes: ThemeSummary[] }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  useEffect(() => {
    const c = echarts.init(box.current!, undefined, { renderer: "svg" });
    chart.current = c;
    const observer = new ResizeObserver(() => c.resize());
    observer.observe(box.current!);
    return () => { observer.disconnect(); c.dispose(); };
  }, []);
  useEffect(() => {
    const names = themes.map((t) => t.name).reverse();
    const widest = Math.max(1, ...themes.map((t) => STATUSES.reduce((n, s) => n + t.counts[s], 0)));
    chart.current?.setOption({
      animation: false,
      textStyle: { fontSize: 16, color: "#17202b" },
      legend: { top: 0, textStyle: { fontSize: 16 }, itemWidth: 24, itemHeight: 16 },
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" }, textStyle: { fontSize: 16 }, className: "chart-tooltip" },
      grid: { left: 10, right: 30, top: 40, bottom: 10, containLabel: true },
      xAxis: { type: "value", minInterval: 1, axisLabel: { fontSize: 15 } },
      yAxis: { type: "category", data: names, axisLabel: { fontSize: 16, width: 220, overflow: "truncate", color: "#17202b" } },
      series: STATUSES.map((s) => ({
        name: STATUS_LABEL[s], type: "bar", stack: "all", itemStyle: { color: STATUS_COLOUR[s] }, barMaxWidth: 40,
        label: { show: true, fontSize: 15, color: "#fff", fontWeight: "bold", formatter: (p: { value: number }) => (p.value && p.value / widest >= 0.04 ? String(p.value) : "") },
        data: [...themes].reverse().map((t) => t.counts[s]),
      })),
    } as echarts.EChartsCoreOption, { notMerge: true });
  }, [themes]);
  return <div ref={box} className="theme-bars" style={{ height: Math.max(180, 60 + themes.length * 52) }} role="img"
    aria-label={`Measures by status in each theme: ${themes.map((t) => `${t.name}: ${STATUSES.map((s) => `${t.counts[s]} ${STATUS_LABEL[s].toLowerCase()}`).join(", ")}`).join("; ")}`} />;
}
