// The public, read-only mode at /p/{token}: the published map (zoomable, with who-does-what
// badges) and the opportunities page, without signing in and without any editing control.
// People's names appear only when the publication shows them (the server redacts the rest).
// It re-reads every few seconds so an embedded page stays current.
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { ApiError } from "../api/client";
import type { MapView } from "../api/types";
import { publicApi, type Work } from "../api/work";
import { MapCanvas, type CanvasHandle } from "../map/MapCanvas";
import { useMapModel } from "../map/useMapModel";
import type { Selection } from "../map/selection";
import { OpportunitiesPage } from "../opportunities/OpportunitiesPage";
import { workMarks } from "../organisations/mapMarks";
import { indexWork } from "../store/workStore";
import "../organisations/work.css";

const POLL_MS = 10_000;

function useHashRoute(): [string, (h: string) => void] {
  const [hash, setHash] = useState(window.location.hash);
  useEffect(() => {
    const onChange = () => setHash(window.location.hash);
    window.addEventListener("hashchange", onChange);
    return () => window.removeEventListener("hashchange", onChange);
  }, []);
  return [hash, (h) => { window.location.hash = h; }];
}

export function PublicApp({ token }: { token: string }) {
  const [hash, go] = useHashRoute();
  const opportunities = hash === "#/opportunities";
  const inMatch = hash.match(/^#\/in\/([^/]+)$/);
  const root = inMatch ? decodeURIComponent(inMatch[1]) : "top";
  const [view, setView] = useState<MapView | null>(null);
  const [work, setWork] = useState<Work | null>(null);
  const [gone, setGone] = useState<string | null>(null);
  const [revision, setRevision] = useState(0);
  const [selection, setSelection] = useState<Selection>(null);
  const canvas = useRef<CanvasHandle>(null);

  const load = useCallback(async () => {
    try {
      const next = await publicApi.view(token, root);
      setView((old) => (old && old.revision === next.revision && old.root === next.root ? old : next));
      setRevision(next.revision);
      setGone(null);
    } catch (e) {
      setGone(e instanceof ApiError && (e.status === 404 || e.status === 410)
        ? "This public link does not exist or has been revoked." : `Cannot load the map: ${e instanceof Error ? e.message : String(e)}`);
    }
  }, [token, root]);
  useEffect(() => {
    void load();
    const timer = window.setInterval(() => void load(), POLL_MS);
    return () => window.clearInterval(timer);
  }, [load]);
  useEffect(() => {
    let live = true;
    publicApi.work(token).then((w) => { if (live) setWork(w); }).catch(() => { if (live) setWork(null); });
    return () => { live = false; };
  }, [token, revision]);
  useEffect(() => { setSelection(null); }, [root]);

  const model = useMapModel(view, useMemo(() => new Map(), []));
  const marks = useMemo(() => (view ? workMarks(view, work, null, null) : null), [view, work]);
  const name = view?.coalition.name ?? "";
  useEffect(() => { if (name) document.title = `${name} — coalign`; }, [name]);

  if (gone) return <div className="public-app"><div className="public-gone" role="alert"><h1>Not available</h1><p>{gone}</p></div></div>;
  return (
    <div className="app public-app">
      <header className="topbar">
        <div className="brand" aria-label="coalign">co<span>align</span></div>
        <div className="public-title">{name}</div>
        <nav className="views" aria-label="Views">
          <button className={`view-tab ${!opportunities ? "active" : ""}`} aria-current={!opportunities ? "page" : undefined} onClick={() => go(root === "top" ? "#/" : `#/in/${encodeURIComponent(root)}`)}>Map</button>
          <button className={`view-tab ${opportunities ? "active" : ""}`} aria-current={opportunities ? "page" : undefined} onClick={() => go("#/opportunities")}>Opportunities</button>
        </nav>
        <span className="public-note">Public view · read-only</span>
      </header>
      {opportunities ? (
        <main className="work-main">
          <OpportunitiesPage load={() => publicApi.opportunities(token)} revision={revision} shareUrl={window.location.href} />
        </main>
      ) : view && (
        <div className="workspace public-workspace">
          <nav className="sidebar" aria-label="Where you are">
            <h2 className="side-heading">You are here</h2>
            <ol className="breadcrumb">
              {[{ id: "top", title: view.coalition.name }, ...view.breadcrumb].map((c, i, all) => (
                <li key={c.id} style={{ paddingLeft: i * 12 }}>
                  {i === all.length - 1 ? <span className="crumb current" aria-current="page">{c.title}</span>
                    : <button className="crumb" onClick={() => go(c.id === "top" ? "#/" : `#/in/${encodeURIComponent(c.id)}`)}>{c.title}</button>}
                </li>
              ))}
            </ol>
            <h2 className="side-heading">Themes</h2>
            <ul className="legend">{view.themes.map((t) => <li key={t.id} className="legend-item"><span className="swatch" style={{ background: t.color }} /><span className="legend-name">{t.name}</span></li>)}</ul>
            <h2 className="side-heading">Badges</h2>
            <ul className="key work-key">
              <li><span className="key-pill adv">◉ n</span> lead advocates</li>
              <li><span className="key-pill con">▦ n</span> contributing organisations</li>
              <li><span className="key-pill team">◉◉ n</span> action teams</li>
              <li><span className="key-pill unclaimed">Unclaimed</span> nobody works on it yet</li>
            </ul>
          </nav>
          <main className="map-main">
            <div className="toolbar" role="toolbar" aria-label="Map tools">
              <span className="toolbar-gap" />
              <button className="btn icon" onClick={() => canvas.current?.zoomBy(1 / 1.3)} aria-label="Zoom out">−</button>
              <button className="btn icon" onClick={() => canvas.current?.zoomBy(1.3)} aria-label="Zoom in">+</button>
              <button className="btn" onClick={() => canvas.current?.fit()}>Fit</button>
            </div>
            <MapCanvas ref={canvas} view={view} model={model} selection={selection} linkFrom={null} previousRoot={null} refusal={null}
              themeFocus={null} readOnly work={marks}
              onSelect={(s) => setSelection(s?.kind === "statement" ? s : null)}
              onOpen={(id) => go(`#/in/${encodeURIComponent(id)}`)}
              onDrag={() => {}} onDrop={() => {}} onCreateLink={() => {}} onAddAt={() => {}} />
          </main>
          {selection?.kind === "statement" && view.statements[selection.id] && (
            <PublicDetails view={view} id={selection.id} work={work} onClose={() => setSelection(null)} onOpen={(id) => go(`#/in/${encodeURIComponent(id)}`)} />
          )}
        </div>
      )}
    </div>
  );
}

function PublicDetails({ view, id, work, onClose, onOpen }: { view: MapView; id: string; work: Work | null; onClose(): void; onOpen(id: string): void }) {
  const s = view.statements[id];
  const ix = indexWork(work);
  const advocates = ix.advocatesOf.get(id) ?? [];
  const contributions = ix.contributionsOf.get(id) ?? [];
  const teams = ix.teamsOf.get(id) ?? [];
  return (
    <aside className="panel public-panel" aria-label="Selected objective">
      <button className="panel-close" aria-label="Close details" onClick={onClose}>×</button>
      <div className="panel-kicker">Objective</div>
      <h2 className="public-statement-title">{s.title}</h2>
      {s.description && <p>{s.description}</p>}
      {s.child_count > 0 && <button className="btn primary" onClick={() => onOpen(id)}>Open sub-map ({s.child_count})</button>}
      <section className="panel-section work-section">
        <h3>Lead advocates</h3>
        {advocates.length === 0 ? <p className="muted need">No lead advocate yet.</p>
          : work?.publication?.show_people === false
            ? <p>{advocates.length} lead advocate{advocates.length === 1 ? "" : "s"} <span className="muted small-print">(names are not public)</span></p>
            : <ul className="work-list">{advocates.map((a) => <li key={a.id}>{(a.person && ix.people.get(a.person)?.name) || "A member"}</li>)}</ul>}
        {teams.length > 0 && <><h3>Action team</h3><ul className="work-list">{teams.map((t) => <li key={t.id}>{t.name}</li>)}</ul></>}
        <h3>Contributions</h3>
        {contributions.length === 0 ? <p className="muted need">No organisation contributes yet.</p> : (
          <ul className="work-list">
            {contributions.map((c) => <li key={c.id}><strong>{ix.orgs.get(c.organisation)?.name ?? "An organisation"}</strong> <span className={`role-chip role-${c.role}`}>{c.role}</span>{c.activity && <div className="small-print">{c.activity}</div>}</li>)}
          </ul>
        )}
      </section>
    </aside>
  );
}
