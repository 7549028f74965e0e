// Driver of the live benchmark: N WebSocket clients follow one feed while a writer sends
// edits at a fixed rate; every client notes when each edit reaches it. The same driver
// measures coalign's live feed (the writer pushes through the one write path and each
// client receives the committed change) and the relay peer (relay.mjs: the writer's
// message is re-broadcast as it is), with messages of the same shape and size.
//   node live_bench.mjs --target coalign|relay --url ws://127.0.0.1:PORT/... [--token T]
//        [--clients 200] [--rate 20] [--seconds 20] [--statements PI,SG,...]
//        [--author "Name <email>"]
// Prints one JSON object (the latencies in ms) on stdout; progress on stderr.
import { performance } from "node:perf_hooks";
import WebSocket from "ws";

function parseArgs(argv) {
  const options = { target: "coalign", clients: 200, rate: 20, seconds: 20, statements: "PI,SG,EO1,EO2,EO3,EO4",
                    author: "Demo Steward <steward@demo.coalign>", token: "" };
  for (let arg_idx = 2; arg_idx < argv.length; arg_idx += 2) options[argv[arg_idx].replace(/^--/, "")] = argv[arg_idx + 1];
  for (const key of ["clients", "rate", "seconds"]) options[key] = Number(options[key]);
  options.statements = options.statements.split(",");
  return options;
}

const options = parseArgs(process.argv);
const isCoalign = options.target === "coalign";
const edits = Math.round(options.rate * options.seconds);
const sentAt = new Float64Array(edits).fill(NaN);
const latencies = [];              // ms, one per (edit, client) delivery
const receivedBy = new Uint16Array(edits);
let receivedBytes = 0;
let receivedChanges = 0;
let duplicates = 0;

const log = (...parts) => console.error("[live_bench]", ...parts);
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
function withTimeout(promise, ms, what) {
  return Promise.race([promise, sleep(ms).then(() => { throw new Error(`timed out after ${ms} ms: ${what}`); })]);
}

// A socket that resolves `ready` once it can be used: open (relay) or welcomed (coalign).
function connect(onChange) {
  const ws = new WebSocket(options.url, {
    headers: options.token ? { authorization: `Bearer ${options.token}` } : {},
    perMessageDeflate: false,
  });
  const seen = new Set();
  const ready = new Promise((resolve, reject) => {
    ws.once("error", reject);
    ws.once("unexpected-response", (_request, response) => reject(new Error(`HTTP ${response.statusCode}`)));
    ws.once("open", () => {
      if (!isCoalign) return resolve(ws);
      ws.send(JSON.stringify({ type: "hello", since: -1 }));
    });
    ws.on("message", (data) => {
      const now = performance.now();
      const text = String(data);
      const message = JSON.parse(text);
      if (message.type === "welcome") return resolve(ws);
      if (message.type !== "change") return onChange?.other?.(message);
      const match = /edit (\d+)\b/.exec(message.ops?.[0]?.set?.title ?? "");
      if (!match || !onChange) return;
      const edit_idx = Number(match[1]);
      if (seen.has(edit_idx)) { duplicates++; return; }
      seen.add(edit_idx);
      onChange.change(edit_idx, now, text.length, message);
    });
  });
  return { ws, ready };
}

function percentile(sorted, fraction) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(fraction * sorted.length) - 1)];
}

async function main() {
  const deadline = performance.now() + 300_000;  // the whole run, however it goes
  // 1. The followers, opened 20 at a time (each waits for its welcome on coalign).
  const clients = [];
  const follower = {
    change(edit_idx, now, bytes) {
      latencies.push(now - sentAt[edit_idx]);
      receivedBy[edit_idx]++;
      receivedBytes += bytes;
      receivedChanges++;
    },
  };
  for (let client_idx = 0; client_idx < options.clients; client_idx += 20) {
    const batch = [];
    for (let batch_idx = client_idx; batch_idx < Math.min(options.clients, client_idx + 20); batch_idx++)
      batch.push(connect(follower));
    for (const client of batch) clients.push(await withTimeout(client.ready, 15_000, "a follower to connect"));
  }
  log(`${clients.length} followers connected to ${options.target}`);

  // 2. The writer: its own socket; on coalign it tracks the revision to base its pushes on.
  let revision = 0;
  let refused = 0;
  const committedAt = new Float64Array(edits).fill(NaN);
  const writer = connect({
    change(_edit_idx, _now, _bytes, message) { revision = Math.max(revision, message.revision); },
    other(message) {
      if (message.type === "commit") {
        revision = Math.max(revision, message.revision);
        const edit_idx = Number(message.id.slice(1));
        committedAt[edit_idx] = performance.now() - sentAt[edit_idx];
      } else if (message.type === "refused") {
        refused++;
        if (refused <= 3) log("refused:", JSON.stringify(message).slice(0, 300));
      } else if (message.type === "welcome") {
        revision = message.revision;
      }
    },
  });
  const writerSocket = await withTimeout(writer.ready, 15_000, "the writer to connect");
  // Let the joins' presence messages drain before measuring.
  await sleep(1500);

  // 3. Edits at a fixed rate, each scheduled from the start (no drift).
  const padding = "x".repeat(40);
  const start = performance.now();
  for (let edit_idx = 0; edit_idx < edits; edit_idx++) {
    const due = start + (edit_idx * 1000) / options.rate;
    const wait = due - performance.now();
    if (wait > 0) await sleep(wait);
    const op = { op: "update_statement", id: options.statements[edit_idx % options.statements.length],
                 set: { title: `live bench edit ${edit_idx} ${padding}` } };
    let text;
    if (isCoalign) {
      text = JSON.stringify({ type: "push", id: `e${edit_idx}`, base_revision: revision, ops: [op] });
    } else {
      // The shape and size of coalign's change message, with the next revision.
      text = JSON.stringify({ type: "change", revision: revision + edit_idx + 1, author: options.author, ops: [op] });
    }
    sentAt[edit_idx] = performance.now();
    writerSocket.send(text);
  }
  const sendSpan = performance.now() - start;

  // 4. Wait for every delivery (bounded).
  const expected = edits * clients.length;
  const waitUntil = Math.min(deadline, performance.now() + 10_000);
  while (latencies.length < expected && performance.now() < waitUntil) await sleep(50);
  for (const client of clients) client.terminate();
  writerSocket.terminate();

  const sorted = Float64Array.from(latencies).sort();
  const commits = Float64Array.from(committedAt.filter((value) => !Number.isNaN(value))).sort();
  const result = {
    target: options.target,
    clients: clients.length,
    edits,
    rate: edits / (sendSpan / 1000),
    deliveries: latencies.length,
    missing: expected - latencies.length,
    duplicates,
    refused,
    mean_message_bytes: receivedChanges ? receivedBytes / receivedChanges : 0,
    p50: percentile(sorted, 0.5),
    p95: percentile(sorted, 0.95),
    p99: percentile(sorted, 0.99),
    max: sorted.length ? sorted[sorted.length - 1] : NaN,
    writer_ack_p50: isCoalign ? percentile(commits, 0.5) : null,
    writer_ack_p99: isCoalign ? percentile(commits, 0.99) : null,
  };
  console.log(JSON.stringify(result));
  process.exit(0);
}

main().catch((error) => {
  console.error("[live_bench] failed:", error.message);
  process.exit(1);
});
