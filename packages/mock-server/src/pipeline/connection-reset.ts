/**
 * Thrown by the instrumented dispatch when an injected fault says "drop the connection": the
 * node:http shell destroys the socket, the in-process handler rejects like `fetch` on a network error.
 */
export class ConnectionReset extends Error {
  constructor() {
    super("Connection reset by the mock's fault injector.");
    this.name = "ConnectionReset";
  }
}
