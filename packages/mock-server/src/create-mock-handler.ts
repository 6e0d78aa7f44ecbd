import { ConnectionReset } from "./internal/connection-reset.js";
import { connectionResetError } from "./internal/fault-injector.js";
import { MockCore } from "./internal/mock-core.js";
import { resolveOptions } from "./internal/resolve-options.js";
import { fromWebRequest, toWebResponse } from "./internal/web-request.js";
import type { MockHandler, MockOptions } from "./mock-options.js";

/**
 * Builds the mock in-process (web APIs only: works in Node, browsers, workers and MSW). The spec
 * is compiled once here; each call of `handler` then routes, authenticates, validates and answers.
 */
export function createMockHandler(options: MockOptions = {}): MockHandler {
  return wrapCore(new MockCore(resolveOptions(options)));
}

/** @internal Shared with the node:http shell, which talks to the same core without web Requests. */
export function wrapCore(core: MockCore): MockHandler {
  const handler = async (request: Request): Promise<Response> => {
    try {
      return toWebResponse(await core.dispatch(fromWebRequest(request)));
    } catch (error) {
      // An injected reset: reject as fetch does when the server drops the connection.
      if (error instanceof ConnectionReset) throw connectionResetError();
      throw error;
    }
  };
  const { clock, journal, faults } = core.options;
  return {
    handler,
    fetch: (input, init) => handler(new Request(input, init)),
    apiKey: core.options.apiKeys[0] ?? "",
    apiKeys: core.options.apiKeys,
    operationCount: core.spec.operations.length,
    clock,
    journal,
    faults,
    reset: () => {
      core.reset();
    },
  };
}
