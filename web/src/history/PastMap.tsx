// The map as it was at a revision, read-only: the same canvas as the live map, fed by the
// time-travel view, with optional diff marks (added / changed, each with a symbol too) and,
// given the diff itself, removed statements as ghost boxes where they lived (from the map
// at the diff's `from` revision), removed links as ghost arrows, added/re-rated arrows coloured.
import { useEffect, useMemo, useState } from "react";
import type { MapView } from "../api/types";
import { MapCanvas } from "../map/MapCanvas";
import { useMapModel } from "../map/useMapModel";
import type { Selection } from "../map/selection";
import { historyApi, type MapDiff } from "./api";
import { diffOverlay, type MapDocument } from "./diffOverlay";

export type DiffMark = "added" | "changed" | "removed";

export function PastMap({ coalition, revision, marks, diff }: { coalition: number; revision: number; marks?: Record<string, DiffMark>; diff?: MapDiff }) {
  const [root, setRoot] = useState("top");
  const [view, setView] = useState<MapView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [selection, setSelection] = useState<Selection>(null);
  useEffect(() => {
    let live = true;
    setError(null);
    historyApi.viewAt(coalition, root, revision).then((v) => { if (live) setView(v); }, (e: Error) => {
      if (!live) return;
      if (root !== "top") setRoot("top"); else setError(e.message);
    });
    return () => { live = false; };
  }, [coalition, root, revision]);
  const [before, setBefore] = useState<MapDocument | null>(null);
  const needBefore = !!diff && (diff.removed.statements.length > 0 || diff.removed.links.length > 0);
  useEffect(() => {
    if (!diff || !needBefore) { setBefore(null); return; }
    let live = true;
    historyApi.exportAt(coalition, diff.from).then((doc) => { if (live) setBefore(doc); }, () => { if (live) setBefore({ statements: [], links: [] }); });
    return () => { live = false; };
  }, [coalition, diff, needBefore]);
  const overlay = useMemo(() => (diff && view ? diffOverlay(diff, view, before ?? { statements: [], links: [] }) : null), [diff, view, before]);
  const dragging = useMemo(() => new Map(), []);
  const model = useMapModel(view, dragging);
  if (error) return <div className="load-error" role="alert">Cannot show revision {revision}: {error}</div>;
  if (!view) return <div className="past-map-loading">Loading revision {revision}…</div>;
  const none = () => undefined;
  return (
    <div className="past-map" data-revision={view.revision} data-diff-ready={diff ? String(!needBefore || before !== null) : undefined}>
      <nav className="past-crumbs" aria-label="Zoom level">
        <button className="crumb" onClick={() => setRoot("top")}>{view.coalition.name}</button>
        {view.breadcrumb.map((c) => <span key={c.id}> › <button className="crumb" onClick={() => setRoot(c.id)}>{c.title}</button></span>)}
      </nav>
      <MapCanvas view={view} model={model} selection={selection} linkFrom={null} previousRoot={null} refusal={null} themeFocus={null}
        marks={marks} diff={overlay}
        onSelect={setSelection} onOpen={(id) => setRoot(id)} onDrag={none} onDrop={none} onCreateLink={none} onAddAt={none} />
    </div>
  );
}
