import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./app/App";
import { AuthGate } from "./auth/AuthGate";
import { PublicApp } from "./publish/PublicApp";
import "./styles.css";

// /p/{token}: a published, read-only view that needs no sign-in (publish/PublicApp.tsx).
const published = window.location.pathname.match(/^\/p\/([^/]+)\/?$/);

createRoot(document.getElementById("root")!).render(
  <StrictMode>{published ? <PublicApp token={decodeURIComponent(published[1])} /> : <AuthGate><App /></AuthGate>}</StrictMode>);
