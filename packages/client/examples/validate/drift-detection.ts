import { createUltravoxClient } from "@ultravox-api/client";
import { createResponseValidator, formatDrift } from "@ultravox-api/client/validate";

export const client = createUltravoxClient({
  apiKey: process.env["ULTRAVOX_API_KEY"] ?? "",
  baseUrl: process.env["ULTRAVOX_BASE_URL"] ?? "https://api.ultravox.ai",
});
// In CI, fail the test that met the drift; elsewhere, report it and carry on.
client.use(
  createResponseValidator({
    mode: process.env["CI"] ? "throw" : "warn",
    onDrift: (drift) => {
      console.warn(formatDrift(drift)); // or send drift.operationId, drift.issues to your logs
    },
  }),
);

const { data } = await client.GET("/api/accounts/me");
console.log(data?.name);
