// A read-only text with a Copy button: for invite links and token secrets, which people
// paste elsewhere (there is no mail server to send them).
import { useRef, useState } from "react";

export function CopyField({ label, value, mono }: { label: string; value: string; mono?: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState(false);
  const copy = async () => {
    input.current?.select();
    try {
      await navigator.clipboard.writeText(value);
    } catch {
      // Without a secure context the clipboard API is missing; the selection still copies.
      document.execCommand("copy");
    }
    setCopied(true);
    window.setTimeout(() => setCopied(false), 2000);
  };
  return (
    <div className="copy-field">
      <label className="field-label" htmlFor={`copy-${label}`}>{label}</label>
      <div className="copy-row">
        <input id={`copy-${label}`} ref={input} readOnly value={value} className={mono ? "mono" : ""} onFocus={(e) => e.target.select()} />
        <button type="button" className="btn" onClick={() => void copy()}>{copied ? "Copied ✓" : "Copy"}</button>
      </div>
    </div>
  );
}
