// The app shell: top bar (coalition, views, save state), left sidebar, the map, and the
// details panel; it turns people's gestures into op batches for the store.
import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { MapView, Position } from "../api/types";
import { clearRefusal, commit, createCoalition, loadCoalitions, openView, showRefusal, useMapStore, type Person } from "../store/mapStore";
import { sendPresence, startLive } from "../store/live";
import { addLinkOp, addStatementOp, linkRefusal, removeLinkOps, removeStatementOp, setPositionsOps, updateStatementOp } from "../store/ops";
import { withoutLink, withoutStatement, withPositions, withStatementPatch } from "../store/optimistic";
import { MapCanvas, type CanvasHandle, type MapOverlay } from "../map/MapCanvas";
import { AnalysisPanel } from "../analysis/AnalysisPanel";
import { useMapModel } from "../map/useMapModel";
import { autoArrange } from "../map/layout";
import type { Band } from "../map/geometry";
import { linkKey, type Selection } from "../map/selection";
import { DetailsPanel, MapHelp, type PanelActions } from "../panel/DetailsPanel";
import { RefusalNote } from "../panel/fields";
import { Sidebar } from "./Sidebar";
import { mapOnly, parseRoute, routeHash, type Route } from "./route";
import { Outline } from "../outline/Outline";
import { HistoryView } from "../history/HistoryView";
import { useUndoKeys } from "../history/useUndoKeys";
import { UserMenu } from "../auth/UserMenu";
import { MembersPanel } from "../members/MembersPanel";
import { canEditMap, readOnlyReason, useRole } from "../members/role";
import { CommentsSection } from "../comments/CommentsSection";
import { CoalitionDiscussion } from "../comments/CoalitionDiscussion";
import { useProgress } from "../measures/progressStore";
import { MeasuresSection } from "../measures/MeasuresSection";
import { Scorecard } from "../scorecard/Scorecard";
import { ImportDialog } from "../imports/ImportDialog";
import { AsOfControl, StatusLegend } from "../progress/ProgressControls";
import { useStatusOverlay } from "../progress/useStatusOverlay";
import "../measures/measures.css";

// The chart pages load ECharts only when first opened.
const MeasurePage = lazy(() => import("../measures/MeasurePage").then((m) => ({ default: m.MeasurePage })));
const Dashboard = lazy(() => import("../scorecard/Dashboard").then((m) => ({ default: m.Dashboard })));
import { getWork, setContributorPath, setFocusOrg, startWork, unclaimedShown, useWork } from "../store/workStore";
import { workMarks } from "../organisations/mapMarks";
import { OrgFilter } from "../organisations/OrgFilter";
import { StatementWork } from "../organisations/StatementWork";
import { OrganisationsPage } from "../organisations/OrganisationsPage";
import { ResourceTotals } from "../organisations/ResourceTotals";
import { MePage } from "../people/MePage";
import { OpportunitiesPage } from "../opportunities/OpportunitiesPage";
import { PublishPanel } from "../publish/PublishPanel";
import { workApi } from "../api/work";
import { WorkNav } from "../organisations/WorkNav";
import { useSession } from "../auth/session";

function useRoute(): [Route, (r: Route) => void] {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  }, []);
  const go = useCallback((r: Route) => { window.location.hash = routeHash(r); }, []);
  return [route, go];
}

export function App() {
  const [route, go] = useRoute();
  const coalitions = useMapStore((s) => s.coalitions);
  const view = useMapStore((s) => s.view);
  const loading = useMapStore((s) => s.loading);
  const pending = useMapStore((s) => s.pending);
  const refusal = useMapStore((s) => s.refusal);
  const loadError = useMapStore((s) => s.loadError);
  const previousRoot = useMapStore((s) => s.previousRoot);

  const [selection, setSelection] = useState<Selection>(null);
  const [linkFrom, setLinkFrom] = useState<string | null>(null);
  const [confirmRemove, setConfirmRemove] = useState<string | null>(null);
  const [justAdded, setJustAdded] = useState<string | null>(null);
  const [themeFocus, setThemeFocus] = useState<string | null>(null);
  const [dragging, setDragging] = useState<Map<string, Position>>(new Map());
  const [arranging, setArranging] = useState(false);
  const [help, setHelp] = useState(false);
  const [focusMode, setFocusMode] = useState(false);
  const [overlay, setOverlay] = useState<MapOverlay | null>(null);
  // A traced loop or path: bring its boxes into view (once per trace and level).
  const tracedKey = overlay?.dimRest ? `${Object.keys(overlay.boxes).sort().join(",")}@${Object.keys(overlay.links ?? {}).sort().join(",")}` : "";
  useEffect(() => {
    if (!tracedKey || !overlay) return;
    const timer = window.setTimeout(() => canvas.current?.fitTo(Object.keys(overlay.boxes)), 80);
    return () => window.clearTimeout(timer);
  }, [tracedKey]); // eslint-disable-line react-hooks/exhaustive-deps
  const canvas = useRef<CanvasHandle>(null);
  const [importFor, setImportFor] = useState<string | null | false>(false);
  const offMap = !!(route.scorecard || route.dashboard || route.measure);
  // Read measures only where they are shown (the details panel's section reads them itself).
  const progress = useProgress(route.coalition, !!route.progress || offMap || importFor !== false);
  const status = useStatusOverlay(view, progress, !!route.progress);
  const [importNote, setImportNote] = useState<string | null>(null);
  // Viewers (and contributors) see the map without its edit controls; the server decides anyway.
  const role = useRole(route.coalition);
  const canEdit = canEditMap(role) && role !== undefined;
  const readOnlyTitle = readOnlyReason(role);
  // Contributors record their own organisations' contributions, resources and milestones.
  const workReadOnly = canEdit || role === "contributor" ? undefined : readOnlyTitle;
  useEffect(() => { setContributorPath(role === "contributor"); }, [role]);
  useUndoKeys(route.coalition, !route.outline && !route.history && !route.members && !route.page && canEdit);

  useEffect(() => { void loadCoalitions(); startLive(); startWork(); }, []);
  useEffect(() => {
    if (route.coalition === null && coalitions && coalitions.length > 0) go({ coalition: coalitions[0].id, root: "top", outline: false });
  }, [route.coalition, coalitions, go]);
  useEffect(() => {
    if (route.coalition !== null) void openView(route.coalition, route.root);
  }, [route.coalition, route.root]);

  // A new zoom level starts with nothing selected, except the statement we came out of.
  const rootKey = view ? `${view.coalition.id}/${view.root}` : "";
  const lastRoot = useRef("");
  useEffect(() => {
    if (!view || lastRoot.current === rootKey) return;
    lastRoot.current = rootKey;
    setSelection(previousRoot && view.statements[previousRoot] ? { kind: "statement", id: previousRoot } : null);
    setLinkFrom(null); setConfirmRemove(null); setThemeFocus(null);
  }, [rootKey, view, previousRoot]);

  // Tell the others what is selected here, and at which level.
  const selectedIds = selection?.kind === "statement" ? selection.id : selection ? `${selection.from}>${selection.to}` : "";
  useEffect(() => {
    if (view) sendPresence(selection?.kind === "statement" ? [selection.id] : selection ? [selection.from, selection.to] : [], view.root);
  }, [selectedIds, view?.root]); // eslint-disable-line react-hooks/exhaustive-deps

  const model = useMapModel(view, dragging);
  const modelRef = useRef(model); modelRef.current = model;
  const viewRef = useRef<MapView | null>(view); viewRef.current = view;

  const parent = view && view.root !== "top" ? view.root : null;

  /** Positions to store for the whole map when the layout so far was only computed here. */
  const layoutToSave = useCallback((extra: Map<string, Position>): Map<string, Position> => {
    const m = modelRef.current; const out = new Map<string, Position>();
    if (m.unsaved) for (const box of m.boxes) out.set(box.id, { x: box.x / m.scale, y: box.y / m.scale });
    for (const [id, p] of extra) out.set(id, { x: p.x / m.scale, y: p.y / m.scale });
    return out;
  }, []);

  const navigate = useCallback(async (root: string) => {
    if (!view) return;
    if (root !== "top" && view.statements[root]?.child_count) await canvas.current?.zoomInto(root);
    go({ coalition: view.coalition.id, root, outline: route.outline, analysis: route.analysis, progress: route.progress });
  }, [view, go, route.outline, route.analysis, route.progress]);

  const addAt = useCallback(async (centre: Position, band: Band | null) => {
    const v = viewRef.current; if (!v) return;
    const m = modelRef.current;
    const layer = band ? band.layer : (v.layers.length ? null : null);
    const positions = layoutToSave(new Map());
    const ops = [...setPositionsOps(positions), addStatementOp({ parent, layer, theme: themeFocus, position: { x: centre.x / m.scale, y: centre.y / m.scale } })];
    const ids = await commit(ops, "map");
    const id = ids?.[ids.length - 1];
    if (id) { setSelection({ kind: "statement", id }); setJustAdded(id); }
  }, [parent, layoutToSave, themeFocus]);

  const addAtCentre = useCallback(() => {
    const c = canvas.current?.centre(); if (!c) return;
    const m = modelRef.current;
    const taken = (p: Position) => m.boxes.some((b) => Math.abs(b.x - p.x) < b.width * 0.8 && Math.abs(b.y - p.y) < b.height);
    let spot = { ...c };
    const offsets = [0, 290, -290, 580, -580, 870];
    for (let step = 0; step < 36 && taken(spot); step++) spot = { x: c.x + offsets[step % 6], y: c.y + Math.floor(step / 6) * 120 };
    const band = m.bands.find((b) => spot.y >= b.top && spot.y < b.bottom) ?? null;
    void addAt(spot, band);
  }, [addAt]);

  const createLink = useCallback(async (from: string, to: string) => {
    const v = viewRef.current; if (!v) return;
    setLinkFrom(null);
    const local = linkRefusal(from, to, Object.values(v.link_details));
    if (local) { showRefusal(from, local); setSelection({ kind: "statement", id: from }); return; }
    const ids = await commit([...setPositionsOps(layoutToSave(new Map())), addLinkOp(from, to)], from);
    if (ids) setSelection({ kind: "link", from, to });
  }, [layoutToSave]);

  const drop = useCallback((id: string, centre: Position, band: Band | null) => {
    const v = viewRef.current; if (!v) return;
    const positions = layoutToSave(new Map([[id, centre]]));
    const ops = setPositionsOps(positions);
    const current = v.statements[id];
    const layerChange = band && current && band.layer !== current.layer && !(band.layer === null && current.layer && !v.layers.some((l) => l.id === current.layer));
    if (layerChange) ops.push(updateStatementOp(id, { layer: band!.layer }));
    void commit(ops, id, (view) => {
      let next = withPositions(view, positions);
      if (layerChange) next = withStatementPatch(next, id, { layer: band!.layer });
      return next;
    }).then(() => setDragging(new Map()));
  }, [layoutToSave]);

  const removeSelected = useCallback((cascade = false) => {
    const v = viewRef.current; if (!v || !selection) return;
    if (selection.kind === "statement") {
      const s = v.statements[selection.id]; if (!s) return;
      if (s.child_count > 0 && !cascade) { setConfirmRemove(s.id); return; }
      setConfirmRemove(null);
      void commit([removeStatementOp(s.id, cascade)], s.id, (view) => withoutStatement(view, s.id)).then((ids) => { if (ids) setSelection(null); });
    } else {
      const index = v.links.findIndex((l) => l.from === selection.from && l.to === selection.to);
      if (index < 0) return;
      const { from, to } = selection;
      void commit(removeLinkOps(v.link_ids[index] ?? []), linkKey(from, to), (view) => withoutLink(view, from, to)).then((ids) => { if (ids) setSelection(null); });
    }
  }, [selection]);

  const arrange = useCallback(async () => {
    const m = modelRef.current; const v = viewRef.current; if (!v || !m.boxes.length) return;
    setArranging(true);
    try {
      const centres = await autoArrange(m.boxes.map((b) => ({ id: b.id, layer: b.layer, width: b.width, height: b.height })), v.links, v.layers);
      const positions = new Map([...centres].map(([id, p]) => [id, { x: p.x / m.scale, y: p.y / m.scale }]));
      await commit(setPositionsOps(positions), "map", (view) => withPositions(view, positions));
      canvas.current?.fit();
    } finally { setArranging(false); }
  }, []);

  const nudge = useRef<{ id: string; centre: Position; timer: number } | null>(null);
  const nudgeSelected = useCallback((dx: number, dy: number) => {
    if (selection?.kind !== "statement") return;
    const box = modelRef.current.byId.get(selection.id); if (!box) return;
    const start = nudge.current?.id === selection.id ? nudge.current.centre : { x: box.x, y: box.y };
    const centre = { x: start.x + dx, y: start.y + dy };
    if (nudge.current) window.clearTimeout(nudge.current.timer);
    const id = selection.id;
    setDragging(new Map([[id, centre]]));
    nudge.current = { id, centre, timer: window.setTimeout(() => {
      nudge.current = null;
      const bands = modelRef.current.bands;
      drop(id, centre, bands.find((b) => centre.y >= b.top && centre.y < b.bottom) ?? null);
    }, 500) };
  }, [selection, drop]);

  // Keyboard paths for every map action.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement;
      if (target.closest("input, textarea, select, [contenteditable]") || event.ctrlKey || event.metaKey) return;
      const v = viewRef.current; if (!v || route.outline || route.members || route.scorecard || route.dashboard || route.measure || route.page) return;
      const selected = selection?.kind === "statement" ? v.statements[selection.id] : null;
      const step = event.shiftKey ? 80 : 16;
      if (!canEdit && (["n", "N", "l", "L", "Delete", "Backspace"].includes(event.key) || (event.key === "A" && event.shiftKey))) return;
      switch (event.key) {
        case "n": case "N": event.preventDefault(); addAtCentre(); break;
        case "l": case "L": if (selected) { event.preventDefault(); setLinkFrom(selected.id); } break;
        case "Delete": case "Backspace": if (selection) { event.preventDefault(); removeSelected(false); } break;
        case "Enter":
          if (linkFrom && selected && selected.id !== linkFrom) { event.preventDefault(); void createLink(linkFrom, selected.id); }
          else if (selected?.child_count) { event.preventDefault(); void navigate(selected.id); }
          break;
        case "Escape": setLinkFrom(null); setConfirmRemove(null); setSelection(null); clearRefusal(); (document.activeElement as HTMLElement | null)?.blur?.(); break;
        case "u": case "U":
          if (v.breadcrumb.length) { event.preventDefault(); go({ coalition: v.coalition.id, root: v.breadcrumb.length > 1 ? v.breadcrumb[v.breadcrumb.length - 2].id : "top", outline: false, analysis: route.analysis }); }
          break;
        case "?": setHelp((h) => !h); break;
        case "p": case "P": setFocusMode((f) => !f); window.setTimeout(() => canvas.current?.fit(), 50); break;
        case "0": case "f": case "F": canvas.current?.fit(); break;
        case "+": case "=": canvas.current?.zoomBy(1.3); break;
        case "-": case "_": canvas.current?.zoomBy(1 / 1.3); break;
        case "a": case "A": if (event.shiftKey) { event.preventDefault(); void arrange(); } break;
        case "ArrowLeft": event.preventDefault(); if (selected && canEdit) nudgeSelected(-step, 0); else canvas.current?.panBy(80, 0); break;
        case "ArrowRight": event.preventDefault(); if (selected && canEdit) nudgeSelected(step, 0); else canvas.current?.panBy(-80, 0); break;
        case "ArrowUp": event.preventDefault(); if (selected && canEdit) nudgeSelected(0, -step); else canvas.current?.panBy(0, 80); break;
        case "ArrowDown": event.preventDefault(); if (selected && canEdit) nudgeSelected(0, step); else canvas.current?.panBy(0, -80); break;
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [selection, linkFrom, route.outline, route.members, route.page, route.analysis, route.scorecard, route.dashboard, route.measure, canEdit, addAtCentre, removeSelected, createLink, navigate, go, arrange, nudgeSelected]);

  const select = useCallback((next: Selection) => {
    setSelection(next); setConfirmRemove(null); setJustAdded(null);
    if (next?.kind === "statement") canvas.current?.reveal(next.id);
  }, []);

  const actions: PanelActions = useMemo(() => ({
    updateStatement: (id, set, baseRevision) => {
      if ("title" in set && !String(set.title).trim()) { showRefusal(id, "An objective needs a title."); return; }
      void commit([updateStatementOp(id, set)], id, (v) => withStatementPatch(v, id, set), baseRevision);
    },
    updateLink: (linkId, key, set) => {
      void commit([{ op: "update_link", id: linkId, set }], key, (v) => {
        const d = v.link_details[linkId];
        return d ? { ...v, link_details: { ...v.link_details, [linkId]: { ...d, ...set } } } : v;
      });
    },
    removeStatement: (id, cascade) => {
      setConfirmRemove(null);
      void commit([removeStatementOp(id, cascade)], id, (v) => withoutStatement(v, id)).then((ids) => { if (ids) setSelection(null); });
    },
    askRemove: () => removeSelected(false),
    cancelRemove: () => setConfirmRemove(null),
    removeLink: () => removeSelected(false),
    open: (id) => void navigate(id),
    startLink: (id) => setLinkFrom(id),
    select,
  }), [removeSelected, navigate, select]);

  const coalitionName = coalitions?.find((c) => c.id === route.coalition)?.name ?? view?.coalition.name ?? "";
  const mapRefusal = refusal && (refusal.target === "map" || (view && !view.statements[refusal.target] && !refusal.target.startsWith("link:") && !refusal.target.startsWith("work:"))) ? refusal : null;
  const work = useWork((s) => s.work);
  const focusOrg = useWork((s) => s.focusOrg);
  const parents = useWork((s) => s.parents);
  const markUnclaimed = useWork(unclaimedShown);
  const marks = useMemo(() => (view ? workMarks(view, work, parents, focusOrg, markUnclaimed) : null), [view, work, parents, focusOrg, markUnclaimed]);
  const revision = view?.revision ?? -1;
  const session = useSession();
  const myOrgs = useMemo(() => work?.people.filter((p) => session.user && p.account === session.user.id).flatMap((p) => p.organisations) ?? [],
    [work, session.user]);
  /** Shows a statement on the map, at the level where it sits, selected. */
  const openStatement = (id: string) => {
    if (route.coalition === null) return;
    const root = getWork().parents[id] ?? view?.statements[id]?.parent ?? "top";
    go({ coalition: route.coalition, root, outline: false });
    window.setTimeout(() => select({ kind: "statement", id }), root !== view?.root ? 700 : 100);
  };
  const onMap = !route.outline && !route.history && !route.members && !route.page && !offMap;
  const tab = (label: string, active: boolean, next: Partial<Route>) => (
    <button className={`view-tab ${active ? "active" : ""}`} aria-current={active ? "page" : undefined}
      onClick={() => route.coalition !== null && go({ coalition: route.coalition, root: next.page ? "top" : route.root, outline: false, ...next })}>{label}</button>
  );
  const workNav = route.coalition !== null && route.page ? <WorkNav coalition={route.coalition} page={route.page} /> : null;

  return (
    <div className="app">
      <header className="topbar">
        <div className="brand" aria-label="coalign">co<span>align</span></div>
        <CoalitionPicker current={route.coalition} coalitions={coalitions ?? []} onPick={(id) => go({ coalition: id, root: "top", outline: route.outline, members: route.members })} />
        <nav className="views" aria-label="Views">
          {tab("Map", onMap && !route.analysis && !route.progress, {})}
          {tab("Progress", !!route.progress, { progress: true })}
          {tab("Scorecard", !!route.scorecard || !!route.measure, { scorecard: true })}
          {tab("Dashboard", !!route.dashboard, { dashboard: true })}
          {tab("Outline", !!route.outline, { outline: true })}
          {tab("Who does what", !!route.page, { page: route.page ?? "organisations" })}
          {tab("History", !!route.history, { history: true })}
          {tab("Members", !!route.members, { members: true })}
          {tab("Analysis", onMap && !!route.analysis, { analysis: true })}
        </nav>
        <WhoIsHere />
        <div className="save-state" role="status" aria-live="polite">
          {pending > 0 ? "Saving…" : loading ? "Loading…" : view ? `Saved · revision ${view.revision}` : ""}
        </div>
        <UserMenu />
      </header>
      {loadError && !view && <div className="load-error" role="alert">Cannot load the map: {loadError}</div>}
      {coalitions && coalitions.length === 0 && route.coalition === null && (
        <div className="load-error">No coalitions yet. Create one with “New coalition” above.</div>
      )}
      {view && route.outline && (
        <main className="outline-main"><Outline coalitionId={view.coalition.id} name={coalitionName} revision={view.revision}
          onShow={(root, id) => { go({ coalition: view.coalition.id, root, outline: false }); window.setTimeout(() => setSelection({ kind: "statement", id }), 400); }} /></main>
      )}
      {view && route.history && <main className="history-main"><HistoryView coalition={view.coalition.id} /></main>}
      {route.members && route.coalition !== null && (
        <main className="members-main"><MembersPanel coalition={route.coalition} name={coalitionName} />
          <PublishPanel coalition={route.coalition} name={coalitionName} role={role} /></main>
      )}
      {route.coalition !== null && route.scorecard && (
        <Scorecard coalition={route.coalition} onOpenMeasure={(id) => go({ ...mapOnly(route), measure: id })}
          onShowStatement={(id, parent) => { go({ coalition: route.coalition, root: parent ?? "top", outline: false, progress: true }); window.setTimeout(() => setSelection({ kind: "statement", id }), 400); }}
          onImport={canEdit ? () => setImportFor(null) : undefined} readOnly={canEdit ? undefined : readOnlyTitle} />
      )}
      {route.coalition !== null && route.dashboard && (
        <Suspense fallback={<main className="dashboard-main"><p className="muted">Loading…</p></main>}><Dashboard coalition={route.coalition} onOpenMeasure={(id) => go({ ...mapOnly(route), measure: id })} /></Suspense>
      )}
      {route.coalition !== null && route.measure && (
        <Suspense fallback={<main className="measure-page"><p className="muted">Loading…</p></main>}><MeasurePage key={route.measure} coalition={route.coalition} measureId={route.measure} readOnly={canEdit ? undefined : readOnlyTitle}
          statementTitle={(id) => progress.tree?.statements.find((s) => s.id === id)?.title ?? view?.statements[id]?.title ?? id}
          onBack={(statement) => {
            const parent = statement ? progress.tree?.statements.find((s) => s.id === statement)?.parent ?? null : null;
            go({ coalition: route.coalition, root: parent ?? "top", outline: false, progress: true });
            if (statement) window.setTimeout(() => setSelection({ kind: "statement", id: statement }), 400);
          }} /></Suspense>
      )}
      {importFor !== false && route.coalition !== null && (
        <ImportDialog coalition={route.coalition} statements={progress.tree?.statements ?? []} statement={importFor}
          onClose={() => setImportFor(false)}
          onDone={(r) => { setImportFor(false); setImportNote(`Imported ${r.points.toLocaleString("en-US")} data points into ${r.measures.length} measure${r.measures.length === 1 ? "" : "s"}.`); }} />
      )}
      {importNote && <div className="import-note" role="status">{importNote} <button className="btn small ghost" onClick={() => setImportNote(null)}>×</button></div>}
      {view && route.page === "organisations" && (
        <main className="work-main">{workNav}<OrganisationsPage coalition={view.coalition.id} org={route.org} readOnly={workReadOnly} editorOnly={canEdit ? undefined : "only editors change this; contributors record their own organisation's pledges and milestones"}
          onShowOnMap={(org) => { setFocusOrg(org); go({ coalition: view.coalition.id, root: "top", outline: false }); }} onOpenStatement={openStatement} /></main>
      )}
      {view && route.page === "opportunities" && (
        <main className="work-main">{workNav}<OpportunitiesPage load={() => workApi.opportunities(view.coalition.id)} revision={revision}
          shareUrl={window.location.href} onOpenStatement={openStatement} /></main>
      )}
      {view && route.page === "resources" && <main className="work-main">{workNav}<ResourceTotals coalition={view.coalition.id} /></main>}
      {view && route.page === "me" && (
        <main className="work-main">{workNav}<MePage coalition={view.coalition.id} readOnly={workReadOnly} onOpenStatement={openStatement} /></main>
      )}
      {view && onMap && (
        <div className={`workspace ${focusMode ? "focus-mode" : ""}`}>
          {!focusMode && <Sidebar view={view} themeFocus={themeFocus} onNavigate={(root) => void go({ coalition: view.coalition.id, root, outline: false, analysis: route.analysis })} onThemeFocus={setThemeFocus}>
            <OrgFilter coalition={view.coalition.id} />
          </Sidebar>}
          <main className="map-main">
            <div className="toolbar" role="toolbar" aria-label="Map tools">
              {canEdit ? (
                <>
                  <button className="btn primary" onClick={addAtCentre} title="Add an objective (N), or double-click empty space">+ Add objective <kbd>N</kbd></button>
                  <button className="btn" disabled={selection?.kind !== "statement"} onClick={() => selection?.kind === "statement" && setLinkFrom(selection.id)}
                    title="Link the selected objective to another (L), or drag the arrow handle on a box">Link <kbd>L</kbd></button>
                  <button className="btn" onClick={() => void arrange()} disabled={arranging} title="Arrange the map in its layer bands (Shift+A)">{arranging ? "Arranging…" : "Auto-arrange"} <kbd>⇧A</kbd></button>
                </>
              ) : (
                // Disabled buttons get no pointer events, so the tooltip sits on a wrapper.
                <span className="read-only-tools" title={readOnlyTitle} data-read-only={role ?? ""}>
                  <button className="btn primary" disabled title={readOnlyTitle}>+ Add objective</button>
                  <button className="btn" disabled title={readOnlyTitle}>Link</button>
                  <span className="edit-note">{role === undefined ? "Checking your role…" : `View only: ${readOnlyTitle}`}</span>
                </span>
              )}
              <span className="toolbar-gap" />
              <button className="btn icon" onClick={() => canvas.current?.zoomBy(1 / 1.3)} aria-label="Zoom out" title="Zoom out (−)">−</button>
              <button className="btn icon" onClick={() => canvas.current?.zoomBy(1.3)} aria-label="Zoom in" title="Zoom in (+)">+</button>
              <button className="btn" onClick={() => canvas.current?.fit()} title="Fit the map to the screen (0)">Fit <kbd>0</kbd></button>
              <button className="btn" onClick={() => { setFocusMode((f) => !f); window.setTimeout(() => canvas.current?.fit(), 50); }} aria-pressed={focusMode}
                title="Hide the side columns to give the map the whole screen (P)">{focusMode ? "Show sidebar" : "Present"} <kbd>P</kbd></button>
              <button className="btn icon" onClick={() => setHelp((h) => !h)} aria-label="Help" aria-expanded={help} title="How to use the map (?)">?</button>
            </div>
            {route.progress && <StatusLegend counts={status.counts} asOf={progress.asOf}><AsOfControl asOf={progress.asOf} /></StatusLegend>}
            {help && <MapHelp onClose={() => setHelp(false)} />}
            {linkFrom && view.statements[linkFrom] && (
              <div className="mode-banner" role="status">
                Linking from <strong>“{view.statements[linkFrom].title}”</strong>: click the objective it might lead to (or Tab to it and press Enter). <kbd>Esc</kbd> cancels.
              </div>
            )}
            {mapRefusal && <div className="map-refusal"><RefusalNote message={mapRefusal.message} /></div>}
            {view.visible.length === 0 && (
              <div className="empty-map">
                <p>This map is empty.</p>
                {canEdit && <button className="btn primary" onClick={addAtCentre}>+ Add the first objective</button>}
              </div>
            )}
            <MapCanvas ref={canvas} view={view} model={model} selection={selection} linkFrom={linkFrom} previousRoot={previousRoot}
              refusal={refusal} themeFocus={themeFocus} readOnly={!canEdit}
              onSelect={(s) => { if (linkFrom && s?.kind === "statement" && s.id !== linkFrom) void createLink(linkFrom, s.id); else select(s); }}
              onOpen={(id) => void navigate(id)}
              onDrag={(id, centre) => setDragging(centre ? new Map([[id, centre]]) : new Map())}
              onDrop={drop} onCreateLink={(a, b) => void createLink(a, b)} onAddAt={(c, b) => void addAt(c, b)}
              overlay={route.analysis ? overlay : route.progress ? status.overlay : null} work={route.analysis || route.progress ? null : marks} />
          </main>
          {route.analysis ? (
            <AnalysisPanel key={view.coalition.id} view={view} onOverlay={setOverlay} onNavigate={(root) => void navigate(root)}
              onShow={(root, id) => {
                if (root !== view.root) go({ coalition: view.coalition.id, root, outline: false, analysis: true });
                window.setTimeout(() => select({ kind: "statement", id }), root !== view.root ? 700 : 0);
              }} />
          ) : (
            <DetailsPanel view={view} selection={selection} refusal={refusal} confirmRemove={confirmRemove} justAdded={justAdded} actions={actions}
              readOnly={canEdit ? undefined : readOnlyTitle}
              measures={(id) => <MeasuresSection coalition={view.coalition.id} statement={id} readOnly={canEdit ? undefined : readOnlyTitle}
                onOpenMeasure={(m) => go({ ...mapOnly(route), measure: m })} onImport={canEdit ? () => setImportFor(id) : undefined} />}
              work={(id) => <StatementWork key={id} coalition={view.coalition.id} statement={id} readOnly={workReadOnly} mine={canEdit ? null : myOrgs} />}
              comments={(target) => <CommentsSection key={`${target.kind}:${target.id}`} coalition={view.coalition.id} kind={target.kind}
                target={target.id} revision={view.revision} role={role} />} />
          )}
          {!route.analysis && !selection && <CoalitionDiscussion coalition={view.coalition.id} revision={view.revision} role={role} />}
        </div>
      )}
    </div>
  );
}

/** "Who is here": everyone with this coalition open, this tab first. */
function WhoIsHere() {
  const people = useMapStore((s) => s.people);
  const me = useMapStore((s) => s.me);
  const live = useMapStore((s) => s.live);
  const ordered = [...people].sort((a, b) => Number(b.session === me) - Number(a.session === me));
  const shown = ordered.length > 5 ? 4 : ordered.length; // the rest as "+N", named on hover
  return (
    <div className="who-is-here" aria-label="Who is here">
      {live === "reconnecting" && <span className="live-state" role="status">Reconnecting…</span>}
      {ordered.slice(0, shown).map((person: Person) => (
        <span key={person.session} className={`avatar ${person.session === me ? "me" : ""}`} style={{ background: person.color }}
          title={person.session === me ? `${person.name} (you)` : person.name} data-person={person.name}>
          {initials(person.name)}
        </span>
      ))}
      {ordered.length > shown && (
        <span className="avatar more" title={ordered.slice(shown).map((p) => p.name).join(", ")}
          aria-label={`and ${ordered.length - shown} more: ${ordered.slice(shown).map((p) => p.name).join(", ")}`}>
          +{ordered.length - shown}
        </span>
      )}
    </div>
  );
}

function initials(name: string): string {
  const words = name.replace(/<.*>/, "").trim().split(/[\s@.]+/).filter(Boolean);
  return ((words[0]?.[0] ?? "?") + (words.length > 1 ? words[1][0] : "")).toUpperCase();
}

function CoalitionPicker({ current, coalitions, onPick }: { current: number | null; coalitions: { id: number; name: string }[]; onPick(id: number): void }) {
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState("");
  const refusal = useMapStore((s) => (s.refusal?.target === "coalition" ? s.refusal.message : null));
  if (naming) {
    return (
      <form className="coalition-new" onSubmit={async (e) => {
        e.preventDefault();
        if (!name.trim()) return;
        const id = await createCoalition(name.trim());
        if (id !== null) { setNaming(false); setName(""); onPick(id); }
      }}>
        <input autoFocus aria-label="Name of the new coalition" placeholder="Name of the coalition" value={name} onChange={(e) => setName(e.target.value)}
          onKeyDown={(e) => { if (e.key === "Escape") setNaming(false); }} />
        <button className="btn primary" type="submit">Create</button>
        <button className="btn" type="button" onClick={() => setNaming(false)}>Cancel</button>
        {refusal && <RefusalNote message={refusal} />}
      </form>
    );
  }
  return (
    <div className="coalition-picker">
      <label className="sr-only" htmlFor="coalition-select">Coalition</label>
      <select id="coalition-select" value={current ?? ""} onChange={(e) => onPick(Number(e.target.value))}>
        {current === null && <option value="">Choose a coalition…</option>}
        {coalitions.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
      </select>
      <button className="btn small ghost coalition-add" aria-label="New coalition" title="New coalition" onClick={() => setNaming(true)}>
        <span className="wide-only">New coalition</span><span className="narrow-only" aria-hidden="true">+</span>
      </button>
    </div>
  );
}
