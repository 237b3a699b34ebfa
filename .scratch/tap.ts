import { readFileSync } from "node:fs";
import { parseKtap } from "../tools/ktap.js";
const r = parseKtap(readFileSync(process.argv[2]!, "utf8"));
console.log(r.passed, r.counts, r.errors);
