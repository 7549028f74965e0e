// The signed-in person in the top bar: their name, and a menu with Tokens and Sign out.
import { useEffect, useRef, useState } from "react";
import { signOut, useSession } from "./session";

export function UserMenu() {
  const { user } = useSession();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (event: Event) => { if (!root.current?.contains(event.target as Node)) setOpen(false); };
    const escape = (event: KeyboardEvent) => { if (event.key === "Escape") setOpen(false); };
    document.addEventListener("pointerdown", close);
    document.addEventListener("keydown", escape);
    return () => { document.removeEventListener("pointerdown", close); document.removeEventListener("keydown", escape); };
  }, [open]);
  if (!user) return null;
  return (
    <div className="user-menu" ref={root}>
      <button className="user-button" aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
        <span className="user-initial" aria-hidden="true">{(user.name || user.email)[0]?.toUpperCase()}</span>
        <span className="user-name">{user.name || user.email}</span> <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div className="user-dropdown" role="menu">
          <div className="user-email muted">{user.email}</div>
          <a role="menuitem" href="#/tokens" onClick={() => setOpen(false)}>Tokens</a>
          <button role="menuitem" onClick={() => void signOut()}>Sign out</button>
        </div>
      )}
    </div>
  );
}
