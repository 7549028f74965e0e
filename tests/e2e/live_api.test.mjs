// The live feed on a real server with a WebSocket client (no browser): catch-up, live
// changes stamped with revision and author, pushes and their refusals, admission (Origin,
// upgrade), and malformed or oversized messages.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { startServer } from "./harness.mjs";
import { authHeaders, coalitionNamed, LiveClient, restCommit, signIn } from "./live_support.mjs";

let server; let auth; let coalition;
const clients = [];
const connect = async (headers) => {
  const client = new LiveClient(server.base, coalition.id, auth, headers);
  clients.push(client);
  await client.opened;
  return client;
};
const revisionNow = async () =>
  (await (await fetch(`${server.base}/api/coalitions/${coalition.id}`, { headers: authHeaders(auth) })).json()).revision;

before(async () => {
  server = await startServer();
  auth = await signIn(server.base);
  coalition = await coalitionNamed(server.base, auth, "Dementia Network");
  assert.ok(coalition, "the demo coalition is there");
});

after(async () => {
  for (const client of clients) client.close();
  await server?.stop();
});

test("a change committed over REST reaches a follower within a second, stamped with revision and author", async () => {
  const client = await connect();
  const since = await revisionNow();
  client.send({ type: "hello", since });
  const welcome = await client.next((m) => m.type === "welcome");
  assert.equal(welcome.revision, since);
  assert.equal(welcome.resync, false);
  assert.ok(welcome.you.session && welcome.you.name && /^#/.test(welcome.you.color));
  const started = Date.now();
  const committed = await restCommit(server.base, auth, coalition.id, since, [{ op: "update_statement", id: "PI", set: { description: "seen live" } }]);
  assert.equal(committed.status, 200);
  const change = await client.next((m) => m.type === "change" && m.revision === committed.body.revision, 1000);
  assert.ok(Date.now() - started < 1000);
  assert.equal(change.ops[0].set.description, "seen live");
  assert.ok(change.author.length > 0);
  assert.equal(change.id, undefined);
});

test("a push commits through the write path; the pusher's copy carries its id, others' do not", async () => {
  const ann = await connect(); const bob = await connect();
  const since = await revisionNow();
  ann.send({ type: "hello", since }); bob.send({ type: "hello", since });
  await ann.next((m) => m.type === "welcome"); await bob.next((m) => m.type === "welcome");
  ann.send({ type: "push", id: "c1", base_revision: since, ops: [{ op: "add_statement", statement: { title: "Pushed live", parent: null } }] });
  const commit = await ann.next((m) => m.type === "commit" && m.id === "c1");
  assert.equal(commit.revision, since + 1);
  assert.equal(typeof commit.ids[0], "string");
  const own = await ann.next((m) => m.type === "change" && m.revision === since + 1);
  assert.equal(own.id, "c1");
  const theirs = await bob.next((m) => m.type === "change" && m.revision === since + 1);
  assert.equal(theirs.id, undefined);
  assert.equal(theirs.ops[0].statement.id, commit.ids[0]);
  const view = await (await fetch(`${server.base}/api/coalitions/${coalition.id}/view?root=top`, { headers: authHeaders(auth) })).json();
  assert.equal(view.statements[commit.ids[0]].title, "Pushed live");
});

test("reconnecting with an older revision replays the missed changes in order, then follows", async () => {
  const now = await revisionNow();
  for (const word of ["one", "two", "three"]) {
    const r = await restCommit(server.base, auth, coalition.id, await revisionNow(), [{ op: "update_statement", id: "SG", set: { description: word } }]);
    assert.equal(r.status, 200);
  }
  const client = await connect();
  client.send({ type: "hello", since: now });
  await client.until(() => client.changes().length >= 3, 2000, "three changes");
  assert.deepEqual(client.changes().map((c) => c.revision), [now + 1, now + 2, now + 3]);
  assert.deepEqual(client.changes().map((c) => c.ops[0].set.description), ["one", "two", "three"]);
  await restCommit(server.base, auth, coalition.id, now + 3, [{ op: "update_statement", id: "SG", set: { description: "four" } }]);
  await client.until(() => client.changes().length === 4, 2000, "the live change");
  assert.equal(client.changes()[3].revision, now + 4);
});

test("refused pushes have the REST problem's shape: 409 conflict, 422 unknown statement", async () => {
  const client = await connect();
  const base = await revisionNow();
  client.send({ type: "hello", since: base });
  await client.next((m) => m.type === "welcome");
  await restCommit(server.base, auth, coalition.id, base, [{ op: "update_statement", id: "SG", set: { title: "Changed by someone" } }]);
  client.send({ type: "push", id: "stale", base_revision: base, ops: [{ op: "update_statement", id: "SG", set: { title: "Mine" } }] });
  const conflict = await client.next((m) => m.type === "refused" && m.id === "stale");
  assert.equal(conflict.status, 409);
  assert.equal(conflict.errors[0].kind, "conflict");
  assert.equal(conflict.errors[0].field, "title");
  assert.match(conflict.detail, /nothing was changed/);
  client.send({ type: "push", id: "gone", base_revision: base + 1, ops: [{ op: "update_statement", id: "NO-SUCH", set: { title: "x" } }] });
  const missing = await client.next((m) => m.type === "refused" && m.id === "gone");
  assert.equal(missing.status, 422);
  assert.equal(missing.errors[0].kind, "not_found");
});

test("a viewer's push is refused 403; the role is checked on each push, so a change mid-session counts at once", async (t) => {
  if (!auth.cookie) return t.skip("this server has no accounts");
  const email = `live-viewer-${Date.now()}@example.org`;
  const invite = await fetch(`${server.base}/api/coalitions/${coalition.id}/invites`, {
    method: "POST", headers: authHeaders(auth, true), body: JSON.stringify({ email, role: "viewer" }),
  });
  assert.equal(invite.status, 201);
  const registered = await fetch(`${server.base}/api/invites/${(await invite.json()).code}/register`, {
    method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "Vera Viewer", password: "vera-viewer-password-1" }),
  });
  assert.equal(registered.status, 200);
  const vera = { cookie: (registered.headers.get("set-cookie") ?? "").split(";")[0], csrf: "" };
  const userId = (await registered.json()).user.id;
  const setRole = async (role) => {
    const r = await fetch(`${server.base}/api/coalitions/${coalition.id}/members/${userId}`, {
      method: "PUT", headers: authHeaders(auth, true), body: JSON.stringify({ role }),
    });
    assert.equal(r.status, 200);
  };
  const client = new LiveClient(server.base, coalition.id, vera);
  clients.push(client);
  await client.opened;
  client.send({ type: "hello", since: await revisionNow() });
  assert.equal((await client.next((m) => m.type === "welcome")).you.role, "viewer");
  const push = async (id) => {
    client.send({ type: "push", id, base_revision: await revisionNow(), ops: [{ op: "update_statement", id: "PI", set: { description: `by Vera (${id})` } }] });
    return client.next((m) => (m.type === "refused" || m.type === "commit") && m.id === id);
  };
  const before = await revisionNow();
  const asViewer = await push("v1");
  assert.equal(asViewer.type, "refused");
  assert.equal(asViewer.status, 403);
  assert.match(asViewer.detail, /editor/);
  assert.equal(await revisionNow(), before, "nothing was changed");
  await setRole("editor");  // on the same connection
  const asEditor = await push("e1");
  assert.equal(asEditor.type, "commit");
  await setRole("viewer");  // revoked mid-session: the next push stops
  const revoked = await push("v2");
  assert.equal(revoked.type, "refused");
  assert.equal(revoked.status, 403);
  assert.equal(await revisionNow(), before + 1);
});

test("a live feed ends when its access does: signing out closes it, and so does removal from the coalition", async (t) => {
  if (!auth.cookie) return t.skip("this server has no accounts");
  // A second session of the steward, then signed out: its socket hears no more changes.
  const second = await signIn(server.base);
  assert.notEqual(second.cookie, auth.cookie);
  const follower = new LiveClient(server.base, coalition.id, second);
  clients.push(follower);
  await follower.opened;
  follower.send({ type: "hello", since: await revisionNow() });
  await follower.next((m) => m.type === "welcome");
  const out = await fetch(`${server.base}/api/session`, { method: "DELETE", headers: authHeaders(second) });
  assert.equal(out.status, 200);
  await follower.until(() => follower.closed !== null, 3000, "the close after sign-out");
  assert.equal(follower.closed, 1008);
  assert.match(follower.messages.find((m) => m.type === "error")?.detail ?? "", /access to this coalition ended/);
  const committed = await restCommit(server.base, auth, coalition.id, await revisionNow(), [{ op: "update_statement", id: "PI", set: { description: "after sign-out" } }]);
  assert.equal(committed.status, 200);
  assert.equal(follower.changes().length, 0, "not one change after signing out");
  const reopened = new LiveClient(server.base, coalition.id, second);
  clients.push(reopened);
  await assert.rejects(reopened.opened, (error) => error.status === 401);

  // A member removed by a steward: closed at once, told why; the steward's feed goes on.
  const email = `live-removed-${Date.now()}@example.org`;
  const invite = await fetch(`${server.base}/api/coalitions/${coalition.id}/invites`, {
    method: "POST", headers: authHeaders(auth, true), body: JSON.stringify({ email, role: "viewer" }),
  });
  const registered = await fetch(`${server.base}/api/invites/${(await invite.json()).code}/register`, {
    method: "POST", headers: { "content-type": "application/json" },
    body: JSON.stringify({ name: "Remy Removed", password: "remy-removed-password-1" }),
  });
  assert.equal(registered.status, 200);
  const remy = { cookie: (registered.headers.get("set-cookie") ?? "").split(";")[0], csrf: "" };
  const userId = (await registered.json()).user.id;
  const watcher = await connect();
  watcher.send({ type: "hello", since: await revisionNow() });
  await watcher.next((m) => m.type === "welcome");
  const removed = new LiveClient(server.base, coalition.id, remy);
  clients.push(removed);
  await removed.opened;
  removed.send({ type: "hello", since: await revisionNow() });
  await removed.next((m) => m.type === "welcome");
  const gone = await fetch(`${server.base}/api/coalitions/${coalition.id}/members/${userId}`, { method: "DELETE", headers: authHeaders(auth, true) });
  assert.ok(gone.ok, `removal answered ${gone.status}`);
  await removed.until(() => removed.closed !== null, 3000, "the close after removal");
  assert.equal(removed.closed, 1008);
  const later = await restCommit(server.base, auth, coalition.id, await revisionNow(), [{ op: "update_statement", id: "PI", set: { description: "after removal" } }]);
  assert.equal(later.status, 200);
  await watcher.next((m) => m.type === "change" && m.revision === later.body.revision);
  assert.equal(removed.changes().length, 0, "the removed member heard nothing after removal");
});

test("admission: another site's page is refused, a plain GET is told to upgrade", async () => {
  const evil = new LiveClient(server.base, coalition.id, auth, { origin: "http://evil.example" });
  clients.push(evil);
  await assert.rejects(evil.opened, (error) => error.status === 403);
  const host = new URL(server.base).host;
  const same = await connect({ origin: `http://${host}` });
  same.send({ type: "ping" });
  await same.next((m) => m.type === "pong");
  const plain = await fetch(`${server.base}/api/coalitions/${coalition.id}/live`, { headers: authHeaders(auth) });
  assert.equal(plain.status, 426);
  assert.equal((await plain.json()).status, 426);
  const nowhere = new LiveClient(server.base, 999999, auth);
  clients.push(nowhere);
  await assert.rejects(nowhere.opened, (error) => error.status === 404);
  if (auth.cookie) {
    const anonymous = new LiveClient(server.base, coalition.id, { cookie: "" });
    clients.push(anonymous);
    await assert.rejects(anonymous.opened, (error) => error.status === 401);
  }
});

test("malformed messages are answered and ignored; an oversized one closes the connection (1008)", async () => {
  const client = await connect();
  client.send("not json at all");
  client.send({ type: "teleport" });
  client.send({ type: "push", id: 7 });
  await client.until(() => client.messages.filter((m) => m.type === "error").length === 3, 2000, "three errors");
  client.send({ type: "ping" });
  await client.next((m) => m.type === "pong");
  client.send({ type: "ping", pad: "x".repeat(1024 * 1024 + 16) });
  await client.until(() => client.closed !== null, 3000, "the close");
  assert.ok([1008, 1009].includes(client.closed), `closed with ${client.closed}`);
  const after = await connect();
  after.send({ type: "ping" });
  await after.next((m) => m.type === "pong");
});
