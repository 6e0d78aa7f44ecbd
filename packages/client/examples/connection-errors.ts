import { createUltravoxClient, UltravoxConnectionError } from "@ultravox-api/client";

const client = createUltravoxClient();

export async function checkReachable(): Promise<string> {
  try {
    await client.GET("/api/accounts/me");
    return "reachable";
  } catch (error) {
    if (error instanceof UltravoxConnectionError) {
      // e.g. "ENOTFOUND after 3 attempts, 1234 ms"; the message says the same with method, URL and detail.
      return `${error.reason} after ${error.attempts} attempts, ${error.elapsedMs} ms`;
    }
    throw error;
  }
}
