import { replaySuite } from "./helpers/replay-suite.js";

replaySuite(0, 2);
