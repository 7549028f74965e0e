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
  const title = (id: string) => sight.titles?.[id] ?? titles[id]?.title ?? view?.statements[id]?.title ?? id;
  const colour = (id: string) => {
    const theme = titles[id]?.theme ?? view?.statements[id]?.theme;
    return (theme && view?.themes.find((t) => t.id === theme)?.color) || "#8a94a3";
  };
  const goalText = (g: string) => org.goals?.find((x) => x.id === g)?.text ?? g;
  const contribution = (id: string | null) => (id ? work?.contributions.find((c) => c.id === id) : undefined);
  const initiative = (id: string | null | undefined) => (id ? work?.initiatives.find((i) => i.id === id) : undefined);
  const reached = new Set([...sight.outcomes, ...sight.paths.map((p) => p.to)]);
  const outcomes = sight.coalition_outcomes?.length ? sight.coalition_outcomes : sight.outcomes;
  return (
    <div className="line-of-sight" data-paths={sight.paths.length}>
      <div className="los-outcomes">
        <span className="field-label">Top outcomes</span>
        <ul>
          {outcomes.map((o) => (
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
            const i = initiative(p.initiative);
            return (
              <li key={`${p.contribution ?? p.initiative}-${p.to}-${index}`} className={`los-path ${i ? "via-initiative" : ""}`} data-from={p.from} data-to={p.to}
                data-contribution={p.contribution ?? undefined} data-initiative={p.initiative ?? undefined}>
                <div className="los-chain" role="list" aria-label={`From ${title(p.from)} to ${title(p.to)}`}>
                  {p.path.map((id, n) => (
                    <div key={`${id}-${n}`} className="los-step" role="listitem">
                      {n > 0 && <span className="los-arrow" aria-hidden="true">→</span>}
                      <button className={`los-box ${n === 0 ? "start" : ""} ${n === p.path.length - 1 ? "outcome" : ""}`} style={{ borderTopColor: colour(id) }}
                        onClick={() => onOpenStatement(id)} data-statement-id={id} title={n === 0 ? "Where it contributes" : n === p.path.length - 1 ? "A top outcome" : undefined}>
                        {n === 0 && <span className="los-tag">{c ? c.role : p.initiative ? "initiative" : "contributes"}</span>}
                        {n === p.path.length - 1 && <span className="los-tag outcome">outcome</span>}
                        {title(id)}
                      </button>
                    </div>
                  ))}
                </div>
                <div className="los-goals">
                  {i && <span className="los-via">Through its initiative <strong>{i.name}</strong>. </span>}
                  {i && !p.goals.length ? null : p.goals.length ? <>Serves its goal{p.goals.length === 1 ? "" : "s"}: {p.goals.map((g) => <span key={g} className="goal-chip">{goalText(g)}</span>)}</>
                    : <span className="muted">{org.goals?.length ? "Serves none of its stated goals" : "It has stated no goals of its own yet"}</span>}
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
