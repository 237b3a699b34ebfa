/** ls [-la1] [paths…]: lists directories (sorted; -a includes dot files) and files; -l shows details. */
import { Stat64, lstat, isDir, readDir, joinPath, sortStrings, modeString, readlink, S_IFMT, S_IFLNK } from "../lib/fs";
import { civilFromEpoch } from "../lib/time";
import { windowSize } from "../lib/tty";
import { STDOUT } from "../lib/sys";
import { strerror } from "../lib/errno";
import { println, eprintln } from "../lib/io";
import { Flags, padLeft, padRight, zeroPad, programArgs } from "../lib/fmt";

const MONTHS: string[] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const flags = new Flags(programArgs(), "la1");
if (flags.bad !== "") { eprintln(`ls: invalid option -- '${flags.bad}'`); process.exit(2); }
const long = flags.has("l");
const all = flags.has("a");
// Columns only on a terminal, as GNU ls does; a pipe or file gets one name per line.
const width = flags.has("1") || long ? null : windowSize(STDOUT);

/** A name to list with its status. */
class Item {
  constructor(readonly name: string, readonly path: string, readonly st: Stat64) {}
}

/** `Mon DD HH:MM` of a modification time (UTC). */
function formatTime(t: u32): string {
  const c = civilFromEpoch(t);
  return `${MONTHS[c.month - 1]} ${padLeft(`${c.day}`, 2)} ${zeroPad(c.hour, 2)}:${zeroPad(c.minute, 2)}`;
}

/** Prints items in the chosen format. */
function show(items: Item[]): void {
  if (long) {
    let linkW = 1, uidW = 1, gidW = 1, sizeW = 1;
    for (const it of items) {
      linkW = Math.max(linkW, `${it.st.nlink}`.length);
      uidW = Math.max(uidW, `${it.st.uid}`.length);
      gidW = Math.max(gidW, `${it.st.gid}`.length);
      sizeW = Math.max(sizeW, `${it.st.size}`.length);
    }
    for (const it of items) {
      let line = `${modeString(it.st.mode)} ${padLeft(`${it.st.nlink}`, linkW)} ${padRight(`${it.st.uid}`, uidW)} ${padRight(`${it.st.gid}`, gidW)} ${padLeft(`${it.st.size}`, sizeW)} ${formatTime(it.st.mtime)} ${it.name}`;
      if ((it.st.mode & S_IFMT) === S_IFLNK) line += ` -> ${readlink(it.path) ?? "?"}`;
      println(line);
    }
    return;
  }
  if (width === null) {
    for (const it of items) println(it.name);
    return;
  }
  let colW = 1;
  for (const it of items) colW = Math.max(colW, it.name.length + 2);
  const cols = Math.max(1, Math.floor(i32(width.cols) / colW));
  const rows = Math.floor((items.length + cols - 1) / cols);
  for (let r = 0; r < rows; r++) {
    let line = "";
    for (let c = 0; c < cols; c++) {
      const i = c * rows + r;
      if (i < items.length) line += (c + 1) * rows + r < items.length ? padRight(items[i].name, colW) : items[i].name;
    }
    println(line);
  }
}

/** The entries of directory `dir` to show, sorted by name. */
function dirItems(dir: string): Item[] | null {
  const listing = readDir(dir);
  if (listing.err < 0) { eprintln(`ls: cannot open directory '${dir}': ${strerror(-listing.err)}`); return null; }
  const names: string[] = [];
  for (const e of listing.entries) if (all || !e.name.startsWith(".")) names.push(e.name);
  sortStrings(names);
  const items: Item[] = [];
  for (const name of names) {
    const st = new Stat64();
    lstat(joinPath(dir, name), st);
    items.push(new Item(name, joinPath(dir, name), st));
  }
  return items;
}

const operands = flags.operands.length > 0 ? flags.operands : ["."];
sortStrings(operands);
let status = 0;
const files: Item[] = [];
const dirs: string[] = [];
for (const p of operands) {
  const st = new Stat64();
  const r = lstat(p, st);
  if (r < 0) { eprintln(`ls: cannot access '${p}': ${strerror(-r)}`); status = 2; continue; }
  if (isDir(st.mode)) dirs.push(p);
  else files.push(new Item(p, p, st));
}
if (files.length > 0) show(files);
for (let i = 0; i < dirs.length; i++) {
  const items = dirItems(dirs[i]);
  if (files.length > 0 || i > 0) println("");
  if (operands.length > 1) println(`${dirs[i]}:`);
  if (items === null) { status = 2; continue; }
  if (long) {
    let blocks: u64 = 0n;
    for (const it of items) blocks += it.st.blocks;
    println(`total ${blocks / 2n}`);
  }
  show(items);
}
process.exit(status);
