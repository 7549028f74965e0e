// The coalition-level thread, offered while nothing on the map is selected.
import { useState } from "react";
import type { Role } from "../auth/api";
import { CommentsSection } from "./CommentsSection";

export function CoalitionDiscussion({ coalition, revision, role }: { coalition: number; revision: number; role: Role | null | undefined }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="coalition-discussion">
      {open ? (
        <aside className="panel" aria-label="Coalition discussion">
          <button className="panel-close" aria-label="Close the discussion" onClick={() => setOpen(false)}>×</button>
          <div className="panel-kicker">Coalition</div>
          <CommentsSection coalition={coalition} kind="coalition" target="" revision={revision} role={role} heading="Discussion" />
        </aside>
      ) : (
        <button className="btn" onClick={() => setOpen(true)} aria-expanded={false}>💬 Coalition discussion</button>
      )}
    </div>
  );
}
