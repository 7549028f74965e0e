// Who does what, in browsers against a real server (issue 5). A steward creates an
// organisation, a person in it linked to a new account, and an initiative, through the
// API; that person signs in, filters the map to their organisation, opens its page and
// sees its line of sight to the top outcomes, adds a contribution and a resource pledge
// and marks a milestone done. A second browser on the opportunities page sees it change
// live. A steward publishes a public link without people's names: it shows the map and
// opportunities without signing in, no hidden name appears in its HTML or API answers,
// and once revoked it stops working.
import http from "node:http";
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { shot, signIn, signInFromNode, startBrowser, startServer } from "./harness.mjs";

const ORG = "Harbour Housing Trust";
const PERSON = "Ria Moss-Okonkwo";
const EMAIL = "ria@harbour.example";
const PASSWORD = "ria-secret-password-9";
const OTHER_PERSON = "Theo Vandersloot";

let server; let coalition; let org; let goals; let initiative;
let ria; let steward;

async function api(path, init = {}) {
  const response = await server.api(path, init);
  const text = await response.text();
  let body = null;
  try { body = text ? JSON.parse(text) : null; } catch { body = text; }
  return { status: response.status, body, text };
}

async function commit(ops) {
  const { body: view } = await api(`/api/coalitions/${coalition.id}/view?root=top`);
  const answer = await api(`/api/coalitions/${coalition.id}/changes`, {
    method: "POST", body: JSON.stringify({ base_revision: view.revision, ops }),
  });
  assert.equal(answer.status, 200, `commit refused: ${answer.text}`);
  return answer.body;
}

const work = async () => (await api(`/api/coalitions/${coalition.id}/work`)).body;

async function pageOf(browser) {
  const page = browser.context.pages()[0] ?? await browser.context.newPage();
  page.on("pageerror", (e) => console.error("page error:", e.message));
  return page;
}

before(async () => {
  server = await startServer();
  const list = (await api("/api/coalitions")).body;
  coalition = list.find((c) => c.name.startsWith("Dementia Network"));
  assert.ok(coalition, "the demo coalition is there");

  // An account for Ria, through an invitation (editor), registered over the API.
  const invite = await api(`/api/coalitions/${coalition.id}/invites`, { method: "POST", body: JSON.stringify({ email: EMAIL, role: "editor" }) });
  assert.ok(invite.status === 200 || invite.status === 201, invite.text);
  const registered = await fetch(`${server.base}/api/invites/${encodeURIComponent(invite.body.code)}/register`, {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: PERSON, password: PASSWORD }),
  });
  assert.ok(registered.ok, await registered.clone().text());
  const account = (await registered.json()).user.id;

  // Her organisation (with goals of its own), her person record, a colleague, an initiative.
  const created = await commit([
    { op: "add_organisation", organisation: { name: ORG, sector: "non-profit", description: "Supportive housing on the east side",
      website: "https://harbour.example", mission: "Everyone ages at home, safely",
      goals: [{ id: "g1", text: "People stay housed as their needs change" }, { id: "g2", text: "Neighbours look out for each other" }] } },
  ]);
  org = created.ids[0];
  assert.ok(org, "the organisation got an id");
  const more = await commit([
    { op: "add_person", person: { name: PERSON, email: EMAIL, account, organisations: [org] } },
    { op: "add_person", person: { name: OTHER_PERSON, email: "theo@harbour.example", account: null, organisations: [org] } },
    { op: "add_initiative", initiative: { name: "Home Safety Visits", kind: "pilot", description: "Visits to 40 households", lead: org, partners: [],
      statements: ["CAP1c"], start: "2026-01-01", end: "2027-06-30", status: "active", links: [],
      milestones: [{ name: "First 10 visits", due: "2026-11-30", done: null }, { name: "Evaluation", due: "2027-05-01", done: null }] } },
    { op: "add_contribution", contribution: { organisation: org, statement: "CAP1c", role: "lead", activity: "Adapts homes for people living alone",
      serves_goals: ["g1"], since: "2025-04-01" } },
  ]);
  initiative = more.ids[2];
  const w = await work();
  goals = w.organisations.find((o) => o.id === org).goals;
  assert.equal(goals.length, 2);
  assert.ok(w.people.some((p) => p.name === PERSON && p.account === account), "Ria is linked to her account");

  ria = await startBrowser({ width: 1500, height: 900 }, { signedIn: false });
  await signIn(await pageOf(ria), server.base, { email: EMAIL, password: PASSWORD, at: `#/c/${coalition.id}` });
  steward = await startBrowser({ width: 1400, height: 860 });
});

after(async () => {
  await ria?.close();
  await steward?.close();
  await server?.stop();
});

test("a member filters the map to her organisation: its objectives stand out, the rest dim, boxes carry badges", async () => {
  const page = await pageOf(ria);
  await page.goto(`${server.base}/#/c/${coalition.id}`);
  await page.locator('[data-statement="CAP1"]').waitFor();
  await page.locator("#org-filter").selectOption({ label: ORG });
  // CAP1c (where it contributes) sits inside CAP1, so CAP1 is highlighted; SG is not.
  await page.locator('[data-statement="CAP1"][data-org-focus]').waitFor({ timeout: 5000 });
  assert.match(await page.locator('[data-statement="SG"]').getAttribute("class"), /\bdim\b/);
  assert.doesNotMatch(await page.locator('[data-statement="CAP1"]').getAttribute("class"), /\bdim\b/);
  // Nobody works on SG: it is marked unclaimed; CAP1's sub-map has work, so it is not.
  assert.notEqual(await page.locator('[data-statement="SG"]').getAttribute("data-unclaimed"), null);
  assert.equal(await page.locator('[data-statement="CAP1"]').getAttribute("data-unclaimed"), null);
  await shot(page, "work-01-map-filtered");

  // Inside CAP1, CAP1c shows one contributing organisation.
  await page.goto(`${server.base}/#/c/${coalition.id}/in/CAP1`);
  await page.locator('[data-statement="CAP1c"][data-contributors="1"]').waitFor({ timeout: 5000 });
  await shot(page, "work-02-map-badges");
});

test("her organisation's page shows its line of sight to the top outcomes and the goal each path serves", async () => {
  const page = await pageOf(ria);
  await page.goto(`${server.base}/#/c/${coalition.id}`);
  await page.getByRole("button", { name: "Who does what" }).click();
  await page.locator(".org-table").getByRole("link", { name: ORG }).click();
  await page.locator(".org-page h1", { hasText: ORG }).waitFor();
  const sight = (await api(`/api/coalitions/${coalition.id}/organisations/${org}/line-of-sight`)).body;
  assert.ok(sight.paths.length > 0, "the API traces at least one path");
  const path = page.locator('.los-path[data-from="CAP1c"]').first();
  await path.waitFor({ timeout: 5000 });
  // The chain starts where it contributes and ends at a top outcome, and names goal g1.
  const boxes = await path.locator(".los-box").allInnerTexts();
  assert.match(boxes[0], /housing and supports/i);
  assert.ok(sight.outcomes.includes(await path.getAttribute("data-to")), "the path ends at a top outcome");
  assert.match(await path.locator(".los-goals").innerText(), /People stay housed as their needs change/);
  assert.ok(await page.locator(".los-outcomes li.reached").count() >= 1);
  await shot(page, "work-03-line-of-sight");
});

test("she adds a contribution from an objective's panel, pledges a resource and marks a milestone done", async () => {
  const page = await pageOf(ria);
  await page.goto(`${server.base}/#/c/${coalition.id}/in/CAP2`);
  await page.locator('[data-statement="CAP2b"]').click();
  await page.getByRole("button", { name: "+ Contribution" }).click();
  const form = page.getByRole("form", { name: "Add a contribution" });
  await form.getByLabel("Organisation").selectOption({ label: ORG });
  await form.getByLabel("Role").selectOption("partner");
  await form.getByLabel("What it does").fill("Hosts memory cafés in its buildings");
  await form.getByLabel("Neighbours look out for each other").check();
  await form.getByRole("button", { name: "Add contribution" }).click();
  await page.locator(`.contributions li[data-organisation="${org}"]`, { hasText: "memory cafés" }).waitFor({ timeout: 5000 });
  await page.locator('[data-statement="CAP2b"][data-contributors="1"]').waitFor({ timeout: 5000 });
  await shot(page, "work-04-contribution-added");
  const added = (await work()).contributions.find((c) => c.statement === "CAP2b" && c.organisation === org);
  assert.ok(added, "the contribution is stored");
  assert.deepEqual(added.serves_goals, ["g2"]);
  assert.equal(added.role, "partner");
  // She edits what it does.
  await page.getByRole("button", { name: `Edit the contribution of ${ORG}` }).click();
  const edit = page.getByRole("form", { name: "Edit the contribution" });
  await edit.getByLabel("What it does").fill("Hosts memory cafés and a carers' group");
  await edit.getByRole("button", { name: "Save" }).click();
  await page.locator(`.contributions li[data-organisation="${org}"]`, { hasText: "carers' group" }).waitFor({ timeout: 5000 });
  assert.equal((await work()).contributions.find((c) => c.id === added.id).activity, "Hosts memory cafés and a carers' group");

  // A resource pledge from the organisation's page, for that objective.
  await page.goto(`${server.base}/#/c/${coalition.id}/organisations/${encodeURIComponent(org)}`);
  await page.locator(".org-page h1", { hasText: ORG }).waitFor();
  await page.getByRole("button", { name: "+ Resource pledge" }).click();
  await page.getByLabel("For", { exact: true }).selectOption({ label: `Objective: ${(await api(`/api/coalitions/${coalition.id}/view?root=CAP2`)).body.statements.CAP2b.title}` });
  const pledge = page.getByRole("form", { name: "Add a resource" });
  await pledge.getByLabel("Kind").selectOption("funding");
  await pledge.getByLabel("Amount").fill("7500");
  await pledge.getByLabel("Unit").fill("CAD");
  await pledge.getByRole("button", { name: "Add resource" }).click();
  await page.locator('section[aria-label="Resources"] tr', { hasText: "7,500 CAD" }).waitFor({ timeout: 5000 });
  const resource = (await work()).resources.find((r) => r.organisation === org);
  assert.equal(resource.amount, 7500);
  assert.equal(resource.unit, "CAD");
  assert.equal(resource.status, "pledged");
  assert.equal(resource.statement, "CAP2b");

  // The resource totals by organisation show it, pledged and not yet received, in its currency.
  await page.getByRole("link", { name: "Resources", exact: true }).click();
  await page.getByRole("button", { name: "By organisation" }).click();
  const totalsRow = page.locator(`.totals-table[data-by="organisation"] tr[data-group="${org}"][data-unit="CAD"]`);
  await totalsRow.waitFor({ timeout: 5000 });
  assert.match(await totalsRow.innerText(), /7,500 CAD\s+0 CAD/);
  await shot(page, "work-05a-totals");
  await page.goBack();
  await page.locator(".org-page h1", { hasText: ORG }).waitFor();

  // Mark the first milestone of its initiative done.
  const milestone = page.locator(`[data-initiative="${initiative}"] li`, { hasText: "First 10 visits" });
  await milestone.getByRole("checkbox").check();
  await milestone.locator(".small-print", { hasText: /done \d{4}-\d\d-\d\d/ }).waitFor({ timeout: 5000 });
  const stored = (await work()).initiatives.find((i) => i.id === initiative).milestones.find((m) => m.name === "First 10 visits");
  assert.match(stored.done ?? "", /^\d{4}-\d\d-\d\d$/);
  await shot(page, "work-05-org-page-after");

  // Her own page lists the milestone left to do, not the done one.
  await page.getByRole("link", { name: "Me", exact: true }).click();
  await page.locator(".me-page h1", { hasText: PERSON }).waitFor();
  await page.locator(".me-page tr", { hasText: "Evaluation" }).waitFor();
  assert.equal(await page.locator(".me-page tr", { hasText: "First 10 visits" }).count(), 0);
  await shot(page, "work-06-me");
});

test("a contributor records her own organisation's pledge; the server refuses what is not hers, saying why", async () => {
  const email = "sam@harbour.example";
  const invite = await api(`/api/coalitions/${coalition.id}/invites`, { method: "POST", body: JSON.stringify({ email, role: "contributor" }) });
  const registered = await fetch(`${server.base}/api/invites/${encodeURIComponent(invite.body.code)}/register`, {
    method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ name: "Sam Contributor", password: PASSWORD }),
  });
  assert.ok(registered.ok, await registered.clone().text());
  const account = (await registered.json()).user.id;
  await commit([{ op: "add_person", person: { name: "Sam Contributor", email, account, organisations: [org] } }]);
  const sam = await startBrowser({ width: 1400, height: 860 }, { signedIn: false });
  try {
    const page = await pageOf(sam);
    await signIn(page, server.base, { email, password: PASSWORD, at: `#/c/${coalition.id}/organisations/${encodeURIComponent(org)}` });
    await page.locator(".org-page h1", { hasText: ORG }).waitFor();
    await page.getByRole("button", { name: "+ Resource pledge" }).click();
    await page.getByLabel("For", { exact: true }).selectOption("");
    const pledge = page.getByRole("form", { name: "Add a resource" });
    await pledge.getByLabel("Kind").selectOption("volunteer_hours");
    await pledge.getByLabel("Amount").fill("40");
    await pledge.getByLabel("Unit").fill("hours");
    await pledge.getByRole("button", { name: "Add resource" }).click();
    await page.locator('section[aria-label="Resources"] tr', { hasText: "40 hours" }).waitFor({ timeout: 5000 });
    assert.ok((await work()).resources.some((r) => r.organisation === org && r.amount === 40 && r.unit === "hours"));
    // The organisation's own description is for editors: shown, not editable here.
    assert.equal(await page.getByLabel("Mission").isDisabled(), true);
    // And the server refuses a contributor's change that is not hers to make, saying why.
    const { body: view } = await api(`/api/coalitions/${coalition.id}/view?root=top`);
    const samAuth = await signInFromNode(server.base, email, PASSWORD);
    const refused = await fetch(`${server.base}/api/coalitions/${coalition.id}/work`, {
      method: "POST", headers: { cookie: samAuth.cookie, "x-csrf-token": samAuth.csrf, "content-type": "application/json" },
      body: JSON.stringify({ base_revision: view.revision, ops: [{ op: "update_organisation", id: org, set: { mission: "Something else" } }] }),
    });
    assert.equal(refused.status, 403);
    assert.match(await refused.text(), /contributor/);
    await shot(page, "work-06b-contributor");
  } finally {
    await sam.close();
  }
});

test("the opportunities page updates live in a second browser", async () => {
  const page = await pageOf(steward);
  await page.goto(`${server.base}/#/c/${coalition.id}/opportunities`);
  await page.locator(".opportunity").first().waitFor();
  await page.evaluate(() => { window.notReloaded = true; });
  const first = await page.locator(".opportunity").first().getAttribute("data-opportunity");
  const needsAdvocate = (await api(`/api/coalitions/${coalition.id}/opportunities`)).body.statements
    .find((s) => s.needs.includes("advocate"));
  assert.ok(needsAdvocate, "something needs an advocate");
  const row = page.locator(`.opportunity[data-opportunity="${needsAdvocate.id}"]`);
  await row.locator(".need-advocate").waitFor();
  await shot(page, "work-07-opportunities-before");

  // Ria becomes its lead advocate, from her own browser's panel.
  const riaPage = await pageOf(ria);
  const parent = (await api(`/api/coalitions/${coalition.id}/export`)).body.statements.find((s) => s.id === needsAdvocate.id).parent;
  await riaPage.goto(`${server.base}/#/c/${coalition.id}${parent ? `/in/${encodeURIComponent(parent)}` : ""}`);
  await riaPage.locator(`[data-statement="${needsAdvocate.id}"]`).click();
  await riaPage.getByRole("button", { name: "+ Advocate" }).click();
  await riaPage.getByLabel("Person").selectOption({ label: PERSON });
  await riaPage.getByRole("button", { name: "Add advocate" }).click();
  await riaPage.locator('[aria-label="Lead advocates"] li', { hasText: PERSON }).waitFor({ timeout: 5000 });

  // The steward's page no longer lists "needs a lead advocate" for it, without reloading.
  await page.waitForFunction((id) => {
    const el = document.querySelector(`.opportunity[data-opportunity="${id}"]`);
    return !el || !el.querySelector(".need-advocate");
  }, needsAdvocate.id, { timeout: 8000 });
  assert.equal(await page.evaluate(() => window.notReloaded), true, "the page was not reloaded");
  assert.ok(first, "the list had rows");
  await shot(page, "work-08-opportunities-after");
});

test("a steward removes a milestone and an initiative (after asking), and a person only once nobody relies on them", async () => {
  // A second initiative and a newcomer who advocates an objective, set up over the API.
  const setup = await commit([
    { op: "add_initiative", initiative: { name: "Winter Check-ins", kind: "action", description: "", lead: org, partners: [],
      statements: [], start: "2026-01-01", end: "2026-12-31", status: "planned", links: [],
      milestones: [{ name: "Call list ready", due: "2026-02-01", done: null }, { name: "Volunteers trained", due: "2026-03-01", done: null }] } },
    { op: "add_person", person: { name: "Nia Okafor", email: "nia@harbour.example", account: null, organisations: [org] } },
  ]);
  const [extra, nia] = setup.ids;
  await commit([{ op: "add_advocate", advocate: { statement: "CAP1c", person: nia } }]);

  const page = await pageOf(steward);
  await page.goto(`${server.base}/#/c/${coalition.id}/organisations/${encodeURIComponent(org)}`);
  const card = page.locator(`[data-initiative="${extra}"]`);
  await card.waitFor();

  await card.getByRole("button", { name: "Remove milestone “Call list ready”" }).click();
  await card.locator("li", { hasText: "Call list ready" }).waitFor({ state: "detached", timeout: 5000 });
  assert.deepEqual((await work()).initiatives.find((i) => i.id === extra).milestones.map((m) => m.name), ["Volunteers trained"]);

  await card.getByRole("button", { name: "Remove…" }).click();
  const ask = page.getByRole("alertdialog", { name: "Remove the initiative Winter Check-ins" });
  await ask.waitFor();
  await shot(page, "work-08b-remove-initiative");
  await ask.getByRole("button", { name: "Keep it" }).click();
  assert.ok((await work()).initiatives.some((i) => i.id === extra), "kept when the person says so");
  await card.getByRole("button", { name: "Remove…" }).click();
  await ask.getByRole("button", { name: "Remove initiative" }).click();
  await card.waitFor({ state: "detached", timeout: 5000 });
  assert.ok(!(await work()).initiatives.some((i) => i.id === extra));

  // Nia advocates an objective: removing her is refused, saying where; nothing changes.
  const person = page.locator(`li[data-person="${nia}"]`);
  await person.getByRole("button", { name: "Remove Nia Okafor" }).click();
  const refusal = page.locator(".work-refusal", { hasText: /advocate/i });
  await refusal.waitFor({ timeout: 5000 });
  assert.match(await refusal.innerText(), /CAP1c|advocate/);
  assert.ok((await work()).people.some((p) => p.id === nia), "still there");
  await shot(page, "work-08c-remove-person-refused");
  // Once she no longer advocates it, she can be removed.
  const advocate = (await work()).advocates.find((a) => a.person === nia);
  await commit([{ op: "remove_advocate", id: advocate.id }]);
  await person.getByRole("button", { name: "Remove Nia Okafor" }).click();
  await person.waitFor({ state: "detached", timeout: 5000 });
  assert.ok(!(await work()).people.some((p) => p.id === nia));
});

test("a steward names an action team's convenor and changes its members in the objective's panel", async () => {
  const added = await commit([{ op: "add_action_team", action_team: { name: "Housing circle", statement: "CAP1c", convenor: null, members: [], activity: "" } }]);
  const team = added.ids[0];
  const people = (await work()).people;
  const ria = people.find((p) => p.name === PERSON).id;
  const theo = people.find((p) => p.name === OTHER_PERSON).id;
  const page = await pageOf(steward);
  await page.goto(`${server.base}/#/c/${coalition.id}/in/CAP1`);
  await page.locator('[data-statement="CAP1c"]').click();
  const card = page.locator(`[data-team="${team}"]`);
  await card.waitFor({ timeout: 5000 });
  await card.getByLabel("Convenor of Housing circle").selectOption({ label: PERSON });
  await card.getByLabel("Add a member to Housing circle").selectOption({ label: OTHER_PERSON });
  await card.locator(`li[data-member="${theo}"]`).waitFor({ timeout: 5000 });
  await card.getByLabel("Add a member to Housing circle").selectOption({ label: PERSON });
  await card.locator(`li[data-member="${ria}"]`).waitFor({ timeout: 5000 });
  let stored = (await work()).action_teams.find((t) => t.id === team);
  assert.equal(stored.convenor, ria);
  assert.deepEqual(stored.members, [theo, ria]);
  await card.scrollIntoViewIfNeeded();
  await shot(page, "work-08d-team-members");
  await card.getByRole("button", { name: `Take ${OTHER_PERSON} off Housing circle` }).click();
  await card.locator(`li[data-member="${theo}"]`).waitFor({ state: "detached", timeout: 5000 });
  stored = (await work()).action_teams.find((t) => t.id === team);
  assert.deepEqual(stored.members, [ria]);
});

test("a public link shows the map and opportunities without signing in, hides people's names, and stops when revoked", async () => {
  const page = await pageOf(steward);
  await page.goto(`${server.base}/#/c/${coalition.id}/members`);
  const panel = page.locator("section.publish");
  await panel.waitFor();
  assert.equal(await panel.getByLabel("Show people's names (advocates, teams)").isChecked(), false);
  await panel.getByRole("button", { name: "Create public link" }).click();
  const link = panel.locator(".publication").first().getByLabel(/^Link to share/);
  await link.waitFor({ timeout: 5000 });
  const url = await link.inputValue();
  assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/p\/[^/]+$/);
  const embed = await panel.locator(".publication").first().getByLabel(/^Embed in a website/).inputValue();
  assert.ok(embed.startsWith(`<iframe src="${url}"`), embed);
  await shot(page, "work-09-publish");
  const token = url.split("/p/")[1];

  // A stranger's browser: no session at all.
  const stranger = await startBrowser({ width: 1400, height: 860 }, { signedIn: false });
  try {
    const pub = await pageOf(stranger);
    await pub.goto(url);
    await pub.locator('[data-statement="SG"]').waitFor({ timeout: 8000 });
    assert.equal(await pub.locator("form.auth-form").count(), 0, "no sign-in page");
    assert.equal(await pub.getByRole("button", { name: /Add objective/ }).count(), 0, "no editing controls");
    await pub.locator('[data-statement="CAP1"]').click();
    await pub.locator(".public-panel").waitFor();
    assert.equal(await pub.locator(".public-panel input, .public-panel textarea, .public-panel select").count(), 0);
    await shot(pub, "work-10-public-map");
    const mapHtml = await pub.content();
    await pub.getByRole("button", { name: "Opportunities" }).click();
    await pub.locator(".opportunity").first().waitFor({ timeout: 5000 });
    await shot(pub, "work-11-public-opportunities");
    const oppHtml = await pub.content();
    // The embed snippet works in another site's page.
    const host = await stranger.context.newPage();
    // (Served by a web server of its own, another origin: "frame-ancestors *" covers network
    // schemes, not about:blank, and Chromium lets a loopback page frame only loopback pages.)
    const site = http.createServer((_request, response) => {
      response.writeHead(200, { "content-type": "text/html" });
      response.end(`<!doctype html><title>Our coalition</title><h1>Our coalition</h1>${embed}`);
    });
    await new Promise((resolve) => site.listen(0, "127.0.0.1", resolve));
    try {
      await host.goto(`http://127.0.0.1:${site.address().port}/`);
      await host.frameLocator("iframe").locator('[data-statement="SG"]').waitFor({ timeout: 8000 });
      await shot(host, "work-11b-embedded");
    } finally {
      await host.close();
      site.closeAllConnections();
      await new Promise((resolve) => site.close(resolve));
    }
    // The advocate added above is Ria: her name must appear nowhere public.
    const bodies = [mapHtml, oppHtml];
    for (const path of ["view?root=top", "view?root=CAP1", "opportunities", "work"]) {
      const response = await fetch(`${server.base}/api/public/${token}/${path}`);
      assert.equal(response.status, 200, `public ${path}`);
      bodies.push(await response.text());
    }
    bodies.push(await (await fetch(url)).text());
    for (const body of bodies) {
      for (const name of [PERSON, OTHER_PERSON, EMAIL, "theo@harbour.example"]) assert.ok(!body.includes(name), `"${name}" is hidden`);
    }
    assert.ok(bodies[bodies.length - 2].includes(ORG), "organisations are shown (chosen public)");

    // Revoke: the link stops working, for the page and for the API.
    await panel.getByRole("button", { name: "Revoke…" }).first().click();
    await panel.getByRole("button", { name: "Revoke", exact: true }).click();
    await panel.locator(".publication").waitFor({ state: "detached", timeout: 5000 });
    assert.equal((await fetch(`${server.base}/api/public/${token}/view?root=top`)).status, 404);
    assert.equal((await fetch(`${server.base}/api/public/${token}/opportunities`)).status, 404);
    const gone = await pub.goto(url);
    assert.equal(gone.status(), 404);
    assert.match(await pub.locator("body").innerText(), /no longer\) published/);
    await shot(pub, "work-12-public-revoked");
  } finally {
    await stranger.close();
  }
  assert.deepEqual(ria.errors, []);
  assert.deepEqual(steward.errors, []);
});
