/** The first user program: proves ring 3, int 0x80, the ELF loader and the initial stack. */
import { getpid, getppid, writeRaw, brk } from "../lib/sys";

console.log("hello from user space");
console.log(`pid ${getpid()}, parent ${getppid()}, argv[1] ${process.argv[1]}, ${process.argv.length - 1} argument(s)`);
const bad = writeRaw(1, 0xc0000000, 16);
console.log(`write from a kernel address: ${bad}`);
const unmapped = writeRaw(1, 0x10, 4);
console.log(`write from an unmapped address: ${unmapped}`);
const start = brk(0);
const grown = brk(start + 65536);
console.log(`brk grew by ${grown - start}`);
let total = 0;
const xs: i32[] = [];
for (let i = 0; i < 20000; i++) xs.push(i);
for (const x of xs) total += x;
console.log(`sum ${total}`);
process.exit(42);
