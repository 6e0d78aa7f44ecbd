import { describe, expect, it } from "vitest";
import { startListeningProcess } from "../src/listening-process.js";

const SERVER = `require("node:http").createServer((q, s) => s.end("up")).listen(0, "127.0.0.1", function () {
  console.log("listening on http://127.0.0.1:" + this.address().port + " (test)");
});`;

describe("startListeningProcess: a node process awaited until it prints its URL", () => {
  it("resolves with the printed URL of a server that answers, and stop() ends the process", async () => {
    const server = await startListeningProcess(["-e", SERVER]);
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await (await fetch(server.url)).text()).toBe("up");
    await server.stop();
    expect(server.child.signalCode).toBe("SIGTERM");
    await server.stop(); // already stopped: resolves at once
  });

  it("rejects, with the last stderr line, when the process exits before listening", async () => {
    await expect(startListeningProcess(["-e", 'console.error("bad flag: --nope"); process.exit(2)'])).rejects.toThrow("exited with 2 before listening: bad flag: --nope");
  });
});
