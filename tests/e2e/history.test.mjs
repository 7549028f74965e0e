// History in a real browser against a real server: rename a statement, read the sentence
// in History, undo it (the title is back), view an older revision read-only, and compare
// two revisions (the renamed statement is marked as changed, amber with a "~").
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { shot, startBrowser, startServer } from "./harness.mjs";

let server; let browser; let page;

before(async () => {
  server = await startServer();
  browser = await startBrowser();
  page = browser.context.pages()[0] ?? await browser.context.newPage();
  page.on("pageerror", (e) => console.error("page error:", e.message));
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

const box = (id) => page.locator(`[data-statement="${id}"]`);
const saved = () => page.locator(".save-state", { hasText: "Saved" }).waitFor();

test("rename, see it in History, undo it, travel back, compare", async () => {
  await page.goto(server.base + "/");
  const select = page.locator("#coalition-select");
  await select.waitFor();
  const option = select.locator("option", { hasText: "Dementia Network" }).first();
  await option.waitFor({ state: "attached" });
  await select.selectOption(await option.getAttribute("value"));
  await box("PI").waitFor();
  await page.waitForTimeout(900);
  const original = (await box("PI").locator(".card-title").textContent() ?? "").replace(/\s+/g, " ").trim();

  await box("PI").click();
  const title = page.getByLabel("Title");
  await title.fill("Timely support for everyone");
  await title.press("Enter");
  await page.locator("[data-statement='PI']", { hasText: "Timely support" }).waitFor();
  await page.locator(".save-state", { hasText: "revision 2" }).waitFor();

  // History: the sentence says who did what.
  await page.getByRole("button", { name: "History", exact: true }).click();
  const newest = page.locator(".history-entry").first();
  await newest.waitFor();
  const text = await newest.innerText();
  assert.match(text, /renamed '.+' → 'Timely support for everyone'/);
  assert.match(text, /revision 2/);
  await shot(page, "history-01-list");

  // Undo it from the list: the title is back on the map.
  await newest.getByRole("button", { name: "Undo", exact: true }).click();
  await page.locator(".history-entry", { hasText: "undid revision 2" }).first().waitFor();
  await page.getByRole("button", { name: "Map", exact: true }).click();
  await box("PI").waitFor();
  await page.waitForTimeout(600);
  const restored = (await box("PI").locator(".card-title").textContent() ?? "").replace(/\s+/g, " ").trim();
  assert.equal(restored, original);

  // View an older revision, read-only, with a banner and a way back.
  await page.getByRole("button", { name: "History", exact: true }).click();
  const renamedEntry = page.locator(".history-entry[data-revision='2']");
  await renamedEntry.waitFor();
  await renamedEntry.getByRole("button", { name: "View the map at this revision" }).click();
  await page.locator(".time-travel-banner", { hasText: "revision 2" }).waitFor();
  await page.locator(".past-map [data-statement='PI']", { hasText: "Timely support" }).waitFor();
  assert.equal(await page.locator(".past-map").getAttribute("data-revision"), "2");
  await shot(page, "history-02-time-travel");
  await page.getByRole("button", { name: "Back to the current map" }).click();
  assert.equal(await page.locator(".time-travel-banner").count(), 0);

  // Compare revision 1 with revision 2: the renamed statement is amber (changed, "~").
  await page.getByLabel("Compare from").selectOption("1");
  await page.getByLabel("Compare to").selectOption("2");
  await page.getByRole("button", { name: "Compare", exact: true }).click();
  await page.locator(".diff-item[data-diff-id='PI']").waitFor();
  assert.match(await page.locator(".diff-item[data-diff-id='PI']").innerText(), /renamed/);
  const marked = page.locator(".past-map [data-statement='PI']");
  await marked.waitFor();
  assert.match(await marked.getAttribute("class"), /diff-changed/);
  assert.equal((await marked.locator(".diff-badge text").textContent() ?? "").trim(), "~");
  const stroke = await marked.locator(".card").evaluate((el) => getComputedStyle(el).stroke);
  assert.equal(stroke, "rgb(184, 110, 0)");
  await shot(page, "history-03-diff");
  assert.deepEqual(browser.errors, []);
});
