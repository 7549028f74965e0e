// The coalition's thresholds: a measure is on track from this share of its expected
// progress, at risk from that one (update_settings, through the commit path).
import { useEffect, useState } from "react";
import { RefusalNote } from "../panel/fields";
import { useMapStore } from "../store/mapStore";
import { commitMeasureOps } from "../measures/progressStore";
import type { Settings } from "../measures/types";

export function Thresholds({ settings, readOnly }: { settings: Settings; readOnly?: string }) {
  const pct = (v: number) => String(Math.round(v * 1000) / 10);
  const [onTrack, setOnTrack] = useState(pct(settings.on_track));
  const [atRisk, setAtRisk] = useState(pct(settings.at_risk));
  const [problem, setProblem] = useState<string | null>(null);
  const refusal = useMapStore((s) => (s.refusal?.target === "thresholds" ? s.refusal.message : null));
  useEffect(() => { setOnTrack(pct(settings.on_track)); setAtRisk(pct(settings.at_risk)); }, [settings.on_track, settings.at_risk]);
  const changed = Number(onTrack) / 100 !== settings.on_track || Number(atRisk) / 100 !== settings.at_risk;
  const save = async (e: React.FormEvent) => {
    e.preventDefault();
    const on = Number(onTrack) / 100; const at = Number(atRisk) / 100;
    if (!Number.isFinite(on) || !Number.isFinite(at) || onTrack.trim() === "" || atRisk.trim() === "") { setProblem("Both thresholds are numbers (percent)."); return; }
    if (!(at >= 0 && at <= on && on <= 1.5)) { setProblem("Thresholds need 0 ≤ at risk ≤ on track ≤ 150%."); return; }
    setProblem(null);
    await commitMeasureOps([{ op: "update_settings", set: { on_track: on, at_risk: at } }], "thresholds");
  };
  return (
    <form className="thresholds" onSubmit={save} aria-label="Thresholds">
      <fieldset disabled={!!readOnly} title={readOnly ?? "A measure's score is its progress as a share of what its trajectory expected by then"}>
        <label>On track from <input aria-label="On track from (percent)" inputMode="decimal" value={onTrack} onChange={(e) => setOnTrack(e.target.value)} />%</label>
        <label>at risk from <input aria-label="At risk from (percent)" inputMode="decimal" value={atRisk} onChange={(e) => setAtRisk(e.target.value)} />%</label>
        {changed && <button className="btn small primary" type="submit">Save thresholds</button>}
      </fieldset>
      {(problem || refusal) && <div className="thresholds-problem">{problem ? <p className="form-problem" role="alert">{problem}</p> : <RefusalNote message={refusal} />}</div>}
    </form>
  );
}
