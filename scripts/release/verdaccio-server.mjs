// Runs verdaccio (a real npm registry) for the release test: `node verdaccio-server.mjs <config.yaml>`.
// It listens on a free port of 127.0.0.1 and prints `{"port":N}` on stdout once it accepts requests.
import process from "node:process";
import { runServer } from "verdaccio";

const config = process.argv[2];
if (!config) {
  process.stderr.write("usage: node verdaccio-server.mjs <config.yaml>\n");
  process.exit(2);
}
const app = await runServer(config);
const server = app.listen(0, "127.0.0.1", () => {
  process.stdout.write(`${JSON.stringify({ port: server.address().port })}\n`);
});
// The test stops us with SIGTERM: close the socket so the port is freed before we exit.
process.on("SIGTERM", () => {
  server.close(() => process.exit(0));
  server.closeAllConnections?.();
});
