import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { expect, it } from "vitest";

const index = fileURLToPath(new URL("../src/index.js", import.meta.url));

// What an editor's hover and the compiler print for a value typed with Schema<...>.
it("Schema<Name> prints as its name in hovers, not as its expanded shape", async () => {
  const dir = await mkdtemp(join(tmpdir(), "uvx-schema-names-"));
  try {
    const file = join(dir, "consumer.ts");
    await writeFile(
      file,
      `import type { Schema } from ${JSON.stringify(index)};\n` +
        `export declare const call: Schema<"ScheduledCall">;\n` +
        `export declare const error: Schema<"BadRequestError">;\n` +
        `export declare const status: Schema<"ScheduledCall">["status"];\n`,
    );
    const program = ts.createProgram([file], {
      strict: true,
      noEmit: true,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      types: [],
    });
    const checker = program.getTypeChecker();
    const source = program.getSourceFile(file);
    const statements: readonly ts.Statement[] = source?.statements ?? [];
    const printed = Object.fromEntries(
      statements.filter((s): s is ts.VariableStatement => ts.isVariableStatement(s)).map((statement) => {
        const decl = statement.declarationList.declarations[0];
        if (decl === undefined) throw new Error("no declaration");
        return [decl.name.getText(source), checker.typeToString(checker.getTypeAtLocation(decl.name))];
      }),
    );
    expect(printed).toEqual({
      call: "ScheduledCall",
      error: "BadRequestError",
      status: '"FUTURE" | "PENDING" | "SUCCESS" | "EXPIRED" | "ERROR"',
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}, 120_000);
