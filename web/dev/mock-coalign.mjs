#!/usr/bin/env node
// Accepts `serve --db X --port N --demo` like the real binary, so the browser tests can
// run against the mock (COALIGN_BINARY=web/dev/mock-coalign.mjs) before the server exists.
const args = process.argv.slice(2);
const port = args[args.indexOf("--port") + 1] ?? "8123";
process.env.PORT = port;
await import("./mock-server.mjs");
