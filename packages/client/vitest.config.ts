import { packageTestConfig } from "../../vitest-package-config.mjs";

// "unit" tests (test/**) run against src/ (tsconfig.json maps the package's names the same way for
// the type tests); "shipped" tests (test/shipped/**) against the built dist/, as installed (`size-limit`
// in `pnpm test` also measures dist/). Tests that need another package (the mock server, pagination)
// live in packages/integration-tests.
export default packageTestConfig({ srcOf: new URL("./", import.meta.url) });
