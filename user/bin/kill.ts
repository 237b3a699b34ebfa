/** kill [-SIGNAL | -s SIGNAL] pid… | kill -l: sends a signal (TERM by default) to processes. */
import { kill, signalNumber, SIGNAL_NAMES, SIGTERM } from "../lib/proc";
import { strerror } from "../lib/errno";
import { eprintln, println } from "../lib/io";
import { programArgs } from "../lib/fmt";

const args = programArgs();
let sig = SIGTERM;
let i = 0;
if (args.length > 0 && args[0] === "-l") {
  println(SIGNAL_NAMES.slice(1).join(" "));
  process.exit(0);
}
if (i < args.length && args[i] === "-s" && i + 1 < args.length) {
  sig = signalNumber(args[i + 1]);
  if (sig < 0) { eprintln(`kill: unknown signal: ${args[i + 1]}`); process.exit(1); }
  i += 2;
} else if (i < args.length && args[i].length > 1 && args[i][0] === "-" && signalNumber(args[i].slice(1)) >= 0) {
  sig = signalNumber(args[i].slice(1));
  i++;
} else if (i < args.length && args[i].length > 1 && args[i][0] === "-" && !(args[i][1] >= "0" && args[i][1] <= "9")) {
  eprintln(`kill: unknown signal: ${args[i].slice(1)}`);
  process.exit(1);
}
if (i >= args.length) { eprintln("usage: kill [-SIGNAL | -s SIGNAL] pid... | kill -l"); process.exit(1); }
let status = 0;
for (; i < args.length; i++) {
  const text = args[i];
  const neg = text.startsWith("-");
  const n = parseDecimal(neg ? text.slice(1) : text);
  if (n < 0) { eprintln(`kill: invalid process id: ${text}`); status = 1; continue; }
  const r = kill(neg ? -n : n, sig);
  if (r < 0) { eprintln(`kill: (${text}): ${strerror(-r)}`); status = 1; }
}
process.exit(status);

/** A non-negative decimal or -1. */
function parseDecimal(s: string): i32 {
  let n = 0;
  if (s.length === 0 || s.length > 9) return -1;
  for (const ch of s) {
    if (ch < "0" || ch > "9") return -1;
    n = n * 10 + (ch.charCodeAt(0) - 48);
  }
  return n;
}
