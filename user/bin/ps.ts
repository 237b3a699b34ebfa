/** ps: lists processes from /proc (pid, parent, state, command line). */
import { readDir, pathIsDir } from "../lib/fs";
import { readFile, println, eprintln } from "../lib/io";
import { padLeft, parseUint } from "../lib/fmt";

if (!pathIsDir("/proc")) {
  eprintln("ps: /proc is not available: this kernel does not offer a process file system yet");
  process.exit(1);
}
const listing = readDir("/proc");
if (listing.err < 0) { eprintln("ps: cannot read /proc"); process.exit(1); }
const pids: i32[] = [];
for (const e of listing.entries) {
  const pid = parseUint(e.name);
  if (pid > 0) pids.push(pid);
}
for (let i = 1; i < pids.length; i++) {
  const x = pids[i];
  let j = i - 1;
  while (j >= 0 && pids[j] > x) { pids[j + 1] = pids[j]; j--; }
  pids[j + 1] = x;
}
println("  PID  PPID S CMD");
for (const pid of pids) {
  // /proc/PID/stat: "pid (comm) state ppid …"; comm may contain spaces and parentheses.
  const stat = readFile(`/proc/${pid}/stat`);
  if (stat.err < 0) continue;
  const open = stat.text.indexOf("(");
  const close = stat.text.lastIndexOf(")");
  if (open < 0 || close < open) continue;
  const comm = stat.text.slice(open + 1, close);
  const rest = stat.text.slice(close + 2).split(" ");
  const state = rest.length > 0 ? rest[0] : "?";
  const ppid = rest.length > 1 ? rest[1] : "?";
  const cmdline = readFile(`/proc/${pid}/cmdline`);
  let cmd = cmdline.err < 0 || cmdline.text.length === 0 ? `[${comm}]` : cmdline.text.split("\0").join(" ").trim();
  println(`${padLeft(`${pid}`, 5)} ${padLeft(ppid, 5)} ${state} ${cmd}`);
}
