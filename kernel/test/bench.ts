/**
 * The in-kernel benchmark suite (`bench` on the command line): allocator throughput and the cost
 * of a context switch between kernel threads (switch_bench.ts), measured
 * with the TSC, printed as machine-readable lines `bench <name> ns_per_op=<n> ops=<n>` for
 * tools/bench. A benchmark, not a test: it checks nothing beyond the allocators' return values.
 * Under QEMU TCG the numbers describe the emulated machine, not the host.
 */
import { rawLine } from "../lib/printk";
import { rdtscNs } from "./bench_clock";
import { allocPages, freePages, Zone } from "../mm/pmm";
import { kfree, kmalloc } from "../mm/heap";
import { benchContextSwitches } from "./switch_bench";

const BATCH = 64;

/** Prints one result line; `ops` operations took `ns` nanoseconds. */
function report(name: string, ops: u32, ns: u64): void {
  const perOpX10 = ns * 10n / u64(ops);
  rawLine(`bench ${name} ns_per_op=${perOpX10 / 10n}.${perOpX10 % 10n} ops=${ops}`);
}

/** allocPages(0) immediately followed by freePages: the buddy allocator's fast path. */
function benchBuddyOrder0(rounds: u32): void {
  const t0 = rdtscNs();
  for (let i: u32 = 0; i < rounds; i++) {
    const p = allocPages(0, Zone.Normal);
    if (p === 0) panic("bench: out of pages");
    freePages(p, 0);
  }
  report("buddy_alloc_free_order0", rounds, rdtscNs() - t0);
}

/**
 * The host benchmark's pattern (compiler/bench/workloads/buddy.ts): rounds of 64 allocations of
 * orders 0-3, freed in a scrambled order; one op is an alloc+free pair.
 */
function benchBuddyMixed(rounds: u32): void {
  const addrs = new Array<u32>(BATCH).fill(0);
  const orders = new Array<i32>(BATCH).fill(0);
  let x: u32 = 1;
  const t0 = rdtscNs();
  for (let round: u32 = 0; round < rounds; round++) {
    for (let i = 0; i < BATCH; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      const order = i32((x >>> 16) & 3);
      const p = allocPages(order, Zone.Normal);
      if (p === 0) panic("bench: out of pages");
      addrs[i] = p;
      orders[i] = order;
    }
    for (let i = 0; i < BATCH; i++) {
      const j = (i * 37 + i32(round)) & (BATCH - 1);
      freePages(addrs[j], orders[j]);
    }
  }
  report("buddy_alloc_free_mixed_order0_3", rounds * BATCH, rdtscNs() - t0);
}

/** kmalloc/kfree of one size, `BATCH` live objects at a time. */
function benchHeap(size: u32, rounds: u32): void {
  const live = new Array<u32>(BATCH).fill(0);
  const t0 = rdtscNs();
  for (let round: u32 = 0; round < rounds; round++) {
    for (let i = 0; i < BATCH; i++) live[i] = kmalloc(size);
    for (let i = BATCH - 1; i >= 0; i--) kfree(live[i]);
  }
  report(`kmalloc_kfree_${size}`, rounds * BATCH, rdtscNs() - t0);
}

/** Runs every benchmark and prints `bench done`. */
export function runBenchmarks(): void {
  rawLine("bench start");
  benchBuddyOrder0(200000);
  benchBuddyMixed(2000);
  benchHeap(32, 2000);
  benchHeap(256, 2000);
  benchHeap(4000, 200);
  benchContextSwitches();
  rawLine("bench done");
}
