// Accounts in a real browser against a real server: the sign-in page (wrong password,
// too many attempts, back where one was, sign out), the steward inviting a viewer who
// creates an account from the link and sees the map without edit controls, promoting them
// to editor, and a personal API token used from node with "Authorization: Bearer".
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { DEMO_EMAIL, DEMO_PASSWORD, shot, signIn, startBrowser, startServer } from "./harness.mjs";

let server; let steward; let page; let guest;

before(async () => {
  server = await startServer();
  steward = await startBrowser(undefined, { signedIn: false });
  page = steward.context.pages()[0] ?? await steward.context.newPage();
  page.on("pageerror", (e) => console.error("page error:", e.message));
});

after(async () => {
  await guest?.close();
  await steward?.close();
  await server?.stop();
});

const box = (p, id) => p.locator(`[data-statement="${id}"]`);
const coalitionId = async (nameStart) =>
  (await (await server.api("/api/coalitions")).json()).find((c) => c.name.startsWith(nameStart)).id;

async function submitSignIn(p, email, password) {
  await p.getByLabel("Email").fill(email);
  await p.getByLabel("Password").fill(password);
  await p.getByRole("button", { name: "Sign in", exact: true }).click();
}

test("a wrong password is refused in words, and so are too many attempts", async () => {
  await page.goto(server.base + "/");
  await page.locator("form.auth-form").waitFor();
  await shot(page, "20-sign-in");
  await submitSignIn(page, DEMO_EMAIL, "not the password");
  const error = page.locator(".auth-error");
  await error.waitFor();
  assert.match(await error.innerText(), /The email or the password is wrong/);
  await shot(page, "21-sign-in-wrong-password");

  // Five failures for one email, then the server asks to wait (429 with Retry-After).
  for (let attempt = 0; attempt < 6; attempt++) {
    await submitSignIn(page, "nobody@example.org", `wrong-${attempt}`);
    await page.locator(".auth-error").waitFor();
  }
  await page.locator(".auth-error", { hasText: "Too many failed sign-ins" }).waitFor();
  assert.match(await error.innerText(), /Wait 15 minutes/);
  await shot(page, "22-sign-in-too-many");
});

test("signing in lands where the person was; signing out returns to the sign-in page", async () => {
  const foresight = await coalitionId("Foresight");
  await page.goto(`${server.base}/#/c/${foresight}`);
  await page.locator("form.auth-form").waitFor();
  await submitSignIn(page, DEMO_EMAIL, DEMO_PASSWORD);
  await page.locator("[data-statement]").first().waitFor();
  assert.equal(new URL(page.url()).hash, `#/c/${foresight}`);
  await page.waitForTimeout(300);
  // Opened straight onto a map with stored positions, it is fitted to the screen.
  const area = await page.locator("svg.map-svg").boundingBox();
  const centres = await page.locator("[data-statement] .card").evaluateAll((els) => els.map((e) => e.getBoundingClientRect()).map((r) => ({ x: r.x + r.width / 2, y: r.y + r.height / 2, width: r.width })));
  const outside = centres.filter((c) => c.x < area.x || c.y < area.y || c.x > area.x + area.width || c.y > area.y + area.height);
  assert.equal(outside.length, 0, `${outside.length} of ${centres.length} statements are off the map's area`);
  const spread = Math.max(...centres.map((c) => c.x)) - Math.min(...centres.map((c) => c.x));
  assert.ok(spread > area.width * 0.5, "the map fills the width (not zoomed into a corner)");
  await shot(page, "23-foresight-opened-directly");

  await page.locator(".user-button").click();
  await page.getByRole("menuitem", { name: "Tokens" }).waitFor();
  await shot(page, "24-user-menu");
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await page.locator("form.auth-form").waitFor();
  assert.equal((await (await fetch(`${server.base}/api/session`)).json()).signed_in, false);
  await signIn(page, server.base);
});

test("signing out in one tab ends the other tab's live map too: it shows the sign-in page by itself", async () => {
  const dementia = await coalitionId("Dementia Network");
  await page.goto(`${server.base}/#/c/${dementia}`);
  await box(page, "PI").waitFor();
  const other = await steward.context.newPage();
  try {
    await other.goto(`${server.base}/#/c/${dementia}`);
    await box(other, "PI").waitFor();
    await other.locator(".who-is-here .avatar").nth(1).waitFor();  // both tabs are live
    await page.locator(".user-button").click();
    await page.getByRole("menuitem", { name: "Sign out" }).click();
    await page.locator("form.auth-form").waitFor();
    // No click, no reload in the other tab: its live feed was closed by the server.
    await other.locator("form.auth-form").waitFor({ timeout: 5000 });
    await shot(other, "24b-other-tab-signed-out");
  } finally {
    await other.close();
  }
  await signIn(page, server.base);
});

test("a steward invites a viewer, who joins from the link, reads the map, and edits once made editor", async () => {
  const dementia = await coalitionId("Dementia Network");
  await page.goto(`${server.base}/#/c/${dementia}/members`);
  await page.locator("[data-member]").first().waitFor();
  await page.getByLabel("Email", { exact: true }).fill("riley@example.org");
  await page.getByLabel("Role", { exact: true }).selectOption("viewer");
  await page.getByRole("button", { name: "Create invite link" }).click();
  const linkField = page.getByLabel("Invite link");
  await linkField.waitFor();
  const link = await linkField.inputValue();
  assert.match(link, /^http:\/\/127\.0\.0\.1:\d+\/#\/invite\/\S+$/);
  await shot(page, "25-members-invite");

  guest = await startBrowser(undefined, { signedIn: false });
  const other = guest.context.pages()[0] ?? await guest.context.newPage();
  other.on("pageerror", (e) => console.error("guest page error:", e.message));
  await other.goto(link);
  await other.locator(".invite-coalition", { hasText: "Dementia Network" }).waitFor();
  assert.match(await other.locator(".invite-offer").innerText(), /viewer/);
  await shot(other, "26-invite-create-account");
  await other.getByLabel("Your name").fill("Riley Park");
  await other.getByLabel(/^Password/).fill("riley-password-1");
  await other.getByLabel("The same password again").fill("riley-password-1");
  await other.getByRole("button", { name: "Create account and join" }).click();
  await box(other, "SG").waitFor();
  await other.waitForTimeout(900);
  const add = other.getByRole("button", { name: /Add objective/ });
  assert.equal(await add.isDisabled(), true, "a viewer cannot add objectives");
  assert.equal(await other.locator(".read-only-tools").getAttribute("title"), "viewers can't edit");
  await box(other, "PI").click();
  const title = other.getByLabel("Title");
  await title.waitFor();
  assert.equal(await title.isDisabled(), true, "a viewer cannot rename");
  assert.equal(await other.getByRole("button", { name: /Remove objective/ }).count(), 0);
  await shot(other, "27-viewer-map");

  // The steward makes them editor; after a reload they can rename.
  await page.reload();
  const role = page.getByLabel("Role of Riley Park");
  await role.waitFor();
  const saved = page.waitForResponse((r) => r.url().includes("/members/") && r.request().method() === "PUT");
  await role.selectOption("editor");
  assert.equal((await saved).status(), 200);
  await shot(page, "28-members-promoted");
  await other.reload();
  await box(other, "PI").waitFor();
  await other.getByRole("button", { name: /Add objective/ }).waitFor();
  assert.equal(await other.getByRole("button", { name: /Add objective/ }).isDisabled(), false);
  await box(other, "PI").click();
  await other.getByLabel("Title").fill("Renamed by Riley");
  await other.getByLabel("Title").press("Enter");
  await other.locator(".save-state", { hasText: "Saved" }).waitFor();
  await other.locator("[data-statement='PI']", { hasText: "Renamed by Riley" }).waitFor();
  const view = await (await server.api(`/api/coalitions/${dementia}/view?root=top`)).json();
  assert.equal(view.statements.PI.title, "Renamed by Riley");
});

test("a personal token is shown once, works as a Bearer token from node, and stops working when revoked", async () => {
  await page.goto(`${server.base}/#/tokens`);
  await page.getByLabel(/Name of a new token/).fill("e2e script");
  await page.getByRole("button", { name: "Create token" }).click();
  const field = page.getByLabel("Token", { exact: true });
  await field.waitFor();
  const token = await field.inputValue();
  assert.ok(token.length >= 20, "a secret came back");
  await page.locator('[data-token="e2e script"]').waitFor();
  await shot(page, "29-tokens");

  const list = await fetch(`${server.base}/api/coalitions`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(list.status, 200);
  assert.ok((await list.json()).some((c) => c.name.startsWith("Dementia Network")));

  await page.locator('[data-token="e2e script"]').getByRole("button", { name: "Revoke" }).click();
  await page.locator('[data-token="e2e script"]').waitFor({ state: "detached" });
  const refused = await fetch(`${server.base}/api/coalitions`, { headers: { authorization: `Bearer ${token}` } });
  assert.equal(refused.status, 401);
});
