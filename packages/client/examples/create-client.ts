import { createUltravoxClient } from "@ultravox-api/client";

// Reads ULTRAVOX_API_KEY from the environment when `apiKey` is not given.
export const client = createUltravoxClient({
  apiKey: process.env["ULTRAVOX_API_KEY"] ?? "",
  // Optional: baseUrl, headers, userAgent, fetch, timeoutMs, retry.
  userAgent: "my-app/1.0",
});

const { data, error, response } = await client.GET("/api/accounts/me");
if (error) console.error(response.status, error);
else console.log(data.name);
