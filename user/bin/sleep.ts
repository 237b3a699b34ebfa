/** sleep SECONDS…: pauses for the sum of its arguments (decimal fractions allowed, e.g. 0.25). */
import { Timespec, nanosleep } from "../lib/time";
import { eprintln } from "../lib/io";
import { parseUint, programArgs } from "../lib/fmt";

const args = programArgs();
if (args.length === 0) { eprintln("sleep: missing operand"); process.exit(1); }
let sec = 0;
let nsec = 0;
for (const a of args) {
  const dot = a.indexOf(".");
  const whole = parseUint(dot < 0 ? a : dot === 0 ? "0" : a.slice(0, dot));
  const fracText = dot < 0 ? "" : a.slice(dot + 1);
  const frac = fracText.length === 0 ? 0 : parseUint(fracText.slice(0, 9).padEnd(9, "0"));
  if (whole < 0 || frac < 0) { eprintln(`sleep: invalid time interval '${a}'`); process.exit(1); }
  sec += whole;
  nsec += frac;
  if (nsec >= 1000000000) { sec++; nsec -= 1000000000; }
}
process.exit(nanosleep(new Timespec(sec, nsec)) < 0 ? 1 : 0);
