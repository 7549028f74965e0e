// Comments in two browsers against a real server: one person comments on an objective
// from the details panel and the map shows a count badge; the other sees the comment
// (and the badge) live without reloading, replies with an @mention, and resolves the
// thread, which clears the badge for both.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { shot, startBrowser, startServer } from "./harness.mjs";
import { coalitionNamed, signIn } from "./live_support.mjs";

let server; let auth; let coalition;
let ann; let bob;

async function person() {
  const browser = await startBrowser({ width: 1400, height: 860 });
  const signedIn = (await browser.context.cookies()).some((c) => c.name === "coalign_session");
  if (auth.cookie && !signedIn) {
    const [name, value] = auth.cookie.split("=");
    await browser.context.addCookies([{ name, value, url: server.base }]);
  }
  const page = browser.context.pages()[0] ?? await browser.context.newPage();
  page.on("pageerror", (e) => console.error("page error:", e.message));
  await page.goto(`${server.base}/#/c/${coalition.id}`);
  await page.locator('[data-statement="SG"]').waitFor();
  await page.waitForTimeout(900);
  return { browser, page };
}

const box = (p, id) => p.page.locator(`[data-statement="${id}"]`);
const badge = (p, id) => p.page.locator(`[data-statement="${id}"] .comment-badge`);

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

test("a comment on an objective shows in the panel and as a count on the map", async () => {
  await box(ann, "SG").click();
  const composer = ann.page.getByRole("textbox", { name: /Add a comment/ });
  await composer.fill("Do we have evidence for this goal?");
  await ann.page.getByRole("button", { name: "Comment", exact: true }).click();
  await ann.page.locator(".comment-body", { hasText: "evidence for this goal" }).waitFor({ timeout: 3000 });
  await badge(ann, "SG").waitFor({ timeout: 3000 });
  assert.equal(await badge(ann, "SG").getAttribute("data-comment-count"), "1");
  await shot(ann.page, "comments-01-commented");
});

test("the other person sees it live, replies with an @mention, and resolves the thread", async () => {
  await bob.page.evaluate(() => { window.notReloaded = true; });
  await badge(bob, "SG").waitFor({ timeout: 3000 });
  await box(bob, "SG").click();
  const thread = bob.page.locator(".comment-thread").first();
  await thread.locator(".comment-body", { hasText: "evidence for this goal" }).waitFor({ timeout: 3000 });
  const reply = thread.getByRole("textbox", { name: "Reply…" });
  await reply.pressSequentially("Yes, see the 2023 audit @Dem");
  const suggestion = bob.page.locator(".mention-suggestions button").first();
  await suggestion.waitFor({ timeout: 3000 });
  await suggestion.click();
  assert.match(await reply.inputValue(), /@\S.* $/, "the mention is filled in");
  await thread.getByRole("button", { name: "Reply", exact: true }).click();
  await thread.locator(".comment-replies .comment-body", { hasText: "2023 audit" }).waitFor({ timeout: 3000 });
  await thread.locator(".comment-replies .mention").first().waitFor({ timeout: 3000 });
  // Ann sees the reply without doing anything; the badge counts both.
  await ann.page.locator(".comment-replies .comment-body", { hasText: "2023 audit" }).waitFor({ timeout: 3000 });
  await ann.page.locator('[data-statement="SG"] .comment-badge[data-comment-count="2"]').waitFor({ timeout: 3000 });
  await shot(bob.page, "comments-02-replied");

  await thread.getByRole("button", { name: "Resolve", exact: true }).click();
  await badge(bob, "SG").waitFor({ state: "detached", timeout: 3000 });
  await badge(ann, "SG").waitFor({ state: "detached", timeout: 3000 });
  await bob.page.getByRole("button", { name: /Show 1 resolved thread/ }).waitFor({ timeout: 3000 });
  assert.equal(await bob.page.evaluate(() => window.notReloaded), true);

  const history = await (await server.api(`/api/coalitions/${coalition.id}/history?limit=3`)).json();
  const sentences = history.entries.flatMap((e) => e.sentences);
  assert.ok(sentences.some((s) => s.startsWith("resolved a comment on")), sentences.join(" | "));
  await shot(bob.page, "comments-03-resolved");
});
