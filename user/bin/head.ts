/** head [-n N | -N] [-c N] [files…]: the first N lines (default 10) or bytes of each input. */
import { open, close, readRaw, writeRaw, O_RDONLY, STDIN, STDOUT } from "../lib/sys";
import { reportError, eprintln, println } from "../lib/io";
import { parseUint, programArgs } from "../lib/fmt";

const args = programArgs();
let count = 10;
let bytes = false;
const files: string[] = [];
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  let value = "";
  if (a === "-n" || a === "-c") {
    if (i + 1 >= args.length) { eprintln(`head: option requires an argument -- '${a[1]}'`); process.exit(1); }
    value = args[++i];
    bytes = a === "-c";
  } else if (a.startsWith("-n") || a.startsWith("-c")) {
    value = a.slice(2);
    bytes = a[1] === "c";
  } else if (a.length > 1 && a[0] === "-") {
    value = a.slice(1);
  } else {
    files.push(a);
    continue;
  }
  count = parseUint(value);
  if (count < 0) { eprintln(`head: invalid number of ${bytes ? "bytes" : "lines"}: '${value}'`); process.exit(1); }
}
if (files.length === 0) files.push("-");

/** Copies the first `count` lines or bytes of `fd` to standard output; returns 0 or -errno. */
function head(fd: i32): i32 {
  const buf = new Array<u8>(4096).fill(0);
  const at = addressOf(buf);
  let left = count;
  while (left > 0) {
    // Lines are counted on what was read; the rest of a block past the last line is dropped.
    const n = readRaw(fd, at, bytes ? u32(Math.min(left, 4096)) : 4096);
    if (n <= 0) return n;
    let take = n;
    if (bytes) left -= n;
    else {
      for (let i = 0; i < n; i++) {
        if (buf[i] === 10 && --left === 0) { take = i + 1; break; }
      }
    }
    if (writeRaw(STDOUT, at, u32(take)) < 0) return 0;
  }
  return 0;
}

let status = 0;
for (let i = 0; i < files.length; i++) {
  const name = files[i];
  const fd = name === "-" ? STDIN : open(name, O_RDONLY, 0);
  if (fd < 0) { reportError("head", `cannot open '${name}' for reading`, fd); status = 1; continue; }
  if (files.length > 1) println(`${i > 0 ? "\n" : ""}==> ${name === "-" ? "standard input" : name} <==`);
  const r = head(fd);
  if (r < 0) { reportError("head", `error reading '${name}'`, r); status = 1; }
  if (fd !== STDIN) close(fd);
}
process.exit(status);
