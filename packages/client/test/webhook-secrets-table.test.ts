import { describe, expect, it } from "vitest";
import { secretList } from "../src/internal/webhook-secrets.js";

// Never sign or verify with an empty key: anything but non-empty strings is no secret at all.
describe("secretList", () => {
  it.each([
    { given: "a secret", secret: "a", secrets: undefined, want: ["a"] },
    { given: "secrets", secret: undefined, secrets: ["a", "b"], want: ["a", "b"] },
    { given: "one secret as `secrets` (plain JavaScript)", secret: undefined, secrets: "a", want: ["a"] },
    { given: "both: every one of them", secret: "c", secrets: ["a", "b"], want: ["a", "b", "c"] },
    { given: "neither", secret: undefined, secrets: undefined, want: undefined },
    { given: "an empty secret", secret: "", secrets: undefined, want: undefined },
    { given: "an empty list", secret: undefined, secrets: [], want: undefined },
    { given: "an empty string in the list", secret: undefined, secrets: ["a", ""], want: undefined },
    { given: "a number in the list", secret: undefined, secrets: ["a", 1], want: undefined },
    { given: "a number", secret: 1, secrets: undefined, want: undefined },
    { given: "null (an unset variable read as null)", secret: null, secrets: undefined, want: undefined },
    { given: "a good list and an empty secret", secret: "", secrets: ["a"], want: undefined },
  ])("$given → $want", ({ secret, secrets, want }) => {
    expect(secretList(secret, secrets)).toEqual(want);
  });
});
