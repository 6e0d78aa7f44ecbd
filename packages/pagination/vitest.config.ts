import { packageTestConfig } from "../../vitest-package-config.mjs";

// "unit" tests (test/**) run against src/ (tsconfig.json maps the package's name the same way for the
// type tests); "shipped" tests (test/shipped/**) against the built dist/, as installed. Tests that need
// another package over HTTP (the client, the mock server) live in packages/integration-tests.
export default packageTestConfig({ srcOf: new URL("./", import.meta.url) });
