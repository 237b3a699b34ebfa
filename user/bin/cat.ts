/** cat [files…]: copies files (or standard input, also for "-") to standard output. */
import { open, close, O_RDONLY, STDIN, STDOUT } from "../lib/sys";
import { copyFd, reportError } from "../lib/io";
import { programArgs } from "../lib/fmt";

const args = programArgs();
if (args.length === 0) args.push("-");
let status = 0;
for (const name of args) {
  const fd = name === "-" ? STDIN : open(name, O_RDONLY, 0);
  if (fd < 0) { reportError("cat", name, fd); status = 1; continue; }
  const r = copyFd(fd, STDOUT);
  if (r < 0) { reportError("cat", name, r); status = 1; }
  if (fd !== STDIN) close(fd);
}
process.exit(status);
