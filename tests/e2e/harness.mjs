// Starts a real `coalign serve` (temp DB, --demo, free loopback port) and a headless
// Debian Chromium, and stops both by their own handles.
import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { chromium } from "playwright-core";

export const artifacts = path.join(path.dirname(new URL(import.meta.url).pathname), "artifacts");
fs.mkdirSync(artifacts, { recursive: true });

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => { const { port } = server.address(); server.close(() => resolve(port)); });
  });
}

export async function startServer() {
  const binary = process.env.COALIGN_BINARY ?? "/work/main/build/coalign";
  if (!fs.existsSync(binary)) throw new Error(`coalign binary not found at ${binary} (set COALIGN_BINARY)`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "coalign-e2e-"));
  const port = await freePort();
  const log = fs.openSync(path.join(artifacts, "server.log"), "w");
  const child = spawn(binary, ["serve", "--db", path.join(dir, "e2e.db"), "--port", String(port), "--demo"], {
    stdio: ["ignore", log, log], env: { ...process.env },
  });
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`coalign serve exited with ${child.exitCode}; see artifacts/server.log`);
    try { const r = await fetch(`${base}/api/coalitions`); if (r.ok) break; } catch { /* not up yet */ }
    if (Date.now() > deadline) { child.kill("SIGTERM"); throw new Error("coalign serve did not answer within 30 s"); }
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    base,
    async stop() {
      if (child.exitCode === null) {
        child.kill("SIGTERM");
        await Promise.race([new Promise((r) => child.once("exit", r)), new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function startBrowser(viewport = { width: 1600, height: 900 }) {
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
  return {
    context, errors,
    async close() { await context.close(); fs.rmSync(userDataDir, { recursive: true, force: true }); },
  };
}

export async function shot(page, name) {
  await page.screenshot({ path: path.join(artifacts, `${name}.png`) });
}
