import { afterEach } from "vitest";
import { startTestServer, type Handler, type TestServer } from "./test-server.js";

/** Starts a test server closed after the current test. */
export function useServers(): (handler: Handler) => Promise<TestServer> {
  const started: TestServer[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((s) => s.close()));
  });
  return async (handler) => {
    const server = await startTestServer(handler);
    started.push(server);
    return server;
  };
}
