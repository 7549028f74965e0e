// Starts a real `coalign serve` (temp DB, --demo, free loopback port) and a headless
// Debian Chromium, and stops both by their own handles. The demo steward's password is
// fixed through COALIGN_DEMO_PASSWORD; a browser started here signs in as that steward
// through the sign-in page (signIn), and server.api() calls the API as them from node.
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";

export const artifacts = path.join(path.dirname(new URL(import.meta.url).pathname), "artifacts");
fs.mkdirSync(artifacts, { recursive: true });

process.env.COALIGN_DEMO_PASSWORD ??= "e2e-demo-password-1";
export const DEMO_EMAIL = "steward@demo.coalign";
export const DEMO_PASSWORD = process.env.COALIGN_DEMO_PASSWORD;

/** The server most recently started here: startBrowser signs in to it. */
let lastServer = null;

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => { const { port } = server.address(); server.close(() => resolve(port)); });
  });
}

export async function startServer() {
  const binary = process.env.COALIGN_BINARY ?? path.resolve(path.dirname(new URL(import.meta.url).pathname), "../../build/coalign");
  if (!fs.existsSync(binary)) throw new Error(`coalign binary not found at ${binary} (set COALIGN_BINARY)`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "coalign-e2e-"));
  const port = await freePort();
  const log = fs.openSync(path.join(artifacts, "server.log"), "w");
  // COALIGN_WEB: a web build of one's own (so as not to race others building web/dist).
  const web = process.env.COALIGN_WEB ? ["--web", process.env.COALIGN_WEB] : [];
  const child = spawn(binary, ["serve", "--db", path.join(dir, "e2e.db"), "--port", String(port), "--demo", ...web], {
    stdio: ["ignore", log, log], env: { ...process.env },
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`coalign serve exited with ${child.exitCode}; see artifacts/server.log`);
    try { const r = await fetch(`${base}/api/session`); if (r.ok) break; } catch { /* not up yet */ }
    if (Date.now() > deadline) { child.kill("SIGTERM"); throw new Error("coalign serve did not answer within 30 s"); }
    await new Promise((r) => setTimeout(r, 150));
  }
  let auth = null;
  const server = {
    base,
    /** fetch() as the demo steward (session cookie and CSRF token), from node. */
    async api(pathname, init = {}) {
      auth ??= await signInFromNode(base, DEMO_EMAIL, DEMO_PASSWORD);
      const headers = { cookie: auth.cookie, "x-csrf-token": auth.csrf, ...(init.body ? { "content-type": "application/json" } : {}), ...init.headers };
      return fetch(`${base}${pathname}`, { ...init, headers });
    },
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await Promise.race([new Promise((r) => child.once("exit", r)), new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
  lastServer = server;
  return server;
}

/** {cookie, csrf} of a session, signed in over the API (for node-side calls). */
export async function signInFromNode(base, email, password) {
  const response = await fetch(`${base}/api/session`, {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ email, password }),
  });
  if (!response.ok) throw new Error(`sign-in as ${email} failed: ${response.status} ${await response.text()}`);
  const body = await response.json();
  return { cookie: (response.headers.get("set-cookie") ?? "").split(";")[0], csrf: body.csrf_token };
}

/**
 * Signs in through the sign-in page, as a person would: opens `base` (or `at`, a hash
 * such as "#/c/2"), fills email and password, and waits for the app's top bar.
 */
export async function signIn(page, base, { email = DEMO_EMAIL, password = DEMO_PASSWORD, at = "" } = {}) {
  await page.goto(`${base}/${at}`);
  const form = page.locator("form.auth-form");
  await form.waitFor();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.locator(".user-menu").waitFor();
}

/**
 * A fresh Chromium profile. Unless `signedIn` is false, its first page signs in as the
 * demo steward to the server started last, so each test starts as that steward.
 */
export async function startBrowser(viewport = { width: 1600, height: 900 }, { signedIn = true } = {}) {
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), "coalign-chromium-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    headless: true,
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    viewport,
  });
  const errors = [];
  context.on("page", (page) => page.on("pageerror", (e) => errors.push(e.message)));
  if (signedIn && lastServer) await signIn(context.pages()[0] ?? await context.newPage(), lastServer.base);
  return {
    context, errors,
    async close() { await context.close(); fs.rmSync(userDataDir, { recursive: true, force: true }); },
  };
}

/** A server and one signed-in browser page, for a test file's before(). */
export async function startSession(viewport) {
  const server = await startServer();
  const browser = await startBrowser(viewport);
  const page = browser.context.pages()[0] ?? await browser.context.newPage();
  page.on("pageerror", (e) => console.error("page error:", e.message));
  return { server, browser, page };
}

export async function shot(page, name) {
  await page.screenshot({ path: path.join(artifacts, `${name}.png`) });
}
