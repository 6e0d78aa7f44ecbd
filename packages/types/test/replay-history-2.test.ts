import { replaySuite } from "./helpers/replay-suite.js";

replaySuite(1, 2);
