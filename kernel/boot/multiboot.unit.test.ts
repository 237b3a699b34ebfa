/**
 * Hosted unit tests: the multiboot parser and the memory-map policy against malformed maps
 * (overlaps, holes, zero lengths, entries above 4 GiB, truncated entries), built in the
 * hosted prelude's simulated memory.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import "../../compiler/prelude/hosted.ts";
import { parseMultiboot, cmdlineHas, cmdlineInitArgs, cmdlineValue } from "./multiboot.ts";
import { pageUsable } from "../mm/pmm.ts";

const INFO = 0x2000, MMAP = 0x3000, CMDLINE = 0x4000, MODS = 0x5000;

function writeInfo(entries: [bigint, bigint, number][], opts: { entrySize?: number; cmdline?: string; mods?: [number, number][] } = {}): void {
  memset(INFO, 0, 0x4000);
  let flags = 1 << 6;
  let off = 0;
  for (const [base, len, type] of entries) {
    store32(MMAP + off, opts.entrySize ?? 20);
    store64(MMAP + off + 4, base);
    store64(MMAP + off + 12, len);
    store32(MMAP + off + 20, type);
    off += (opts.entrySize ?? 20) + 4;
  }
  store32(INFO + 44, off);
  store32(INFO + 48, MMAP);
  if (opts.cmdline !== undefined) {
    flags |= 1 << 2;
    for (let i = 0; i < opts.cmdline.length; i++) store8(CMDLINE + i, opts.cmdline.charCodeAt(i));
    store8(CMDLINE + opts.cmdline.length, 0);
    store32(INFO + 16, CMDLINE);
  }
  if (opts.mods) {
    flags |= 1 << 3;
    opts.mods.forEach(([s, e], i) => { store32(MODS + i * 16, s); store32(MODS + i * 16 + 4, e); });
    store32(INFO + 20, opts.mods.length);
    store32(INFO + 24, MODS);
  }
  store32(INFO, flags);
}

test("a clean map, command line and modules", () => {
  writeInfo([[0n, 0x9fc00n, 1], [0x100000n, 0x7f00000n, 1]], { cmdline: "/boot/kernel test mem=64M", mods: [[0x400000, 0x480000]] });
  const bi = parseMultiboot(INFO, 0);
  assert.equal(bi.regions.length, 2);
  assert.equal(bi.anomalies, 0);
  assert.equal(bi.cmdline, "/boot/kernel test mem=64M");
  assert.ok(cmdlineHas(bi.cmdline, "test"));
  assert.equal(cmdlineValue(bi.cmdline, "mem"), "64M");
  assert.deepEqual(bi.modules.map((m) => [m.start, m.end]), [[0x400000, 0x480000]]);
});

test("words after -- are init's arguments, not kernel parameters (as on Linux)", () => {
  const line = "/boot/kernel init=/bench/all loglevel=3 -- 5 test  mem=8M";
  assert.equal(cmdlineValue(line, "init"), "/bench/all");
  assert.equal(cmdlineValue(line, "mem"), null, "mem= after -- belongs to init");
  assert.ok(!cmdlineHas(line, "test"), "test after -- belongs to init");
  assert.deepEqual(cmdlineInitArgs(line), ["5", "test", "mem=8M"]);
  assert.deepEqual(cmdlineInitArgs("/boot/kernel init=/bin/sh"), []);
  assert.deepEqual(cmdlineInitArgs("/boot/kernel init=/bin/sh --"), []);
});

test("zero-length and above-4-GiB entries are dropped and counted", () => {
  writeInfo([[0x100000n, 0n, 1], [0x100000000n, 0x40000000n, 1], [0x100000n, 0x100000n, 1], [0xfff00000n, 0x200000n, 1]]);
  const bi = parseMultiboot(INFO, 0);
  assert.equal(bi.anomalies, 2);
  assert.equal(bi.regions.length, 2);
  const last = bi.regions[1];
  assert.equal(last.base + last.length, 0x100000000n, "an entry crossing 4 GiB is clipped");
});

test("a truncated entry size stops the walk instead of reading garbage", () => {
  writeInfo([[0x100000n, 0x100000n, 1], [0x200000n, 0x100000n, 1]], { entrySize: 12 });
  const bi = parseMultiboot(INFO, 0);
  assert.equal(bi.regions.length, 0);
  assert.equal(bi.anomalies, 1);
});

test("overlaps resolve toward reserved; holes are not usable", () => {
  writeInfo([[0x100000n, 0x400000n, 1], [0x200000n, 0x1000n, 2], [0x300800n, 0x100n, 2], [0x600000n, 0x100000n, 1]]);
  const bi = parseMultiboot(INFO, 0);
  const usable = (addr: number) => pageUsable(bi.regions, addr >>> 12);
  assert.ok(usable(0x100000), "plain usable page");
  assert.ok(!usable(0x200000), "a reserved entry inside a usable one wins");
  assert.ok(!usable(0x300000), "a page partly covered by a reserved entry is not usable");
  assert.ok(!usable(0x500000), "a hole between entries is not usable");
  assert.ok(usable(0x600000), "the next usable entry");
  assert.ok(!usable(0x700000), "past the end of the map");
});

test("an info block outside the boot map is refused", () => {
  const bi = parseMultiboot(0x7fffff00, 0);
  assert.equal(bi.regions.length, 0);
  assert.equal(bi.cmdline, "");
});
