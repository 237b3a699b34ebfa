/** cp [-r] src… dst: copies files (and with -r directories); into dst/ when dst is a directory. */
import { open, close, mkdir, O_RDONLY, O_WRONLY, O_CREAT, O_TRUNC } from "../lib/sys";
import { EEXIST, strerror } from "../lib/errno";
import { Stat64, stat, isDir, pathIsDir, readDir, baseName, joinPath } from "../lib/fs";
import { copyFd, eprintln } from "../lib/io";
import { Flags, programArgs } from "../lib/fmt";

const flags = new Flags(programArgs(), "rRf");
const recursive = flags.has("r") || flags.has("R");
const ops = flags.operands;
if (flags.bad !== "") { eprintln(`cp: invalid option -- '${flags.bad}'`); process.exit(1); }
if (ops.length < 2) { eprintln(ops.length === 0 ? "cp: missing file operand" : `cp: missing destination file operand after '${ops[0]}'`); process.exit(1); }

/** Copies `from` to `to`; returns false after reporting an error. */
function copy(from: string, to: string): boolean {
  const st = new Stat64();
  const s = stat(from, st);
  if (s < 0) { eprintln(`cp: cannot stat '${from}': ${strerror(-s)}`); return false; }
  if (isDir(st.mode)) {
    if (!recursive) { eprintln(`cp: -r not specified; omitting directory '${from}'`); return false; }
    const m = mkdir(to, st.mode & 0o7777);
    if (m < 0 && !(m === -EEXIST && pathIsDir(to))) { eprintln(`cp: cannot create directory '${to}': ${strerror(-m)}`); return false; }
    const listing = readDir(from);
    if (listing.err < 0) { eprintln(`cp: cannot open '${from}': ${strerror(-listing.err)}`); return false; }
    let ok = true;
    for (const e of listing.entries) {
      if (e.name === "." || e.name === "..") continue;
      if (!copy(joinPath(from, e.name), joinPath(to, e.name))) ok = false;
    }
    return ok;
  }
  const src = open(from, O_RDONLY, 0);
  if (src < 0) { eprintln(`cp: cannot open '${from}' for reading: ${strerror(-src)}`); return false; }
  const dst = open(to, O_WRONLY | O_CREAT | O_TRUNC, st.mode & 0o7777);
  if (dst < 0) { close(src); eprintln(`cp: cannot create regular file '${to}': ${strerror(-dst)}`); return false; }
  const r = copyFd(src, dst);
  close(src);
  close(dst);
  if (r < 0) { eprintln(`cp: error copying '${from}' to '${to}': ${strerror(-r)}`); return false; }
  return true;
}

const dst = ops[ops.length - 1];
const intoDir = pathIsDir(dst);
if (ops.length > 2 && !intoDir) { eprintln(`cp: target '${dst}' is not a directory`); process.exit(1); }
let status = 0;
for (let i = 0; i < ops.length - 1; i++) if (!copy(ops[i], intoDir ? joinPath(dst, baseName(ops[i])) : dst)) status = 1;
process.exit(status);
