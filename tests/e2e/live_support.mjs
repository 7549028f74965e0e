// Helpers of the live-feed tests: sign in when the server has accounts (the demo steward,
// whose password the test sets through COALIGN_DEMO_PASSWORD), and a small WebSocket client
// that collects messages and can wait for one.
import WebSocket from "ws";

process.env.COALIGN_DEMO_PASSWORD ??= "e2e-demo-password-1";  // as harness.mjs sets it

/** {cookie, csrf} of the demo steward, or empty strings on a server without accounts. */
export async function signIn(base) {
  const response = await fetch(`${base}/api/session`, {
    method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "steward@demo.coalign", password: process.env.COALIGN_DEMO_PASSWORD }),
  });
  if (!response.ok) return { cookie: "", csrf: "" };
  const body = await response.json();
  return { cookie: (response.headers.get("set-cookie") ?? "").split(";")[0], csrf: body.csrf_token ?? "" };
}

export function authHeaders(auth, json = false) {
  const headers = {};
  if (auth.cookie) headers.cookie = auth.cookie;
  if (auth.csrf) headers["x-csrf-token"] = auth.csrf;
  if (json) headers["content-type"] = "application/json";
  return headers;
}

export async function coalitionNamed(base, auth, nameStart) {
  const list = await (await fetch(`${base}/api/coalitions`, { headers: authHeaders(auth) })).json();
  return list.find((c) => c.name.startsWith(nameStart));
}

export async function restCommit(base, auth, coalition, baseRevision, ops) {
  const response = await fetch(`${base}/api/coalitions/${coalition}/changes`, {
    method: "POST", headers: authHeaders(auth, true), body: JSON.stringify({ base_revision: baseRevision, ops }),
  });
  return { status: response.status, body: await response.json() };
}

export class LiveClient {
  constructor(base, coalition, auth, extraHeaders = {}) {
    this.messages = [];
    this.waiters = [];
    this.closed = null;
    this.ws = new WebSocket(`${base.replace("http", "ws")}/api/coalitions/${coalition}/live`, {
      headers: { ...(auth.cookie ? { cookie: auth.cookie } : {}), ...extraHeaders },
    });
    this.opened = new Promise((resolve, reject) => {
      this.ws.once("open", resolve);
      this.ws.once("unexpected-response", (_request, response) => reject(Object.assign(new Error(`HTTP ${response.statusCode}`), { status: response.statusCode })));
      this.ws.once("error", reject);
    });
    this.ws.on("message", (data) => {
      this.messages.push(JSON.parse(String(data)));
      this.poll();
    });
    this.ws.on("close", (code) => { this.closed = code; this.poll(); });
  }
  send(message) { this.ws.send(typeof message === "string" ? message : JSON.stringify(message)); }
  poll() {
    this.waiters = this.waiters.filter((waiter) => {
      const found = waiter.test();
      if (found !== undefined && found !== null && found !== false) { waiter.resolve(found); return false; }
      return true;
    });
  }
  /** Resolves with the first message matching `predicate` (already received or to come). */
  next(predicate, timeout = 2000) {
    return this.until(() => this.messages.find(predicate), timeout, "a matching message");
  }
  until(test, timeout = 2000, what = "a condition") {
    return new Promise((resolve, reject) => {
      const waiter = { test, resolve };
      const found = test();
      if (found !== undefined && found !== null && found !== false) return resolve(found);
      this.waiters.push(waiter);
      setTimeout(() => reject(new Error(`timed out waiting for ${what}; got ${JSON.stringify(this.messages).slice(-600)}`)), timeout);
    });
  }
  changes() { return this.messages.filter((m) => m.type === "change"); }
  close() { this.ws.close(); }
}
