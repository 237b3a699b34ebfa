/** mkdir [-p] dirs…: creates directories; -p creates missing parents and accepts existing ones. */
import { mkdir } from "../lib/sys";
import { EEXIST, strerror } from "../lib/errno";
import { pathIsDir } from "../lib/fs";
import { eprintln } from "../lib/io";
import { Flags, programArgs } from "../lib/fmt";

const flags = new Flags(programArgs(), "p");
if (flags.bad !== "" || flags.operands.length === 0) {
  eprintln(flags.bad !== "" ? `mkdir: invalid option -- '${flags.bad}'` : "mkdir: missing operand");
  process.exit(1);
}
const parents = flags.has("p");

/** Creates `path`, and with -p its missing ancestors; returns 0 or -errno. */
function make(path: string): i32 {
  if (parents) {
    for (let i = 1; i < path.length; i++) {
      if (path[i] !== "/" || pathIsDir(path.slice(0, i))) continue;
      const r = mkdir(path.slice(0, i), 0o777);
      if (r < 0 && r !== -EEXIST) return r;
    }
  }
  const r = mkdir(path, 0o777);
  return r === -EEXIST && parents && pathIsDir(path) ? 0 : r;
}

let status = 0;
for (const dir of flags.operands) {
  const r = make(dir);
  if (r < 0) { eprintln(`mkdir: cannot create directory '${dir}': ${strerror(-r)}`); status = 1; }
}
process.exit(status);
