/**
 * Deliberate crashes chosen on the command line (`crashtest=stack|pagefault|overflow|panic`),
 * so tests can prove that every fatal path ends in a readable report and a clean stop —
 * never a triple fault or a silent reboot.
 */
import { info } from "../lib/printk";

function recurse(depth: u32, scratch: u32[]): u32 {
  if (depth === 0xffffffff) return 0; // unreachable: the stack overflows long before
  scratch[0] = depth;
  // The read after the call keeps gcc from turning the recursion into a loop.
  return recurse(depth + 1, scratch) + scratch[0];
}

function overflow(x: i32): i32 {
  return x + 1;
}

/** Runs the named crash; returns only for unknown names. */
export function crashTest(kind: string): void {
  info(`crashtest: ${kind}`);
  if (kind === "stack") {
    const scratch = new Array<u32>(1).fill(0);
    recurse(0, scratch);
  } else if (kind === "pagefault") {
    mmioRead32(0x50000000); // volatile: the load is not optimised away
  } else if (kind === "overflow") {
    overflow(2147483647);
  } else if (kind === "panic") {
    panic(`deliberate panic (crashtest=${kind})`);
  }
  info(`crashtest: unknown kind ${kind}`);
}
