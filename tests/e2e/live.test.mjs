// Two people on one map, in two browsers against a real server: one edits, the other sees
// it within a second without reloading; edits to different fields of one objective both
// stand; a rename of an objective someone else just deleted is refused with a reason;
// a dropped connection resumes where it left off. Presence: rings and "who is here".
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { shot, startBrowser, startServer } from "./harness.mjs";
import { authHeaders, coalitionNamed, restCommit, signIn } from "./live_support.mjs";

let server; let auth; let coalition;
let ann; let bob; // { browser, page }

async function person() {
  const browser = await startBrowser({ width: 1400, height: 860 });
  // The harness signs each browser in through the sign-in page; lend it the node-side
  // session only when it did not (a server without accounts ignores the cookie).
  const signedIn = (await browser.context.cookies()).some((c) => c.name === "coalign_session");
  if (auth.cookie && !signedIn) {
    const [name, value] = auth.cookie.split("=");
    await browser.context.addCookies([{ name, value, url: server.base }]);
  }
  const page = browser.context.pages()[0] ?? await browser.context.newPage();
  page.on("pageerror", (e) => console.error("page error:", e.message));
  await page.goto(`${server.base}/#/c/${coalition.id}`);
  await page.locator('[data-statement="SG"]').waitFor();
  await page.waitForTimeout(900); // the arrival animation
  return { browser, page };
}

const box = (p, id) => p.page.locator(`[data-statement="${id}"]`);
const boxWithText = (p, text) => p.page.locator("[data-statement]", { hasText: text });
const viewNow = async () =>
  (await fetch(`${server.base}/api/coalitions/${coalition.id}/view?root=top`, { headers: authHeaders(auth) })).json();

before(async () => {
  server = await startServer();
  auth = await signIn(server.base);
  coalition = await coalitionNamed(server.base, auth, "Dementia Network");
  ann = await person();
  bob = await person();
});

after(async () => {
  await ann?.browser.close();
  await bob?.browser.close();
  await server?.stop();
});

test("both people are listed as here, and each sees the other's selection as a named ring", async () => {
  for (const p of [ann, bob]) await p.page.locator(".who-is-here .avatar").nth(1).waitFor({ timeout: 3000 });
  await box(ann, "SG").click();
  const ring = bob.page.locator('[data-statement="SG"] [data-presence]');
  await ring.waitFor({ timeout: 1500 });
  await shot(bob.page, "live-01-presence-ring");
  await box(ann, "PI").click();
  await bob.page.locator('[data-statement="PI"] [data-presence]').waitFor({ timeout: 1500 });
  assert.equal(await ring.count(), 0, "the ring follows the selection");
});

test("one renames an objective; the other sees it within a second, without a reload", async () => {
  await bob.page.evaluate(() => { window.notReloaded = true; });
  await box(ann, "PI").click();
  const title = ann.page.getByRole("textbox", { name: "Title", exact: true });
  await title.fill("Quality of life, renamed live");
  const started = Date.now();
  await title.press("Enter");
  await boxWithText(bob, "renamed live").waitFor({ timeout: 1000 });
  assert.ok(Date.now() - started < 1500);
  assert.equal(await bob.page.evaluate(() => window.notReloaded), true);
  await shot(bob.page, "live-02-seen-live");
});

test("both edit different fields of one objective at once, and both edits stand", async () => {
  await box(ann, "SG").click();
  await box(bob, "SG").click();
  const annTitle = ann.page.getByRole("textbox", { name: "Title", exact: true });
  const bobDescription = bob.page.getByRole("textbox", { name: "Description", exact: true });
  await annTitle.fill("Goal title by Ann");
  await bobDescription.fill("Goal description by Bob");
  await Promise.all([annTitle.press("Enter"), bobDescription.press("Control+Enter")]);
  for (const p of [ann, bob]) await boxWithText(p, "Goal title by Ann").waitFor({ timeout: 2000 });
  await bob.page.waitForFunction(() => document.querySelector('textarea')?.value === "Goal description by Bob");
  const view = await viewNow();
  assert.equal(view.statements.SG.title, "Goal title by Ann");
  assert.equal(view.statements.SG.description, "Goal description by Bob");
  await ann.page.waitForFunction(() => document.querySelector("textarea")?.value === "Goal description by Bob", null, { timeout: 2000 });
  assert.equal(await ann.page.locator(".refusal").count(), 0);
  assert.equal(await bob.page.locator(".refusal").count(), 0);
});

test("one deletes an objective while the other renames it: the rename is refused with a reason", async () => {
  const made = await restCommit(server.base, auth, coalition.id, (await viewNow()).revision,
    [{ op: "add_statement", statement: { id: "TMP", title: "Short-lived objective", parent: null, position: { x: 200, y: 60 } } }]);
  assert.equal(made.status, 200);
  for (const p of [ann, bob]) await box(p, "TMP").waitFor({ timeout: 2000 });
  await box(bob, "TMP").click();
  const title = bob.page.getByRole("textbox", { name: "Title", exact: true });
  await title.fill("Renamed while it was being deleted");
  // Bob's page is slow to fetch the map for a moment, so the deletion reaches his
  // screen only after he pressed Enter.
  await bob.page.route("**/view?**", async (route) => { await new Promise((r) => setTimeout(r, 1500)); await route.continue(); });
  await box(ann, "TMP").click();
  await ann.page.keyboard.press("Escape");
  await box(ann, "TMP").click();
  await ann.page.keyboard.press("Delete");
  await box(ann, "TMP").waitFor({ state: "detached", timeout: 2000 });
  await bob.page.waitForTimeout(150);
  await title.press("Enter");
  const refusal = bob.page.locator(".refusal", { hasText: "Not saved" }).first();
  await refusal.waitFor({ timeout: 3000 });
  assert.match(await refusal.innerText(), /TMP|no statement|not exist|does not|unknown/i);
  await shot(bob.page, "live-03-rename-of-deleted-refused");
  // Let the slowed fetches finish (unrouting under them would fail their continue()).
  await bob.page.unrouteAll({ behavior: "wait" });
  await box(bob, "TMP").waitFor({ state: "detached", timeout: 4000 });
  // Nothing else broke: Bob's next edit goes through, and Ann sees it.
  await box(bob, "PI").click();
  const again = bob.page.getByRole("textbox", { name: "Title", exact: true });
  await again.fill("Quality of life, after the refusal");
  await again.press("Enter");
  await boxWithText(ann, "after the refusal").waitFor({ timeout: 2000 });
  assert.equal((await viewNow()).statements.TMP, undefined);
  await shot(ann.page, "live-03b-next-edit-seen");
});

test("a dropped connection resumes from its last revision without reloading the page", async () => {
  await bob.page.evaluate(() => { window.notReloaded = true; window.coalignLive.drop(); });
  await bob.page.locator(".live-state", { hasText: "Reconnecting" }).waitFor({ timeout: 1000 });
  // Ann edits while Bob is away.
  await box(ann, "SG").click();
  const title = ann.page.getByRole("textbox", { name: "Title", exact: true });
  await title.fill("Changed while Bob was offline");
  await title.press("Enter");
  await boxWithText(bob, "while Bob was offline").waitFor({ timeout: 5000 });
  assert.equal(await bob.page.evaluate(() => window.notReloaded), true);
  assert.equal(await bob.page.evaluate(() => window.coalignLive.status()), "live");
  await bob.page.locator(".who-is-here .avatar").nth(1).waitFor({ timeout: 2000 });
  // And Bob's own edits flow again.
  await box(bob, "PI").click();
  const bobTitle = bob.page.getByRole("textbox", { name: "Title", exact: true });
  await bobTitle.fill("Back online");
  await bobTitle.press("Enter");
  await boxWithText(ann, "Back online").waitFor({ timeout: 2000 });
  await shot(ann.page, "live-04-after-reconnect");
});

test("the pages raised no script errors", () => {
  assert.deepEqual(ann.browser.errors, []);
  assert.deepEqual(bob.browser.errors, []);
});
