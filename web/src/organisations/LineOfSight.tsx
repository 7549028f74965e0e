// An organisation's line of sight: for each of its contributions, the causal path on the
// map from the statement it works on to one of the coalition's top outcomes, drawn as a
// chain of boxes joined by arrows, with the organisation's own goals that path serves.
import { useState } from "react";
import { ApiError } from "../api/client";
import { workApi, type LineOfSight, type Organisation } from "../api/work";
import { useMapStore } from "../store/mapStore";
import { useOnRevision, useWork } from "../store/workStore";

interface Props { coalition: number; org: Organisation; onOpenStatement(id: string): void; compact?: boolean }

export function LineOfSightView({ coalition, org, onOpenStatement }: Props) {
  const [sight, setSight] = useState<LineOfSight | null>(null);
  const [error, setError] = useState<string | null>(null);
  const titles = useWork((s) => s.titles);
  const work = useWork((s) => s.work);
  const view = useMapStore((s) => s.view);
  useOnRevision(() => {
    let live = true;
    workApi.lineOfSight(coalition, org.id)
      .then((answer) => { if (live) { setSight(answer); setError(null); } })
      .catch((e: unknown) => { if (live) setError(e instanceof ApiError ? e.message : String(e)); });
    return () => { live = false; };
  }, [coalition, org.id]);
  if (error) return <p className="muted">Cannot trace the line of sight: {error}</p>;
  if (!sight) return <p className="muted">Tracing…</p>;
  const title = (id: string) => titles[id]?.title ?? view?.statements[id]?.title ?? id;
  const colour = (id: string) => {
    const theme = titles[id]?.theme ?? view?.statements[id]?.theme;
    return (theme && view?.themes.find((t) => t.id === theme)?.color) || "#8a94a3";
  };
  const goalText = (g: string) => org.goals?.find((x) => x.id === g)?.text ?? g;
  const contribution = (id: string) => work?.contributions.find((c) => c.id === id);
  const reached = new Set(sight.paths.map((p) => p.to));
  return (
    <div className="line-of-sight" data-paths={sight.paths.length}>
      <div className="los-outcomes">
        <span className="field-label">Top outcomes</span>
        <ul>
          {sight.outcomes.map((o) => (
            <li key={o} className={reached.has(o) ? "reached" : ""} data-outcome={o}>
              <span className="los-dot" style={{ background: colour(o) }} aria-hidden="true" />{title(o)}
              {reached.has(o) ? <span className="reach-chip">reached</span> : <span className="muted small-print"> not reached yet</span>}
            </li>
          ))}
        </ul>
      </div>
      {sight.paths.length === 0 ? (
        <p className="muted">{work?.contributions.some((c) => c.organisation === org.id)
          ? "None of its contributions leads to a top outcome on the map yet."
          : "It contributes to nothing on the map yet, so there is no line of sight to draw."}</p>
      ) : (
        <ol className="los-paths">
          {sight.paths.map((p, index) => {
            const c = contribution(p.contribution);
            return (
              <li key={`${p.contribution}-${p.to}-${index}`} className="los-path" data-from={p.from} data-to={p.to}>
                <div className="los-chain" role="list" aria-label={`From ${title(p.from)} to ${title(p.to)}`}>
                  {p.path.map((id, i) => (
                    <div key={`${id}-${i}`} className="los-step" role="listitem">
                      {i > 0 && <span className="los-arrow" aria-hidden="true">→</span>}
                      <button className={`los-box ${i === 0 ? "start" : ""} ${i === p.path.length - 1 ? "outcome" : ""}`} style={{ borderTopColor: colour(id) }}
                        onClick={() => onOpenStatement(id)} data-statement-id={id} title={i === 0 ? "Where it contributes" : i === p.path.length - 1 ? "A top outcome" : undefined}>
                        {i === 0 && <span className="los-tag">{c ? c.role : "contributes"}</span>}
                        {i === p.path.length - 1 && <span className="los-tag outcome">outcome</span>}
                        {title(id)}
                      </button>
                    </div>
                  ))}
                </div>
                <div className="los-goals">
                  {p.goals.length ? <>Serves its goal{p.goals.length === 1 ? "" : "s"}: {p.goals.map((g) => <span key={g} className="goal-chip">{goalText(g)}</span>)}</>
                    : <span className="muted">Serves none of its stated goals</span>}
                  {c?.activity && <span className="muted"> · {c.activity}</span>}
                </div>
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
