// The outline: the whole containment tree as an indented list, with each objective's
// links written out, for screen readers and for people who prefer text.
import { useEffect, useMemo, useState } from "react";
import { api, type ExportDocument } from "../api/client";

interface Props {
  coalitionId: number;
  name: string;
  revision: number;
  onShow(root: string, id: string): void;
}

export interface OutlineNode { id: string; title: string; children: OutlineNode[] }

export function buildTree(statements: ExportDocument["statements"]): OutlineNode[] {
  const nodes = new Map(statements.map((s) => [s.id, { id: s.id, title: s.title, children: [] as OutlineNode[] }]));
  const roots: OutlineNode[] = [];
  for (const s of statements) {
    const parent = s.parent ? nodes.get(s.parent) : undefined;
    (parent ? parent.children : roots).push(nodes.get(s.id)!);
  }
  return roots;
}

export function Outline({ coalitionId, name, revision, onShow }: Props) {
  const [doc, setDoc] = useState<ExportDocument | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.exportDocument(coalitionId).then(setDoc, (e: Error) => setError(e.message));
  }, [coalitionId, revision]);
  const tree = useMemo(() => (doc ? buildTree(doc.statements) : []), [doc]);
  const byId = useMemo(() => new Map((doc?.statements ?? []).map((s) => [s.id, s])), [doc]);
  if (error) return <p className="refusal" role="alert">{error}</p>;
  if (!doc) return <p className="muted">Loading the outline…</p>;
  const render = (node: OutlineNode, parent: string) => {
    const out = doc.links.filter((l) => l.from === node.id);
    return (
      <li key={node.id}>
        <div className="outline-item">
          <span className="outline-title">{node.title}</span>
          <button className="btn small ghost" onClick={() => onShow(parent, node.id)}>Show on map</button>
        </div>
        {out.length > 0 && (
          <ul className="outline-links" aria-label={`Links from ${node.title}`}>
            {out.map((l, i) => (
              <li key={i}>{l.polarity < 0 ? "− might reduce" : l.polarity > 0 ? "+ might lead to" : "? might affect"} {byId.get(l.to)?.title ?? l.to}</li>
            ))}
          </ul>
        )}
        {node.children.length > 0 && <ul>{node.children.map((c) => render(c, node.id))}</ul>}
      </li>
    );
  };
  return (
    <section className="outline" aria-label="Outline">
      <h1>{name}</h1>
      <p className="muted">{doc.statements.length} objectives, {doc.links.length} links.</p>
      <ul className="outline-tree">{tree.map((n) => render(n, "top"))}</ul>
    </section>
  );
}
