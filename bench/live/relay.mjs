// The peer of the live benchmark: the relay a JavaScript team would write first. It
// broadcasts each message it receives to every other client and stores nothing (no
// revision check, no database, no catch-up).
//   node relay.mjs PORT     (prints "relay listening on PORT" once it accepts connections)
import { WebSocketServer, WebSocket } from "ws";

const port = Number(process.argv[2] ?? 0);
const server = new WebSocketServer({ host: "127.0.0.1", port, perMessageDeflate: false });
server.on("listening", () => console.log(`relay listening on ${server.address().port}`));
server.on("connection", (socket) => {
  socket.on("message", (data, isBinary) => {
    for (const client of server.clients) {
      if (client !== socket && client.readyState === WebSocket.OPEN) client.send(data, { binary: isBinary });
    }
  });
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(0));
