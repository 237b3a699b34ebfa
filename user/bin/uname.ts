/** uname [-asnrvm]: prints system identification (the kernel name by default). */
import { uname } from "../lib/system";
import { println, eprintln } from "../lib/io";
import { Flags, programArgs } from "../lib/fmt";

const flags = new Flags(programArgs(), "asnrvm");
if (flags.bad !== "") { eprintln(`uname: invalid option -- '${flags.bad}'`); process.exit(1); }
const u = uname();
if (u === null) { eprintln("uname: cannot get system name"); process.exit(1); }
const all = flags.has("a");
const parts: string[] = [];
if (all || flags.has("s") || flags.letters.length === 0) parts.push(u.sysname);
if (all || flags.has("n")) parts.push(u.nodename);
if (all || flags.has("r")) parts.push(u.release);
if (all || flags.has("v")) parts.push(u.version);
if (all || flags.has("m")) parts.push(u.machine);
println(parts.join(" "));
