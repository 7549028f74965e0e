// The right-hand panel: details of the selected statement or link, editable in place.
import type { ReactNode } from "react";
import type { MapView, Polarity } from "../api/types";
import type { Refusal } from "../store/mapStore";
import { linkKey, type Selection } from "../map/selection";
import { RefusalNote, SelectField, TextField } from "./fields";

export interface PanelActions {
  /** baseRevision: the revision the person saw when they started typing, when older. */
  updateStatement(id: string, set: Record<string, unknown>, baseRevision?: number): void;
  updateLink(linkId: string, key: string, set: Record<string, unknown>): void;
  removeStatement(id: string, cascade: boolean): void;
  askRemove(): void;
  cancelRemove(): void;
  removeLink(from: string, to: string): void;
  open(id: string): void;
  startLink(id: string): void;
  select(selection: Selection): void;
}

interface Props {
  view: MapView;
  selection: Selection;
  refusal: Refusal | null;
  confirmRemove: string | null;
  justAdded: string | null;
  actions: PanelActions;
  /** Set (to the reason, shown as a tooltip) when this person may only look. */
  readOnly?: string;
  /** The selected item's comments, shown at the bottom (DESIGN.md §4a). */
  comments?: (target: { kind: "statement" | "link"; id: string }) => ReactNode;
  /** The selected statement's measures (issue 4), shown under its actions. */
  measures?: (statement: string) => ReactNode;
  /** Who does what on the selected statement (advocates, teams, contributions, resources). */
  work?: (statement: string) => ReactNode;
}

function Close({ onClose }: { onClose(): void }) {
  return <button className="panel-close" aria-label="Close details (Esc)" title="Close (Esc)" onClick={onClose}>×</button>;
}

const STATUSES = ["proposed", "agreed", "retired"];

export function DetailsPanel({ view, selection, refusal, confirmRemove, justAdded, actions, readOnly, comments, measures, work }: Props) {
  if (!selection) return null;
  if (selection.kind === "statement") {
    const s = view.statements[selection.id];
    if (!s) return null;
    const theme = view.themes.find((t) => t.id === s.theme);
    const outgoing = view.links.filter((l) => l.from === s.id);
    const incoming = view.links.filter((l) => l.to === s.id);
    const external = view.external[s.id];
    const title = (id: string) => view.statements[id]?.title ?? id;
    const message = refusal?.target === s.id ? refusal.message : null;
    return (
      <aside className="panel" aria-label="Selected objective">
        <Close onClose={() => actions.select(null)} />
        <div className="panel-kicker" style={{ borderColor: theme?.color ?? "#8a94a3" }}>Objective</div>
        <RefusalNote message={message} />
        <fieldset className="edit-fields" disabled={!!readOnly} title={readOnly}>
        <TextField key={`t-${s.id}`} label="Title" value={s.title} autoFocusSelect={justAdded === s.id} revision={view.revision}
          onCommit={(v, base) => actions.updateStatement(s.id, { title: v }, base)} />
        <TextField key={`d-${s.id}`} label="Description" value={s.description ?? ""} multiline placeholder="What this change means, in a few sentences"
          revision={view.revision} onCommit={(v, base) => actions.updateStatement(s.id, { description: v }, base)} />
        <div className="field-row">
          <SelectField label="Layer" value={s.layer ?? ""}
            options={[{ value: "", label: "— no layer —" }, ...view.layers.map((l) => ({ value: l.id, label: l.name }))]}
            onCommit={(v) => actions.updateStatement(s.id, { layer: v || null })} />
          <SelectField label="Status" value={s.status || "proposed"}
            options={[...new Set([...STATUSES, s.status || "proposed"])].map((v) => ({ value: v, label: v[0].toUpperCase() + v.slice(1) }))}
            onCommit={(v) => actions.updateStatement(s.id, { status: v })} />
        </div>
        <SelectField label="Theme" value={s.theme ?? ""}
          options={[{ value: "", label: "— no theme —" }, ...view.themes.map((t) => ({ value: t.id, label: t.name }))]}
          onCommit={(v) => actions.updateStatement(s.id, { theme: v || null })} />
        </fieldset>
        <div className="panel-actions">
          {s.child_count > 0 && (
            <button className="btn primary" onClick={() => actions.open(s.id)}>Open sub-map ({s.child_count}) <kbd>Enter</kbd></button>
          )}
          {!readOnly && <button className="btn" onClick={() => actions.startLink(s.id)}>Link to… <kbd>L</kbd></button>}
        </div>
        {measures?.(s.id)}
        <section className="panel-section">
          <h3>Leads to</h3>
          {outgoing.length === 0 ? <p className="muted">No links on this map.</p> : (
            <ul className="link-list">
              {outgoing.map((l) => (
                <li key={l.to}><button className="linklike" onClick={() => actions.select({ kind: "link", from: l.from, to: l.to })}>
                  <span className={`sign ${l.polarity}`}>{signText(l.polarity)}</span> {title(l.to)}{l.count > 1 ? ` (${l.count} links)` : ""}
                </button></li>
              ))}
            </ul>
          )}
          <h3>Comes from</h3>
          {incoming.length === 0 ? <p className="muted">No links on this map.</p> : (
            <ul className="link-list">
              {incoming.map((l) => (
                <li key={l.from}><button className="linklike" onClick={() => actions.select({ kind: "link", from: l.from, to: l.to })}>
                  <span className={`sign ${l.polarity}`}>{signText(l.polarity)}</span> {title(l.from)}{l.count > 1 ? ` (${l.count} links)` : ""}
                </button></li>
              ))}
            </ul>
          )}
          {external && (external.in > 0 || external.out > 0) && (
            <p className="muted">Beyond this map: {external.in} link{external.in === 1 ? "" : "s"} in, {external.out} out.</p>
          )}
        </section>
        {work?.(s.id)}
        {!readOnly && <section className="panel-section danger-zone">
          {confirmRemove === s.id ? (
            <div className="confirm" role="alertdialog" aria-label="Remove objective with sub-map">
              <p><strong>“{s.title}”</strong> holds a sub-map of {s.descendant_count} objective{s.descendant_count === 1 ? "" : "s"}.
                Removing it removes them and their links too.</p>
              <div className="panel-actions">
                <button className="btn danger" autoFocus onClick={() => actions.removeStatement(s.id, true)}>Remove with its sub-map</button>
                <button className="btn" onClick={actions.cancelRemove}>Keep it</button>
              </div>
            </div>
          ) : (
            <button className="btn danger-outline" onClick={actions.askRemove}>Remove objective <kbd>Del</kbd></button>
          )}
        </section>}
        {comments?.({ kind: "statement", id: s.id })}
      </aside>
    );
  }
  const index = view.links.findIndex((l) => l.from === selection.from && l.to === selection.to);
  if (index < 0) return null;
  const link = view.links[index];
  const details = (view.link_ids[index] ?? []).map((id) => view.link_details[id]).filter(Boolean);
  const key = linkKey(link.from, link.to);
  const message = refusal?.target === key ? refusal.message : null;
  const title = (id: string) => view.statements[id]?.title ?? id;
  const single = details.length === 1 ? details[0] : null;
  return (
    <aside className="panel" aria-label="Selected link">
      <Close onClose={() => actions.select(null)} />
      <div className="panel-kicker">Link · might lead to</div>
      <RefusalNote message={message} />
      <p className="link-ends">
        <button className="linklike strong" onClick={() => actions.select({ kind: "statement", id: link.from })}>{title(link.from)}</button>
        <span className="link-arrow" aria-label="might lead to">↓ {signText(link.polarity)} might lead to</span>
        <button className="linklike strong" onClick={() => actions.select({ kind: "statement", id: link.to })}>{title(link.to)}</button>
      </p>
      {single ? (
        <fieldset className="edit-fields" disabled={!!readOnly} title={readOnly}>
          <fieldset className="field polarity">
            <legend className="field-label">Polarity</legend>
            {([[1, "+ More leads to more"], [-1, "− More leads to less"], [0, "? Not specified"]] as [Polarity, string][]).map(([value, text]) => (
              <label key={value} className={`radio ${single.polarity === value ? "checked" : ""}`}>
                <input type="radio" name="polarity" checked={single.polarity === value} onChange={() => actions.updateLink(single.id, key, { polarity: value })} />
                {text}
              </label>
            ))}
          </fieldset>
          <label className="field">
            <span className="field-label">Strength of the hypothesis: {Math.round(single.weight * 100)}%</span>
            <input type="range" min={0} max={1} step={0.05} defaultValue={single.weight} key={`w-${single.id}-${single.weight}`}
              onPointerUp={(e) => actions.updateLink(single.id, key, { weight: Number((e.target as HTMLInputElement).value) })}
              onKeyUp={(e) => actions.updateLink(single.id, key, { weight: Number((e.target as HTMLInputElement).value) })} />
          </label>
          <TextField key={`a-${single.id}`} label="Assumption" value={single.assumption ?? ""} multiline placeholder="Why we think this holds"
            onCommit={(v) => actions.updateLink(single.id, key, { assumption: v })} />
          <TextField key={`e-${single.id}`} label="Evidence" value={single.evidence ?? ""} multiline placeholder="What we have seen"
            onCommit={(v) => actions.updateLink(single.id, key, { evidence: v })} />
        </fieldset>
      ) : (
        <section className="panel-section">
          <h3>{details.length} links between the objectives inside</h3>
          <ul className="link-list">
            {details.map((d) => (
              <li key={d.id}><span className={`sign ${d.polarity === 1 ? "+" : d.polarity === -1 ? "-" : "mixed"}`}>{d.polarity === 1 ? "+" : d.polarity === -1 ? "−" : "?"}</span> {title(d.from)} → {title(d.to)}</li>
            ))}
          </ul>
          <p className="muted">Open the sub-maps to edit these links one by one.</p>
        </section>
      )}
      {!readOnly && <section className="panel-section danger-zone">
        <button className="btn danger-outline" onClick={() => actions.removeLink(link.from, link.to)}>
          Remove {details.length > 1 ? `all ${details.length} links` : "link"} <kbd>Del</kbd>
        </button>
      </section>}
      {single && comments?.({ kind: "link", id: single.id })}
    </aside>
  );
}

/** The how-to card, opened from the toolbar's help button or with "?". */
export function MapHelp({ onClose }: { onClose(): void }) {
  return (
    <div className="help-card" role="dialog" aria-label="How to use the map">
      <button className="panel-close" aria-label="Close help" onClick={onClose}>×</button>
      <h2>Using the map</h2>
      <ul className="hints">
        <li>Click an objective to see and edit it; <kbd>Tab</kbd> moves between objectives.</li>
        <li>Double-click empty space, or press <kbd>N</kbd>, to add an objective.</li>
        <li>Drag the arrow handle on top of a box to another box to link them, or press <kbd>L</kbd> then pick the other box.</li>
        <li>Stacked boxes hold a sub-map: double-click, click “Open”, or press <kbd>Enter</kbd>. <kbd>U</kbd> goes up a level.</li>
        <li>Drag a box to place it; drop it in another band to change its layer. Arrow keys nudge the selected box.</li>
        <li><kbd>Del</kbd> removes the selection. <kbd>⇧A</kbd> arranges the map.</li>
        <li>Scroll to zoom, drag the background to pan, <kbd>0</kbd> fits the map, <kbd>+</kbd> <kbd>−</kbd> zoom.</li>
      </ul>
    </div>
  );
}

function signText(p: string) { return p === "+" ? "+" : p === "-" ? "−" : "±"; }
