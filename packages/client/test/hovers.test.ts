// What a consumer's editor shows: TypeScript's language service on a consumer file (strict, as
// tsconfig.base.json), asked for the hover texts of `data` and `error` and for the diagnostics.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { beforeAll, describe, expect, it } from "vitest";

const packageDir = fileURLToPath(new URL("../", import.meta.url));
// Never written to disk: the host below serves it. Beside the tests, so "@ultravox-api/client" maps to src/.
const consumer = `${packageDir}test/__hover-consumer.ts`;

const source = `import { createUltravoxClient } from "@ultravox-api/client";

const client = createUltravoxClient({ apiKey: "key" });
const path = { agent_id: "a", batch_id: "b" };

export async function run(): Promise<unknown[]> {
  const { data: listData, error: listError } = await client.GET("/api/agents/{agent_id}/scheduled_batches/{batch_id}/scheduled_calls", {
    params: { path, query: { status: "FUTURE" } },
  });
  const { data: agentData, error: agentError } = await client.GET("/api/agents/{agent_id}", { params: { path: { agent_id: "a" } } });
  const { data: batchData, error: batchError } = await client.POST("/api/agents/{agent_id}/scheduled_batches", {
    params: { path: { agent_id: "a" } },
    body: { calls: [] },
  });
  const { data: deleteData, error: deleteError } = await client.DELETE("/api/agents/{agent_id}", { params: { path: { agent_id: "a" } } });
  const { data: textData } = await client.GET("/api/agents/{agent_id}", { params: { path: { agent_id: "a" } }, parseAs: "text" });
  await client.GET("/api/agents/{agent_id}/scheduled_batches/{batch_id}/scheduled_calls", {
    params: { path, query: { status: "DONE" } },
  });
  return [listData, listError, agentData, agentError, batchData, batchError, deleteData, deleteError, textData];
}
`;

const options: ts.CompilerOptions = {
  strict: true,
  exactOptionalPropertyTypes: true,
  noUncheckedIndexedAccess: true,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  target: ts.ScriptTarget.ES2022,
  lib: ["lib.es2023.d.ts", "lib.dom.d.ts"],
  types: [],
  skipLibCheck: true,
  noEmit: true,
  paths: { "@ultravox-api/client": [`${packageDir}src/index.ts`] },
};

let service: ts.LanguageService;

beforeAll(() => {
  service = ts.createLanguageService({
    getScriptFileNames: () => [consumer],
    getScriptVersion: () => "1",
    getScriptSnapshot: (name) =>
      name === consumer ? ts.ScriptSnapshot.fromString(source) : existsSync(name) ? ts.ScriptSnapshot.fromString(readFileSync(name, "utf8")) : undefined,
    getCurrentDirectory: () => packageDir,
    getCompilationSettings: () => options,
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: (name) => name === consumer || ts.sys.fileExists(name),
    readFile: (name) => (name === consumer ? source : ts.sys.readFile(name)),
    readDirectory: (...args) => ts.sys.readDirectory(...args),
    directoryExists: (name) => ts.sys.directoryExists(name),
    getDirectories: (name) => ts.sys.getDirectories(name),
    realpath: (name) => ts.sys.realpath?.(name) ?? name,
  });
});

/** The hover text of the destructured variable `name`. */
function hover(name: string): string {
  const at = source.indexOf(`: ${name},`) >= 0 ? source.indexOf(`: ${name},`) + 2 : source.indexOf(`: ${name} }`) + 2;
  expect(at, name).toBeGreaterThan(1);
  return ts.displayPartsToString(service.getQuickInfoAtPosition(consumer, at)?.displayParts);
}

describe("hovers on a call's data and error", () => {
  it.each([
    ["listData", "const listData: PaginatedScheduledCallList | undefined"],
    ["listError", "const listError: ApiErrorBody | undefined"],
    ["agentData", "const agentData: Agent | undefined"],
    ["agentError", "const agentError: ApiErrorBody | undefined"],
    ["batchData", "const batchData: ScheduledCallBatch | undefined"],
    ["batchError", "const batchError: ApiErrorBody | undefined"],
    ["deleteData", "const deleteData: undefined"],
    ["deleteError", "const deleteError: ApiErrorBody | undefined"],
    ["textData", "const textData: string | undefined"],
  ])("%s", (name, want) => {
    expect(hover(name)).toBe(want);
  });
});

describe("compiler messages", () => {
  it("a wrong query value gets one short message naming the allowed values, and nothing else is reported", () => {
    const diagnostics = service.getSemanticDiagnostics(consumer);
    const messages = diagnostics.map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
    expect(messages).toEqual([`Type '"DONE"' is not assignable to type '"FUTURE" | "PENDING" | "SUCCESS" | "EXPIRED" | "ERROR" | undefined'.`]);
    expect(source.slice(diagnostics[0]?.start, (diagnostics[0]?.start ?? 0) + (diagnostics[0]?.length ?? 0))).toBe("status");
    expect(messages[0]?.length).toBeLessThanOrEqual(120);
  });
});
