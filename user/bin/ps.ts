/**
 * ps [-e | -A] [-p pid[,pid…]]: lists processes from /proc — pid, parent, state, CPU time and
 * command line — sorted by pid. Every process is listed by default (-e and -A say so
 * explicitly); -p lists only the given pids. STAT is the state letter of /proc/PID/stat with
 * procps' modifiers: s (session leader), + (in the terminal's foreground group), < and N (nice
 * below or above 0), l (several threads). A process that exits while ps runs is skipped.
 */
import { readDir } from "../lib/fs";
import { readFile, println, eprintln } from "../lib/io";
import { Flags, padLeft, padRight, parseUint, programArgs, zeroPad } from "../lib/fmt";

/** One process as /proc describes it. */
class ProcessInfo {
  constructor(readonly pid: i32, readonly ppid: string, readonly stat: string, readonly time: string, readonly cmd: string) {}
}

/** The fields of /proc/PID/stat after "pid (comm) ", and comm itself (it may hold spaces and parentheses). */
class StatLine {
  constructor(readonly comm: string, readonly fields: string[]) {}
}

function parseStat(text: string): StatLine | null {
  const open = text.indexOf("(");
  const close = text.lastIndexOf(")");
  if (open < 0 || close < open || close + 2 > text.length) return null;
  const fields = text.slice(close + 2).trim().split(" ");
  return fields.length < 18 ? null : new StatLine(text.slice(open + 1, close), fields);
}

/** CPU time as [DD-]HH:MM:SS from clock ticks (100 per second). */
function cpuTime(ticks: i32): string {
  const secs = Math.trunc(ticks / 100);
  const days = Math.trunc(secs / 86400);
  const hms = `${zeroPad(Math.trunc((secs % 86400) / 3600), 2)}:${zeroPad(Math.trunc((secs % 3600) / 60), 2)}:${zeroPad(secs % 60, 2)}`;
  return days > 0 ? `${days}-${hms}` : hms;
}

/** The process `pid`, or null when it is gone (or its files cannot be read). */
function describe(pid: i32): ProcessInfo | null {
  const statFile = readFile(`/proc/${pid}/stat`);
  if (statFile.err < 0) return null;
  const s = parseStat(statFile.text);
  if (s === null) return null;
  // Fields after comm: 0 state, 1 ppid, 2 pgrp, 3 session, 5 tpgid, 11 utime, 12 stime, 16 nice, 17 threads.
  const f = s.fields;
  const state = f[0];
  let stat = state;
  if (f[3] === `${pid}`) stat += "s";
  const nice = f[16];
  if (nice.startsWith("-")) stat += "<";
  else if (nice !== "0") stat += "N";
  if (f[17] !== "1") stat += "l";
  if (f[2] === f[5]) stat += "+";
  const ticks = Math.max(parseUint(f[11]), 0) + Math.max(parseUint(f[12]), 0);
  const cmdline = readFile(`/proc/${pid}/cmdline`);
  if (cmdline.err < 0) return null;
  let cmd = cmdline.text.split("\0").join(" ").trim();
  if (cmd === "") cmd = state === "Z" ? `[${s.comm}] <defunct>` : `[${s.comm}]`;
  return new ProcessInfo(pid, f[1], stat, cpuTime(ticks), cmd);
}

/** Sorts pids in place, ascending. */
function sortPids(pids: i32[]): void {
  for (let i = 1; i < pids.length; i++) {
    const x = pids[i];
    let j = i - 1;
    while (j >= 0 && pids[j] > x) { pids[j + 1] = pids[j]; j--; }
    pids[j + 1] = x;
  }
}

const flags = new Flags(programArgs(), "eAp");
const wanted: i32[] = [];
if (flags.has("p")) {
  if (flags.operands.length !== 1) { eprintln("usage: ps [-e | -A] [-p pid[,pid...]]"); process.exit(1); }
  for (const p of flags.operands[0].split(",")) {
    const n = parseUint(p);
    if (n <= 0) { eprintln(`ps: invalid pid: ${p}`); process.exit(1); }
    wanted.push(n);
  }
}
if (flags.bad !== "" || (!flags.has("p") && flags.operands.length > 0)) {
  eprintln("usage: ps [-e | -A] [-p pid[,pid...]]");
  process.exit(1);
}

const listing = readDir("/proc");
if (listing.err < 0) { eprintln("ps: cannot read /proc: is the process file system mounted?"); process.exit(1); }
const pids: i32[] = [];
for (const e of listing.entries) {
  const pid = parseUint(e.name);
  if (pid > 0 && (wanted.length === 0 || wanted.includes(pid))) pids.push(pid);
}
sortPids(pids);
println(`${padLeft("PID", 5)} ${padLeft("PPID", 5)} ${padRight("STAT", 4)} ${padLeft("TIME", 8)} CMD`);
let shown = 0;
for (const pid of pids) {
  const p = describe(pid);
  if (p === null) continue;
  println(`${padLeft(`${p.pid}`, 5)} ${padLeft(p.ppid, 5)} ${padRight(p.stat, 4)} ${padLeft(p.time, 8)} ${p.cmd}`);
  shown++;
}
process.exit(wanted.length > 0 && shown === 0 ? 1 : 0);
