// Left column: the zoom breadcrumb and the themes legend.
import type { ReactNode } from "react";
import type { MapView } from "../api/types";

interface Props {
  view: MapView;
  themeFocus: string | null;
  onNavigate(root: string): void;
  onThemeFocus(theme: string | null): void;
  /** More for the column, below the breadcrumb (e.g. the organisation filter). */
  children?: ReactNode;
}

export function Sidebar({ view, themeFocus, onNavigate, onThemeFocus, children }: Props) {
  const counts = new Map<string, number>();
  for (const id of view.visible) {
    const theme = view.statements[id]?.theme;
    if (theme) counts.set(theme, (counts.get(theme) ?? 0) + 1);
  }
  const trail = [{ id: "top", title: view.coalition.name }, ...view.breadcrumb];
  return (
    <nav className="sidebar" aria-label="Where you are and themes">
      <h2 className="side-heading">You are here</h2>
      <ol className="breadcrumb" aria-label="Breadcrumb">
        {trail.map((crumb, index) => {
          const current = index === trail.length - 1;
          return (
            <li key={crumb.id} style={{ paddingLeft: index * 12 }}>
              {current ? <span aria-current="page" className="crumb current">{crumb.title}</span>
                : <button className="crumb" onClick={() => onNavigate(crumb.id)}>{crumb.title}</button>}
            </li>
          );
        })}
      </ol>
      {trail.length > 1 && (
        <button className="btn small" onClick={() => onNavigate(trail[trail.length - 2].id)}>↑ Up one level <kbd>U</kbd></button>
      )}
      {children}
      <h2 className="side-heading">Themes</h2>
      {view.themes.length === 0 ? <p className="muted">No themes yet.</p> : (
        <ul className="legend">
          {view.themes.map((theme) => (
            <li key={theme.id}>
              <button className={`legend-item ${themeFocus === theme.id ? "focused" : ""} ${themeFocus && themeFocus !== theme.id ? "faded" : ""}`}
                aria-pressed={themeFocus === theme.id} title={theme.description || `Highlight ${theme.name}`}
                onClick={() => onThemeFocus(themeFocus === theme.id ? null : theme.id)}>
                <span className="swatch" style={{ background: theme.color }} aria-hidden="true" />
                <span className="legend-name">{theme.name}</span>
                <span className="legend-count">{counts.get(theme.id) ?? 0}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <h2 className="side-heading">Reading the map</h2>
      <ul className="key">
        <li><span className="key-sign pos">+</span> more leads to more</li>
        <li><span className="key-sign neg">−</span> more leads to less</li>
        <li><span className="key-sign mixed">±</span> mixed, <span className="key-count">×3</span> links inside</li>
        <li><span className="key-stack" aria-hidden="true" /> holds a sub-map</li>
      </ul>
    </nav>
  );
}
