import { CHANGE_CLASSES } from "./classify.js";
import type { DiffEntry, SpecDiff } from "./spec-diff-types.js";

/** The report as stable JSON (keys in a fixed order, entries sorted), newline-terminated. */
export function formatDiffJson(diff: SpecDiff): string {
  return `${JSON.stringify(diff, null, 2)}\n`;
}

/** The report as Markdown: a summary line, then one table per operation, schema and the document. */
export function formatDiffMarkdown(diff: SpecDiff): string {
  const lines: string[] = [];
  lines.push(`# API diff: \`${diff.old}\` → \`${diff.new}\``, "");
  lines.push(`**Overall: ${diff.class}** — ${CHANGE_CLASSES.map((c) => `${c} ${diff.counts[c]}`).join(" · ")}`, "");
  if (diff.flags.includes("response-enum-growth")) {
    lines.push("> ⚠ A response enum or union gained a member: exhaustive `switch` statements over it need a new case.", "");
  }
  const section = (title: string, entries: readonly DiffEntry[]): void => {
    if (entries.length === 0) return;
    lines.push(`## ${title}`, "");
    for (const e of entries) {
      lines.push(`### \`${e.subject}\` — ${e.class}`, "", "| class | change |", "|---|---|");
      for (const c of e.changes) {
        const flag = c.flags.includes("response-enum-growth") ? " ⚠ response enum growth" : "";
        lines.push(`| ${c.class} | ${c.message.replace(/\|/g, "\\|")}${flag} |`);
      }
      lines.push("");
    }
  };
  section("Operations", diff.operations);
  section("Schemas", diff.schemas);
  section("Document", diff.document);
  if (diff.operations.length + diff.schemas.length + diff.document.length === 0) lines.push("No changes.", "");
  return lines.join("\n");
}
