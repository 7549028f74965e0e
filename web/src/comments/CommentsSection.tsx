// Comments at the bottom of the details panel: threads on the selected statement or link
// (or the coalition), replies, resolve/reopen, edit and delete one's own (stewards may
// delete any), and @mention suggestions from the coalition's members.
import { useEffect, useRef, useState } from "react";
import type { Role } from "../auth/api";
import { useSession } from "../auth/session";
import { membersApi, type Member } from "../members/api";
import type { Comment, TargetKind } from "./api";
import { sendComments, useComments } from "./commentStore";
import { insertMention, matchingMembers, mentionQuery } from "./mentions";
import "./comments.css";

interface Props {
  coalition: number;
  kind: TargetKind;
  target: string;
  /** The map's revision: threads re-read when it moves (the live feed moves it). */
  revision: number;
  role: Role | null | undefined;
  heading?: string;
}

const memberCache = new Map<number, Promise<Member[]>>();
function useMembers(coalition: number): Member[] {
  const [members, setMembers] = useState<Member[]>([]);
  useEffect(() => {
    let live = true;
    if (!memberCache.has(coalition)) memberCache.set(coalition, membersApi.list(coalition).then((m) => m.members).catch(() => []));
    void memberCache.get(coalition)!.then((m) => { if (live) setMembers(m); });
    return () => { live = false; };
  }, [coalition]);
  return members;
}

export function CommentsSection({ coalition, kind, target, revision, role, heading }: Props) {
  const entry = useComments(coalition, kind, target, revision);
  const members = useMembers(coalition);
  const session = useSession();
  const me = session.user;
  const [error, setError] = useState<string | null>(null);
  const [showResolved, setShowResolved] = useState(false);
  const canComment = role === "contributor" || role === "editor" || role === "steward" || (role === null && !!me);
  const moderator = role === "steward" || !!me?.admin;
  const comments = entry?.comments ?? [];
  const roots = comments.filter((c) => !c.parent);
  const rootOf = (comment: Comment): string => {
    let cursor: Comment | undefined = comment;
    for (let steps = 0; cursor?.parent && steps < comments.length; steps++) cursor = comments.find((c) => c.id === cursor!.parent);
    return cursor?.id ?? comment.id;
  };
  const open = roots.filter((r) => !r.resolved);
  const resolved = roots.filter((r) => r.resolved);

  async function send(ops: Parameters<typeof sendComments>[3]): Promise<boolean> {
    try {
      await sendComments(coalition, kind, target, ops);
      setError(null);
      return true;
    } catch (failure) {
      setError(failure instanceof Error ? failure.message : String(failure));
      return false;
    }
  }

  const thread = (root: Comment) => (
    <li key={root.id} className={`comment-thread ${root.resolved ? "resolved" : ""}`} data-thread={root.id}>
      <CommentItem comment={root} mine={!!me && me.id === root.author_id} moderator={moderator} canComment={canComment} members={members} send={send} />
      <ul className="comment-replies">
        {comments.filter((c) => c.parent && rootOf(c) === root.id).map((reply) => (
          <li key={reply.id}><CommentItem comment={reply} mine={!!me && me.id === reply.author_id} moderator={moderator} canComment={canComment} members={members} send={send} /></li>
        ))}
      </ul>
      {canComment && (
        <Composer members={members} placeholder="Reply…" submitLabel="Reply" compact
          onSubmit={(body) => send([{ op: "add_comment", comment: { target_kind: kind, target_id: target, parent: root.id, body } }])} />
      )}
    </li>
  );

  return (
    <section className="panel-section comments" aria-label="Comments">
      <h3>{heading ?? "Comments"} {open.length > 0 && <span className="comment-count" aria-label={`${open.length} open`}>{open.length}</span>}</h3>
      {error && <p className="comment-error" role="alert">{error}</p>}
      {entry?.error && <p className="comment-error" role="alert">{entry.error}</p>}
      {entry === undefined ? <p className="muted">Loading comments…</p> : (
        <>
          {open.length === 0 && <p className="muted">No open discussion{resolved.length ? "" : " yet"}.</p>}
          <ul className="comment-threads">{open.map(thread)}</ul>
          {resolved.length > 0 && (
            <button className="linklike" onClick={() => setShowResolved((s) => !s)} aria-expanded={showResolved}>
              {showResolved ? "Hide" : "Show"} {resolved.length} resolved thread{resolved.length === 1 ? "" : "s"}
            </button>
          )}
          {showResolved && <ul className="comment-threads">{resolved.map(thread)}</ul>}
        </>
      )}
      {canComment ? (
        <Composer members={members} placeholder="Add a comment… (@ to mention someone)" submitLabel="Comment"
          onSubmit={(body) => send([{ op: "add_comment", comment: { target_kind: kind, target_id: target, parent: null, body } }])} />
      ) : (
        <p className="muted">{role === undefined ? "" : "Viewers can read the discussion but not comment."}</p>
      )}
    </section>
  );
}

interface ItemProps {
  comment: Comment; mine: boolean; moderator: boolean; canComment: boolean; members: Member[];
  send(ops: Parameters<typeof sendComments>[3]): Promise<boolean>;
}

function CommentItem({ comment, mine, moderator, canComment, members, send }: ItemProps) {
  const [editing, setEditing] = useState(false);
  const when = new Date(comment.created_at);
  return (
    <article className="comment" data-comment={comment.id}>
      <header>
        <strong className="comment-author">{comment.author_name || "Someone"}</strong>
        <time dateTime={comment.created_at} title={when.toLocaleString()}>{relative(when)}</time>
        {comment.edited_at && <span className="muted" title={new Date(comment.edited_at).toLocaleString()}>(edited)</span>}
        {comment.resolved && <span className="comment-resolved-tag">✓ Resolved</span>}
      </header>
      {editing ? (
        <Composer members={members} initial={comment.body} submitLabel="Save" compact onCancel={() => setEditing(false)}
          onSubmit={async (body) => { const ok = await send([{ op: "update_comment", id: comment.id, set: { body } }]); if (ok) setEditing(false); return ok; }} />
      ) : (
        <p className="comment-body">{withMentions(comment.body, members)}</p>
      )}
      <div className="comment-actions">
        {canComment && !comment.parent && (
          <button className="linklike" onClick={() => void send([{ op: "resolve_comment", id: comment.id, resolved: !comment.resolved }])}>
            {comment.resolved ? "Reopen" : "Resolve"}
          </button>
        )}
        {mine && !editing && <button className="linklike" onClick={() => setEditing(true)}>Edit</button>}
        {(mine || moderator) && (
          <button className="linklike danger" onClick={() => {
            if (window.confirm(comment.parent ? "Delete this reply?" : "Delete this comment and its replies?"))
              void send([{ op: "remove_comment", id: comment.id }]);
          }}>Delete</button>
        )}
      </div>
    </article>
  );
}

interface ComposerProps {
  members: Member[]; placeholder?: string; submitLabel: string; initial?: string; compact?: boolean;
  onSubmit(body: string): Promise<boolean>;
  onCancel?(): void;
}

function Composer({ members, placeholder, submitLabel, initial, compact, onSubmit, onCancel }: ComposerProps) {
  const [text, setText] = useState(initial ?? "");
  const [cursor, setCursor] = useState(0);
  const [busy, setBusy] = useState(false);
  const [pick, setPick] = useState(0);
  const area = useRef<HTMLTextAreaElement>(null);
  const mention = mentionQuery(text, cursor);
  const suggestions = mention ? matchingMembers(members, mention.query) : [];

  function choose(member: Member) {
    if (!mention) return;
    const next = insertMention(text, mention.start, cursor, member);
    setText(next.text);
    setCursor(next.cursor);
    window.setTimeout(() => { area.current?.focus(); area.current?.setSelectionRange(next.cursor, next.cursor); }, 0);
  }
  async function submit() {
    if (!text.trim() || busy) return;
    setBusy(true);
    const ok = await onSubmit(text.trim());
    setBusy(false);
    if (ok && initial === undefined) setText("");
  }
  return (
    <div className={`comment-composer ${compact ? "compact" : ""}`}>
      <textarea ref={area} value={text} placeholder={placeholder} aria-label={placeholder ?? submitLabel} rows={compact ? 1 : 2}
        maxLength={10000}
        onChange={(e) => { setText(e.target.value); setCursor(e.target.selectionStart); setPick(0); }}
        onSelect={(e) => setCursor((e.target as HTMLTextAreaElement).selectionStart)}
        onKeyDown={(e) => {
          if (suggestions.length > 0 && (e.key === "ArrowDown" || e.key === "ArrowUp")) {
            e.preventDefault();
            setPick((p) => (p + (e.key === "ArrowDown" ? 1 : suggestions.length - 1)) % suggestions.length);
          } else if (suggestions.length > 0 && (e.key === "Enter" || e.key === "Tab") && !e.shiftKey) {
            e.preventDefault();
            choose(suggestions[Math.min(pick, suggestions.length - 1)]);
          } else if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void submit();
          } else if (e.key === "Escape" && onCancel) {
            onCancel();
          }
          e.stopPropagation();  // typing here must not drive the map's shortcuts
        }} />
      {suggestions.length > 0 && (
        <ul className="mention-suggestions" role="listbox" aria-label="Mention someone">
          {suggestions.map((member, index) => (
            <li key={member.id} role="option" aria-selected={index === pick}>
              <button type="button" onMouseDown={(e) => { e.preventDefault(); choose(member); }}>
                {member.name} <span className="muted">{member.email}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <div className="comment-composer-actions">
        {onCancel && <button className="btn" onClick={onCancel}>Cancel</button>}
        <button className="btn primary" disabled={!text.trim() || busy} onClick={() => void submit()}>{submitLabel}</button>
      </div>
    </div>
  );
}

/** The body with @mentions of members set off. */
function withMentions(body: string, members: Member[]) {
  const names = members.flatMap((m) => [m.name, m.email]).filter(Boolean).sort((a, b) => b.length - a.length);
  if (names.length === 0) return body;
  const escaped = names.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  const parts = body.split(new RegExp(`(@(?:${escaped.join("|")}))(?![\\w-])`, "gi"));
  return parts.map((part, index) => (index % 2 === 1 ? <span key={index} className="mention">{part}</span> : part));
}

function relative(when: Date): string {
  const seconds = Math.round((Date.now() - when.getTime()) / 1000);
  if (!Number.isFinite(seconds)) return "";
  if (seconds < 60) return "just now";
  if (seconds < 3600) return `${Math.floor(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.floor(seconds / 3600)} h ago`;
  return when.toLocaleDateString();
}
