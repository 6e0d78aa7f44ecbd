/**
 * A spec pipeline failure whose message is one line meant for a person at a terminal.
 * CLIs print `message` alone and exit non-zero; nothing on disk has changed when it is thrown.
 */
export class SpecError extends Error {
  override readonly name = "SpecError" as const;

  constructor(message: string, options?: { cause?: unknown }) {
    super(message.replace(/\s*\n\s*/g, " "), options);
  }
}
