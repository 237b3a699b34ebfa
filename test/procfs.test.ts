/**
 * The process file system from ring 3: /bin/procfstest runs as the first process and checks
 * /proc (the listing, /proc/self, the per-process files of a live, zombie and reaped child,
 * the system-wide files and their values, read-only refusals, -EFAULT) on QEMU (two-level and
 * PAE paging) and v86, reporting KTAP.
 */
import { test, before } from "node:test";
import assert from "node:assert/strict";
import os from "node:os";
import fs from "node:fs";
import path from "node:path";
import { buildKernel } from "../tools/build/kernel.js";
import { buildInitramfs } from "../tools/build/initramfs.js";
import { availableMachines, bootMachine, type MachineName } from "../tools/machine/index.js";
import { parseKtap } from "../tools/ktap.js";
import { runCommand } from "../tools/run-command.js";

const work = fs.mkdtempSync(path.join(os.tmpdir(), "openos-procfs-"));
let kernel = "";
let initramfs = "";
before(async () => {
  [kernel, initramfs] = await Promise.all([buildKernel({ workDir: work }), buildInitramfs({ workDir: work })]);
});

const configs: { machine: MachineName; cpu?: string; label: string }[] = [];
for (const m of availableMachines() as MachineName[]) configs.push({ machine: m, label: m });
if (availableMachines().includes("qemu")) configs.push({ machine: "qemu", cpu: "max", label: "qemu -cpu max (PAE, NX)" });

for (const c of configs) {
  test(`/proc from ring 3 (KTAP) on ${c.label}`, async () => {
    const r = await bootMachine({ machine: c.machine, cpu: c.cpu, kernel, modules: [initramfs], cmdline: "init=/bin/procfstest", memoryMiB: 128, timeoutMs: 120_000 });
    const report = parseKtap(r.serial);
    const failed = report.root?.tests.filter((t) => t.status === "fail").map((t) => t.name) ?? [];
    assert.deepEqual(failed, [], r.serial);
    assert.deepEqual(report.errors, [], r.serial);
    assert.ok((report.root?.tests.length ?? 0) >= 80, `only ${report.root?.tests.length} checks ran:\n${r.serial}`);
    assert.match(r.serial, /procfstest: 0 failure\(s\)/);
    assert.equal(r.exitCode, 0, r.serial);
  });
}

/**
 * The kernel-heap views: /proc/slabinfo (Linux's format 2.1, one line per kmalloc cache) and, with
 * `kmemleak` on the command line, /proc/kmemleak listing live heap blocks by the function that
 * allocated them. A command that allocates in the kernel (a fork and a path lookup per loop)
 * runs between two reads: the tracker must name kernel functions with their TypeScript lines.
 */
test("/proc/slabinfo and /proc/kmemleak describe the kernel heap", async () => {
  const machine = availableMachines()[0] as MachineName;
  const command = "cat /proc/slabinfo; cat /proc/kmemleak > /tmp/before; ls / > /dev/null; ls /bin > /dev/null; cat /proc/kmemleak";
  const on = await runCommand({ kernel, initramfs, workDir: work, machine, command, kernelArgs: "kmemleak", memoryMiB: 64, timeoutMs: 60_000 });
  assert.equal(on.status, 0, on.serial);
  assert.match(on.output, /^slabinfo - version: 2\.1\n# name +<active_objs> <num_objs> <objsize>/m);
  const slab = /^kmalloc-32 +(\d+) +(\d+) +32 +(\d+) +1 : tunables +0 +0 +0 : slabdata +(\d+) +(\d+) +0$/m.exec(on.output);
  assert.ok(slab, on.output);
  assert.ok(Number(slab[1]) > 0 && Number(slab[1]) <= Number(slab[2]), "active objects within the slabs' capacity");
  const head = /^blocks (\d+) sites (\d+) dropped 0$/m.exec(on.output);
  assert.ok(head && Number(head[1]) > 0 && Number(head[2]) > 0, on.output);
  // Site lines: live blocks, live bytes, blocks ever, the return address, the function (file:line).
  const sites = [...on.output.matchAll(/^ +(\d+) +(\d+) +(\d+)  0xc[0-9a-f]{7} (\S+) \((kernel\/[\w/]+\.ts):(\d+)\)$/gm)];
  assert.ok(sites.length >= 5, on.output);
  for (const s of sites) assert.ok(Number(s[1]) <= Number(s[3]), `live blocks never exceed blocks ever: ${s[0]}`);
  assert.ok(sites.every((s) => !s[4]!.startsWith("ostc_") && s[4] !== "kmalloc"), "sites are the allocator's callers");
  const off = await runCommand({ kernel, initramfs, workDir: work, machine, command: "cat /proc/kmemleak", memoryMiB: 64, timeoutMs: 60_000 });
  assert.equal(off.output, "allocation tracking is off: boot with kmemleak on the command line\n");
});
