/** Hosted unit tests of the kernel symbol table: the build's encoder and the kernel's lookup. */
import { test } from "node:test";
import assert from "node:assert/strict";
import "../../compiler/prelude/hosted.ts";
import { SymbolTable, stringAt } from "./symbols.ts";
import { buildRanges, encodeSymbolTable, modulePrefix, typeScriptName, type SymbolRange } from "../../tools/build/ksyms.ts";
import { lineTable } from "../../compiler/src/elf.ts";

/** Where tests place tables in the hosted memory. */
const BASE = 0x10000;

function place(bytes: Uint8Array): SymbolTable {
  for (let i = 0; i < bytes.length; i++) store8(BASE + i, bytes[i]!);
  const table = new SymbolTable();
  assert.ok(table.attach(BASE, bytes.length), "the table attaches");
  return table;
}

function resolve(table: SymbolTable, addr: number): string {
  const r = table.lookup(addr);
  if (r < 0) return "-";
  const name = table.nameAt(r) === 0 ? "?" : stringAt(table.nameAt(r), 256);
  return table.fileAt(r) === 0 ? name : `${name} ${stringAt(table.fileAt(r), 256)}:${table.lineAt(r)}`;
}

const RANGES: SymbolRange[] = [
  { start: 0xc0100000, name: "_start", file: "kernel/arch/x86/boot.S", line: 80 },
  { start: 0xc0100010, name: "BuddyZone.alloc", file: "kernel/mm/buddy.ts", line: 86 },
  { start: 0xc0100014, name: "BuddyZone.alloc", file: "kernel/mm/buddy.ts", line: 90 },
  { start: 0xc0100020, name: null, file: null, line: 0 },
  { start: 0xc0100030, name: "kernel_main", file: "kernel/main.ts", line: 70 },
];

test("lookups find the range holding an address", () => {
  const table = place(encodeSymbolTable(RANGES, 0xc0100040));
  assert.equal(table.count, 5);
  assert.equal(resolve(table, 0xc00fffff), "-", "below the first range");
  assert.equal(resolve(table, 0xc0100000), "_start kernel/arch/x86/boot.S:80");
  assert.equal(resolve(table, 0xc010000f), "_start kernel/arch/x86/boot.S:80");
  assert.equal(resolve(table, 0xc0100010), "BuddyZone.alloc kernel/mm/buddy.ts:86");
  assert.equal(resolve(table, 0xc0100017), "BuddyZone.alloc kernel/mm/buddy.ts:90");
  assert.equal(resolve(table, 0xc0100025), "?", "a gap has neither name nor file");
  assert.equal(resolve(table, 0xc010003f), "kernel_main kernel/main.ts:70");
  assert.equal(resolve(table, 0xc0100040), "-", "the end address is outside");
  assert.equal(table.rangeStart(table.lookup(0xc0100017)), 0xc0100014);
});

test("every address of a large table resolves like a linear scan", () => {
  const ranges: SymbolRange[] = [];
  for (let i = 0; i < 1000; i++) ranges.push({ start: 0xc0100000 + i * 7 + (i % 3), name: `f${i >> 2}`, file: `kernel/m${i % 5}.ts`, line: i + 1 });
  const table = place(encodeSymbolTable(ranges, 0xc0102000));
  for (let a = 0xc0100000 - 2; a < 0xc0102002; a += 3) {
    let expect = "-";
    if (a < 0xc0102000) for (const r of ranges) if (r.start <= a) expect = `${r.name} ${r.file}:${r.line}`;
    assert.equal(resolve(table, a), expect, `address ${a.toString(16)}`);
  }
});

test("malformed tables are rejected", () => {
  const bytes = encodeSymbolTable(RANGES, 0xc0100040);
  const table = new SymbolTable();
  for (let i = 0; i < bytes.length; i++) store8(BASE + i, bytes[i]!);
  assert.equal(table.attach(BASE, bytes.length - 1), false, "truncated");
  store8(BASE, 0);
  assert.equal(table.attach(BASE, bytes.length), false, "bad magic");
  assert.equal(table.lookup(0xc0100000), -1, "an unattached table finds nothing");
  assert.equal(table.attach(BASE, 0), false, "empty section");
});

test("ranges merge function symbols with line rows", () => {
  const ranges = buildRanges(
    [{ address: 0x1000, name: "a" }, { address: 0x1010, name: "b" }],
    [
      { address: 0x1000, file: "k/a.ts", line: 1 }, { address: 0x1004, file: "k/a.ts", line: 1 },
      { address: 0x1008, file: "k/a.ts", line: 2 }, { address: 0x100c, file: null, line: 0 },
      { address: 0x1010, file: "k/b.ts", line: 5 },
    ],
    0x1000, 0x1020,
  );
  assert.deepEqual(ranges.map((r) => [r.start, r.name, r.file, r.line]), [
    [0x1000, "a", "k/a.ts", 1], [0x1008, "a", "k/a.ts", 2], [0x100c, "a", null, 0], [0x1010, "b", "k/b.ts", 5],
  ]);
});

test("C symbols become TypeScript names", () => {
  const prefixes = ["mm_buddy", "main", "test_ktap", "mm"];
  assert.equal(modulePrefix("mm/buddy.ts"), "mm_buddy");
  assert.equal(typeScriptName("mm_buddy__BuddyZone__alloc", prefixes), "BuddyZone.alloc");
  assert.equal(typeScriptName("test_ktap__TestContext__expect.part.0", prefixes), "TestContext.expect");
  assert.equal(typeScriptName("main__allSuites", prefixes), "allSuites");
  assert.equal(typeScriptName("kernel_main", prefixes), "kernel_main");
  assert.equal(typeScriptName("ostc_str_concat", prefixes), "ostc_str_concat");
});

test("line-table rows become repository-relative locations", () => {
  const rows = [
    { address: 0x10, file: "/r/kernel/a.ts", line: 12, end: false },
    { address: 0x14, file: "/r/kernel/b.ts", line: 0, end: false },
    { address: 0x18, file: "/elsewhere/x.c", line: 7, end: false },
    { address: 0x20, file: null, line: 0, end: true },
    { address: 0x20, file: "/r/kernel/c.ts", line: 3, end: false },
    { address: 0x24, file: null, line: 0, end: true },
  ];
  assert.deepEqual(lineTable(rows, "/r"), {
    starts: [
      { address: 0x10, file: "kernel/a.ts", line: 12 }, { address: 0x14, file: null, line: 0 },
      { address: 0x18, file: "/elsewhere/x.c", line: 7 }, { address: 0x20, file: "kernel/c.ts", line: 3 },
    ],
    ends: [0x24],
  });
});
