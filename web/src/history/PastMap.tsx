// The map as it was at a revision, read-only: the same canvas as the live map, fed by the
// time-travel view, with optional diff marks (added / changed, each with a symbol too).
import { useEffect, useMemo, useState } from "react";
import type { MapView } from "../api/types";
import { MapCanvas } from "../map/MapCanvas";
import { useMapModel } from "../map/useMapModel";
import type { Selection } from "../map/selection";
import { historyApi } from "./api";

export type DiffMark = "added" | "changed" | "removed";

export function PastMap({ coalition, revision, marks }: { coalition: number; revision: number; marks?: Record<string, DiffMark> }) {
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
  const dragging = useMemo(() => new Map(), []);
  const model = useMapModel(view, dragging);
  if (error) return <div className="load-error" role="alert">Cannot show revision {revision}: {error}</div>;
  if (!view) return <div className="past-map-loading">Loading revision {revision}…</div>;
  const none = () => undefined;
  return (
    <div className="past-map" data-revision={view.revision}>
      <nav className="past-crumbs" aria-label="Zoom level">
        <button className="crumb" onClick={() => setRoot("top")}>{view.coalition.name}</button>
        {view.breadcrumb.map((c) => <span key={c.id}> › <button className="crumb" onClick={() => setRoot(c.id)}>{c.title}</button></span>)}
      </nav>
      <MapCanvas view={view} model={model} selection={selection} linkFrom={null} previousRoot={null} refusal={null} themeFocus={null}
        marks={marks}
        onSelect={setSelection} onOpen={(id) => setRoot(id)} onDrag={none} onDrop={none} onCreateLink={none} onAddAt={none} />
    </div>
  );
}
