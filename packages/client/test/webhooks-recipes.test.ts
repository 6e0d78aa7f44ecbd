import { once } from "node:events";
import { readFile } from "node:fs/promises";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { signWebhook, WEBHOOK_TIMESTAMP_HEADER } from "@ultravox-api/client/webhooks";
import { serveFetch } from "./support/serve-fetch.js";

// The README's recipes, run as written: each listens on PORT (0 here) and reads ULTRAVOX_WEBHOOK_SECRET.
const SECRET = "whsec-recipes";
process.env["ULTRAVOX_WEBHOOK_SECRET"] = SECRET;
process.env["PORT"] = "0";

const CALL_ID = "2b8f3c1e-7d4a-4c5b-9e6f-1a2b3c4d5e6f";
const ended = JSON.stringify({ event: "call.ended", call: { callId: CALL_ID, endReason: "hangup", metadata: { note: "Zoë ✓" } } });

interface Delivery {
  readonly name: string;
  readonly body: () => Promise<{ body: string; headers: Record<string, string> }>;
  readonly status: number;
  readonly text: string;
  /** What a recipe answers instead, by file name. */
  readonly except?: Readonly<Record<string, { status: number; text: string }>>;
}

const json = { "Content-Type": "application/json" };
const deliveries: Delivery[] = [
  {
    name: "a signed call.ended",
    body: async () => ({ body: ended, headers: { ...json, ...(await signWebhook({ body: ended, secret: SECRET })) } }),
    status: 204,
    text: "",
  },
  {
    name: "a delivery signed with an old and the current secret (rotation)",
    body: async () => ({ body: ended, headers: { ...json, ...(await signWebhook({ body: ended, secrets: ["whsec-old", SECRET] })) } }),
    status: 204,
    text: "",
  },
  {
    name: "an event the types do not know",
    body: async () => {
      const body = JSON.stringify({ event: "call.transferred", call: { callId: CALL_ID } });
      return { body, headers: { ...json, ...(await signWebhook({ body, secret: SECRET })) } };
    },
    status: 204,
    text: "",
  },
  {
    name: "a tampered body",
    body: async () => ({ body: ended.replace("hangup", "timeout"), headers: { ...json, ...(await signWebhook({ body: ended, secret: SECRET })) } }),
    status: 400,
    text: "no-matching-signature",
  },
  {
    name: "a re-serialized body",
    body: async () => {
      const sent = JSON.stringify(JSON.parse(ended), null, 1);
      return { body: JSON.stringify(JSON.parse(sent)), headers: { ...json, ...(await signWebhook({ body: sent, secret: SECRET })) } };
    },
    status: 400,
    text: "no-matching-signature",
  },
  {
    name: "the wrong secret",
    body: async () => ({ body: ended, headers: { ...json, ...(await signWebhook({ body: ended, secret: "whsec-other" })) } }),
    status: 400,
    text: "no-matching-signature",
  },
  {
    name: "a stale delivery (replay)",
    body: async () => ({ body: ended, headers: { ...json, ...(await signWebhook({ body: ended, secret: SECRET, timestamp: Date.now() - 120_000 })) } }),
    status: 400,
    text: "timestamp-too-old",
  },
  {
    name: "a delivery from the future",
    body: async () => ({ body: ended, headers: { ...json, ...(await signWebhook({ body: ended, secret: SECRET, timestamp: Date.now() + 120_000 })) } }),
    status: 400,
    text: "timestamp-in-future",
  },
  {
    name: "an unparseable timestamp",
    body: async () => ({ body: ended, headers: { ...json, ...(await signWebhook({ body: ended, secret: SECRET, timestamp: "soon" })) } }),
    status: 400,
    text: "invalid-timestamp",
  },
  {
    name: "no signature header",
    body: async () => {
      const signed = await signWebhook({ body: ended, secret: SECRET });
      return { body: ended, headers: { ...json, [WEBHOOK_TIMESTAMP_HEADER]: signed[WEBHOOK_TIMESTAMP_HEADER] } };
    },
    status: 400,
    text: "missing-header",
  },
  {
    name: "no headers",
    body: () => Promise.resolve({ body: ended, headers: json }),
    status: 400,
    text: "missing-header",
  },
  {
    name: "a signed delivery sent as text/plain",
    body: async () => ({ body: ended, headers: { "Content-Type": "text/plain", ...(await signWebhook({ body: ended, secret: SECRET })) } }),
    status: 204,
    text: "",
    // express.raw({ type: "application/json" }) leaves req.body unread: refused, never passed.
    except: { "express.ts": { status: 400, text: "invalid-body" } },
  },
  {
    name: "a signed body that is not JSON",
    body: async () => ({ body: "{oops", headers: { ...json, ...(await signWebhook({ body: "{oops", secret: SECRET })) } }),
    status: 400,
    text: "invalid-json",
  },
];

interface Recipe {
  readonly file: string;
  readonly path: string;
  start(): Promise<Server>;
}

async function listening(server: Server): Promise<Server> {
  if (!server.listening) await once(server, "listening");
  return server;
}

const recipes: Recipe[] = [
  {
    file: "examples/webhooks/node-http.ts",
    path: "/",
    start: async () => listening((await import("../examples/webhooks/node-http.js")).server),
  },
  {
    file: "examples/webhooks/express.ts",
    path: "/webhooks/ultravox",
    start: async () => listening((await import("../examples/webhooks/express.js")).server),
  },
  {
    file: "examples/webhooks/fetch-handler.ts",
    path: "/api/ultravox",
    start: async () => {
      const { POST } = await import("../examples/webhooks/fetch-handler.js");
      const server = serveFetch(POST);
      server.listen(0, "127.0.0.1");
      return listening(server);
    },
  },
];

describe.each(recipes)("README recipe $file against a real HTTP server", (recipe) => {
  let server: Server | undefined;
  let url = "";
  beforeAll(async () => {
    server = await recipe.start();
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}${recipe.path}`;
  });
  afterAll(async () => {
    if (server !== undefined) await new Promise((resolve) => server?.close(resolve));
  });

  it.each(deliveries)("$name → $status $text", async (delivery) => {
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    try {
      const { body, headers } = await delivery.body();
      const response = await fetch(url, { method: "POST", headers, body });
      const want = delivery.except?.[recipe.file.split("/").pop() ?? ""] ?? delivery;
      expect(response.status).toBe(want.status);
      expect(await response.text()).toBe(want.text);
      // Only a verified delivery reaches the handler's code.
      if (want.status === 204) {
        expect(log).toHaveBeenCalledTimes(1);
        expect(String(log.mock.calls[0]?.[0])).toMatch(new RegExp(`call ${CALL_ID}|not handled yet: call\\.transferred`));
      } else {
        expect(log).not.toHaveBeenCalled();
      }
    } finally {
      log.mockRestore();
    }
  });
});

describe("the re-serialized body example", () => {
  it("prints the other bytes, a verified event for the raw body and no-matching-signature for the re-serialized one", async () => {
    const log = vi.spyOn(console, "log").mockImplementation(() => undefined);
    try {
      await import("../examples/webhooks/reserialized-body.js");
      expect(log.mock.calls.map((call): unknown => call[0])).toEqual([
        '{"event":"call.ended","call":{"callId":"0f4c7e1a-5b9d-4e6f-8a2b-3c1d0e9f8a7b","shortSummary":"Café booking"}}',
        "call.ended",
        "no-matching-signature",
      ]);
    } finally {
      log.mockRestore();
    }
  });
});

describe("README", () => {
  it("embeds every webhook recipe verbatim", async () => {
    const root = new URL("../", import.meta.url);
    const readme = await readFile(new URL("README.md", root), "utf8");
    const blocks = [...readme.matchAll(/<!-- example: (examples\/webhooks\/[\w-]+\.ts) -->\n```ts\n([\s\S]*?)```/g)];
    expect(blocks.map((match) => match[1])).toEqual([
      "examples/webhooks/node-http.ts",
      "examples/webhooks/express.ts",
      "examples/webhooks/fetch-handler.ts",
      "examples/webhooks/reserialized-body.ts",
    ]);
    for (const [, file = "", code] of blocks) expect(code, file).toBe(await readFile(new URL(file, root), "utf8"));
  });
});
