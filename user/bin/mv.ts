/** mv src… dst: renames files; into dst/ when dst is a directory. */
import { rename } from "../lib/sys";
import { strerror } from "../lib/errno";
import { pathIsDir, baseName, joinPath } from "../lib/fs";
import { eprintln } from "../lib/io";
import { Flags, programArgs } from "../lib/fmt";

const flags = new Flags(programArgs(), "f");
const ops = flags.operands;
if (ops.length < 2) { eprintln(ops.length === 0 ? "mv: missing file operand" : `mv: missing destination file operand after '${ops[0]}'`); process.exit(1); }
const dst = ops[ops.length - 1];
const intoDir = pathIsDir(dst);
if (ops.length > 2 && !intoDir) { eprintln(`mv: target '${dst}' is not a directory`); process.exit(1); }
let status = 0;
for (let i = 0; i < ops.length - 1; i++) {
  const to = intoDir ? joinPath(dst, baseName(ops[i])) : dst;
  const r = rename(ops[i], to);
  if (r < 0) { eprintln(`mv: cannot move '${ops[i]}' to '${to}': ${strerror(-r)}`); status = 1; }
}
process.exit(status);
