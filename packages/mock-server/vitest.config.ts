import { packageTestConfig } from "../../vitest-package-config.mjs";

export default packageTestConfig();
