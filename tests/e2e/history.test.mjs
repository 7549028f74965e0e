// History in a real browser against a real server: rename a statement, read the sentence
// in History, undo it (the title is back), view an older revision read-only, and compare
// two revisions (the renamed statement is marked as changed, amber with a "~"); then
// remove a statement and add a link, and compare: the removed statement is a ghost box at
// its old place, the new link a green arrow with a "+".
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { shot, startSession } from "./harness.mjs";

let server; let browser; let page;

before(async () => {
  ({ server, browser, page } = await startSession());
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

test("compare after removing a statement and adding a link: a ghost box and a green arrow on the map", async () => {
  const coalition = Number(new URL(page.url()).hash.match(/#\/c\/(\d+)/)[1]);
  const view = await (await server.api(`/api/coalitions/${coalition}/view?root=top`)).json();
  const start = view.revision;
  const linked = new Set(view.links.flatMap((l) => [`${l.from}>${l.to}`, `${l.to}>${l.from}`]));
  // Remove a top-level statement (not PI, renamed above; with what is inside it, which
  // then counts as "removed inside" its ghost), and link two that are not yet linked.
  const gone = view.visible.find((id) => id !== "PI" && view.statements[id].child_count === 0) ?? view.visible.find((id) => id !== "PI");
  assert.ok(gone, "a top-level statement to remove");
  const rest = view.visible.filter((id) => id !== gone);
  let pair = null;
  for (const a of rest) for (const b of rest) if (!pair && a !== b && !linked.has(`${a}>${b}`)) pair = [a, b];
  assert.ok(pair, "two statements not yet linked");
  const goneTitle = view.statements[gone].title;
  const commit = async (revision, ops) => {
    const response = await server.api(`/api/coalitions/${coalition}/changes`, { method: "POST", body: JSON.stringify({ base_revision: revision, ops }) });
    const body = await response.text();
    assert.equal(response.status, 200, body);
    return JSON.parse(body).revision;
  };
  const removedAt = await commit(start, [{ op: "remove_statement", id: gone, cascade: true }]);
  const linkedAt = await commit(removedAt, [{ op: "add_link", link: { from: pair[0], to: pair[1], polarity: 1, weight: 0.8, assumption: "", evidence: "" } }]);

  await page.getByRole("button", { name: "Map", exact: true }).click();
  await page.locator(".save-state", { hasText: `revision ${linkedAt}` }).waitFor();
  await page.getByRole("button", { name: "History", exact: true }).click();
  await page.locator(`.history-entry[data-revision='${linkedAt}']`).waitFor();
  await page.getByLabel("Compare from").selectOption(String(start));
  await page.getByLabel("Compare to").selectOption(String(linkedAt));
  await page.getByRole("button", { name: "Compare", exact: true }).click();
  await page.locator(`.diff-item[data-diff-id='${gone}']`).waitFor();
  await page.locator(".past-map[data-diff-ready='true']").waitFor();

  // The removed statement: a ghost box with its old title, a dashed red outline and "− removed".
  const ghost = page.locator(`.past-map [data-ghost='${gone}']`);
  await ghost.waitFor();
  assert.equal(await ghost.getAttribute("data-diff"), "removed");
  assert.equal((await ghost.locator(".ghost-title").textContent()).replace(/\s+/g, " ").trim(), goneTitle.replace(/\s+/g, " ").trim());
  assert.match(await ghost.locator(".ghost-label").textContent(), /− removed/);
  const outline = await ghost.locator(".ghost-card").evaluate((el) => ({ stroke: getComputedStyle(el).stroke, dash: getComputedStyle(el).strokeDasharray }));
  assert.equal(outline.stroke, "rgb(179, 38, 30)");
  assert.notEqual(outline.dash, "none");
  assert.equal(await page.locator(`.past-map [data-statement='${gone}']`).count(), 0, "not drawn as a live box");

  // The new link: a green solid arrow with a "+".
  const arrow = page.locator(`.past-map g.link[data-link='${pair[0]}>${pair[1]}']`);
  await arrow.waitFor();
  assert.equal(await arrow.getAttribute("data-diff"), "added");
  const line = await arrow.locator(".link-line").evaluate((el) => ({ stroke: getComputedStyle(el).stroke, dash: getComputedStyle(el).strokeDasharray }));
  assert.equal(line.stroke, "rgb(27, 127, 59)");
  assert.equal(line.dash, "none");
  assert.equal((await page.locator(`.past-map g.mark[data-link='${pair[0]}>${pair[1]}'] .link-diff-badge text`).textContent()).trim(), "+");
  await page.locator(".diff-legend", { hasText: "added" }).waitFor();
  await shot(page, "history-04-diff-ghost-and-link");
  assert.deepEqual(browser.errors, []);
});
