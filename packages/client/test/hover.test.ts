import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { expect, it } from "vitest";

const fixture = fileURLToPath(new URL("./fixtures/hover-consumer.ts", import.meta.url));
const tsconfig = fileURLToPath(new URL("../tsconfig.json", import.meta.url));

/** An editor's language service over the package's tsconfig, holding the fixture open. */
function languageService(): ts.LanguageService {
  const parsed = ts.getParsedCommandLineOfConfigFile(tsconfig, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, "\n")); } });
  if (parsed === undefined) throw new Error(`cannot read ${tsconfig}`);
  return ts.createLanguageService({
    getScriptFileNames: () => [fixture],
    getScriptVersion: () => "1",
    getScriptSnapshot: (file) => {
      const text = ts.sys.readFile(file);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => process.cwd(),
    getCompilationSettings: () => parsed.options,
    getDefaultLibFileName: (options) => ts.getDefaultLibFilePath(options),
    fileExists: (file) => ts.sys.fileExists(file),
    readFile: (file) => ts.sys.readFile(file),
    readDirectory: (...args) => ts.sys.readDirectory(...args),
    directoryExists: (dir) => ts.sys.directoryExists(dir),
    getDirectories: (dir) => ts.sys.getDirectories(dir),
    // pnpm links packages: resolve them as an editor does.
    realpath: (file) => ts.sys.realpath?.(file) ?? file,
  });
}

it("hovers print a call's data and error, and unwrap's result, by name", () => {
  const service = languageService();
  const text = readFileSync(fixture, "utf8");
  const hover = (name: string): string => {
    const at = text.indexOf(name);
    if (at < 0) throw new Error(`${name} is not in the fixture`);
    return ts.displayPartsToString(service.getQuickInfoAtPosition(fixture, at)?.displayParts);
  };
  expect(service.getSemanticDiagnostics(fixture).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"))).toEqual([]);
  expect({
    listed: hover("listed,"),
    listError: hover("listError }"),
    page: hover("page ="),
    agent: hover("agent,"),
    agentError: hover("agentError }"),
    created: hover("created ="),
  }).toEqual({
    listed: "const listed: PaginatedScheduledCallList | undefined",
    listError: "const listError: ApiErrorBody | undefined",
    page: "const page: PaginatedScheduledCallList",
    agent: "const agent: Agent | undefined",
    agentError: "const agentError: ApiErrorBody | undefined",
    created: "const created: Agent",
  });
}, 120_000);
