// Form fields that keep a local draft and commit it when the person is done
// (Enter or leaving the field), so each keystroke is not a server round trip.
import { useEffect, useRef, useState } from "react";

interface TextFieldProps {
  label: string;
  value: string;
  multiline?: boolean;
  autoFocusSelect?: boolean;
  placeholder?: string;
  onCommit(value: string): void;
}

export function TextField({ label, value, multiline, autoFocusSelect, placeholder, onCommit }: TextFieldProps) {
  const [draft, setDraft] = useState(value);
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  useEffect(() => setDraft(value), [value]);
  useEffect(() => {
    if (autoFocusSelect && ref.current) { ref.current.focus(); ref.current.select(); }
  }, [autoFocusSelect]);
  const done = () => { if (draft !== value) onCommit(draft); };
  const common = {
    ref, value: draft, placeholder,
    onChange: (e: React.ChangeEvent<HTMLInputElement & HTMLTextAreaElement>) => setDraft(e.target.value),
    onBlur: done,
    onKeyDown: (e: React.KeyboardEvent) => {
      if (e.key === "Escape") { setDraft(value); (e.target as HTMLElement).blur(); }
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
