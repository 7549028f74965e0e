// Form fields that keep a local draft and commit it when the person is done
// (Enter or leaving the field), so each keystroke is not a server round trip.
import { useEffect, useRef, useState } from "react";

interface TextFieldProps {
  label: string;
  value: string;
  multiline?: boolean;
  autoFocusSelect?: boolean;
  placeholder?: string;
  /** The map's revision; with it, an edit is sent with the revision its typing began at. */
  revision?: number;
  onCommit(value: string, baseRevision?: number): void;
}

export function TextField({ label, value, multiline, autoFocusSelect, placeholder, revision, onCommit }: TextFieldProps) {
  const [draft, setDraft] = useState(value);
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  // While someone types, a change arriving from others must not wipe their draft; their
  // edit then goes with the revision they started from, so the server can tell them.
  const startedAt = useRef<number | undefined>(undefined);
  const dirty = draft !== value && startedAt.current !== undefined;
  useEffect(() => { if (!dirty) { setDraft(value); startedAt.current = undefined; } }, [value]); // eslint-disable-line react-hooks/exhaustive-deps
  useEffect(() => {
    if (autoFocusSelect && ref.current) { ref.current.focus(); ref.current.select(); }
  }, [autoFocusSelect]);
  const done = () => {
    const base = startedAt.current;
    startedAt.current = undefined;
    if (draft !== value) onCommit(draft, base);
  };
  const common = {
    ref, value: draft, placeholder,
    onChange: (e: React.ChangeEvent<HTMLInputElement & HTMLTextAreaElement>) => {
      if (startedAt.current === undefined) startedAt.current = revision;
      setDraft(e.target.value);
    },
    onBlur: done,
    onKeyDown: (e: React.KeyboardEvent) => {
      if (e.key === "Escape") { startedAt.current = undefined; setDraft(value); (e.target as HTMLElement).blur(); }
      if (e.key === "Enter" && (!multiline || e.ctrlKey || e.metaKey)) { e.preventDefault(); done(); }
    },
  };
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      {multiline ? <textarea rows={4} {...common} /> : <input type="text" {...common} />}
    </label>
  );
}

interface SelectFieldProps {
  label: string;
  value: string;
  options: { value: string; label: string }[];
  onCommit(value: string): void;
}

export function SelectField({ label, value, options, onCommit }: SelectFieldProps) {
  return (
    <label className="field">
      <span className="field-label">{label}</span>
      <select value={value} onChange={(e) => onCommit(e.target.value)}>
        {options.map((o) => <option key={o.value} value={o.value}>{o.label}</option>)}
      </select>
    </label>
  );
}

export function RefusalNote({ message }: { message: string | null }) {
  if (!message) return null;
  return (
    <div className="refusal" role="alert">
      <span className="refusal-icon" aria-hidden="true">⚠</span>
      <span><strong>Not saved.</strong> {message}</span>
    </div>
  );
}
