/** wc [-lwc] [files…]: counts lines, words and bytes (all three by default), with a total for several files. */
import { open, close, readRaw, O_RDONLY, STDIN } from "../lib/sys";
import { Stat64, fstat, isRegular } from "../lib/fs";
import { reportError, println, eprintln } from "../lib/io";
import { Flags, formatNumber, programArgs } from "../lib/fmt";

/** Counts of one input. */
class Counts {
  lines: i64 = 0n;
  words: i64 = 0n;
  bytes: i64 = 0n;
}

const flags = new Flags(programArgs(), "lwc");
if (flags.bad !== "") { eprintln(`wc: invalid option -- '${flags.bad}'`); process.exit(1); }
const any = flags.has("l") || flags.has("w") || flags.has("c");
const showLines = !any || flags.has("l");
const showWords = !any || flags.has("w");
const showBytes = !any || flags.has("c");
const files = flags.operands.length > 0 ? flags.operands : ["-"];

/** Counts everything readable from `fd` into `c`; returns 0 or -errno. */
function count(fd: i32, c: Counts): i32 {
  const buf = new Array<u8>(65536).fill(0);
  let inWord = false;
  for (;;) {
    const n = readRaw(fd, addressOf(buf), 65536);
    if (n <= 0) return n;
    c.bytes += BigInt(n);
    for (let i = 0; i < n; i++) {
      const b = buf[i];
      if (b === 10) c.lines++;
      const space = b === 32 || (b >= 9 && b <= 13);
      if (space) inWord = false;
      else if (!inWord) { inWord = true; c.words++; }
    }
  }
}

const results: Counts[] = [];
const names: string[] = [];
const total = new Counts();
let status = 0;
let width = 1;
for (const name of files) {
  const fd = name === "-" ? STDIN : open(name, O_RDONLY, 0);
  if (fd < 0) { reportError("wc", name, fd); status = 1; continue; }
  const st = new Stat64();
  if (fstat(fd, st) < 0 || !isRegular(st.mode)) width = 7;
  const c = new Counts();
  const r = count(fd, c);
  if (fd !== STDIN) close(fd);
  if (r < 0) { reportError("wc", name, r); status = 1; continue; }
  results.push(c);
  names.push(name === "-" ? "" : name);
  total.lines += c.lines;
  total.words += c.words;
  total.bytes += c.bytes;
}
if (results.length > 1) { results.push(total); names.push("total"); }
// As GNU wc: one column for one input is unpadded; otherwise columns fit the largest count.
const columns = (showLines ? 1 : 0) + (showWords ? 1 : 0) + (showBytes ? 1 : 0);
if (columns === 1 && results.length === 1) width = 1;
else width = Math.max(width, `${total.bytes}`.length, `${total.lines}`.length, `${total.words}`.length);
for (let i = 0; i < results.length; i++) {
  const c = results[i];
  const parts: string[] = [];
  if (showLines) parts.push(formatNumber(c.lines, width));
  if (showWords) parts.push(formatNumber(c.words, width));
  if (showBytes) parts.push(formatNumber(c.bytes, width));
  if (names[i] !== "") parts.push(names[i]);
  println(parts.join(" "));
}
process.exit(status);
