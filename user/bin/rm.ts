/** rm [-rf] paths…: removes files; -r removes directories and their contents; -f ignores missing files. */
import { unlink, rmdir } from "../lib/sys";
import { ENOENT, EISDIR, strerror } from "../lib/errno";
import { Stat64, lstat, isDir, readDir, joinPath } from "../lib/fs";
import { eprintln } from "../lib/io";
import { Flags, programArgs } from "../lib/fmt";

const flags = new Flags(programArgs(), "rRf");
const recursive = flags.has("r") || flags.has("R");
const force = flags.has("f");
if (flags.bad !== "") { eprintln(`rm: invalid option -- '${flags.bad}'`); process.exit(1); }
if (flags.operands.length === 0 && !force) { eprintln("rm: missing operand"); process.exit(1); }

/** Removes `path` (recursively with -r); returns false after reporting an error. */
function remove(path: string): boolean {
  const st = new Stat64();
  const s = lstat(path, st);
  if (s < 0) {
    if (s === -ENOENT && force) return true;
    eprintln(`rm: cannot remove '${path}': ${strerror(-s)}`);
    return false;
  }
  if (!isDir(st.mode)) {
    const r = unlink(path);
    if (r < 0) { eprintln(`rm: cannot remove '${path}': ${strerror(-r)}`); return false; }
    return true;
  }
  if (!recursive) { eprintln(`rm: cannot remove '${path}': ${strerror(EISDIR)}`); return false; }
  const listing = readDir(path);
  if (listing.err < 0) { eprintln(`rm: cannot remove '${path}': ${strerror(-listing.err)}`); return false; }
  let ok = true;
  for (const e of listing.entries) {
    if (e.name === "." || e.name === "..") continue;
    if (!remove(joinPath(path, e.name))) ok = false;
  }
  const r = rmdir(path);
  if (r < 0) { eprintln(`rm: cannot remove '${path}': ${strerror(-r)}`); return false; }
  return ok;
}

let status = 0;
for (const p of flags.operands) if (!remove(p)) status = 1;
process.exit(status);
