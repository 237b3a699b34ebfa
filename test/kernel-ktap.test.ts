/**
 * Boots the kernel with `test` on every available machine (QEMU and v86) and requires every
 * in-kernel KTAP test to pass, also with the FPU/SSE state switched the non-default way; also
 * boots it under the memory configurations the kernel must survive (tiny RAM, huge RAM, a
 * garbage command line).
 */
import { test, before } from "node:test";
import assert from "node:assert/strict";
import { buildKernel } from "../tools/build/kernel.js";
import { availableMachines, bootMachine, startMachine, type MachineName } from "../tools/machine/index.js";
import { parseKtap } from "../tools/ktap.js";

let kernel = "";
before(async () => {
  kernel = await buildKernel();
});

/** The boots of every suite: the default configuration, and FPU/SSE state switched the other way. */
const SUITE_BOOTS: { words: string; log?: RegExp }[] = [{ words: "" }, { words: "fpu=lazy", log: /fpu: fxsave\/fxrstor, lazy switching/ }];

for (const machine of availableMachines() as MachineName[]) for (const { words, log } of SUITE_BOOTS) {
  test(`in-kernel KTAP suites pass on ${machine}${words ? ` with ${words}` : ""}`, async () => {
    const r = await bootMachine({ machine, kernel, cmdline: `test ${words}`.trim(), memoryMiB: 128, timeoutMs: 60_000 });
    if (log) assert.match(r.serial, log, "the kernel took the option");
    const report = parseKtap(r.serial);
    const failed = report.root?.tests.filter((t) => t.status === "fail").map((t) => t.name) ?? [];
    assert.equal(report.errors.length, 0, `malformed KTAP: ${report.errors.join("; ")}\n${r.serial}`);
    assert.deepEqual(failed, [], `failing suites:\n${r.serial}`);
    assert.ok(report.passed, r.serial);
    assert.equal(r.exitCode, 0, `exit code ${r.exitCode} (${r.reason})\n${r.serial}`);
    assert.ok((report.root?.tests.length ?? 0) >= 5, "all suites ran");
  });
}

for (const machine of availableMachines() as MachineName[]) {
  test(`the monitor runs commands typed on the serial line on ${machine} (interrupt-driven input)`, async () => {
    const script = ["help\r", "halt\r"];
    let seen = "";
    let sent = 0;
    const running = startMachine({
      machine, kernel, memoryMiB: 64, timeoutMs: 60_000,
      onSerial: (bytes) => {
        seen += Buffer.from(bytes).toString("latin1");
        const prompts = seen.split("openos> ").length - 1;
        while (sent < script.length && sent < prompts) running.sendSerial(script[sent++]!);
      },
    });
    const r = await running.result;
    assert.match(r.serial, /openos> help\r?\ncommands: help/, r.serial);
    assert.match(r.serial, /openos> halt\r?\nhalting/, r.serial);
    assert.equal(r.exitCode, 0, `exit ${r.exitCode} (${r.reason})\n${r.serial}`);
  });
}

const hasQemu = availableMachines().includes("qemu");

test("boots and runs the tests with 8 MiB of RAM", { skip: !hasQemu && "needs QEMU" }, async () => {
  const r = await bootMachine({ machine: "qemu", kernel, cmdline: "test", memoryMiB: 8, timeoutMs: 60_000 });
  assert.equal(r.exitCode, 0, r.serial);
});

test("boots with 3 GiB of RAM: the memory above the direct map becomes the High zone", { skip: !hasQemu && "needs QEMU" }, async () => {
  const r = await bootMachine({ machine: "qemu", kernel, cmdline: "test", memoryMiB: 3072, timeoutMs: 60_000 });
  assert.equal(r.exitCode, 0, r.serial);
  assert.match(r.serial, /direct map 896 MiB/);
  assert.match(r.serial, /zone High: \d+ free pages/);
});

test("PAE paging with NX on a CPU that has it (-cpu max): every suite passes", { skip: !hasQemu && "needs QEMU" }, async () => {
  const r = await bootMachine({ machine: "qemu", kernel, cmdline: "test", memoryMiB: 256, cpu: "max", timeoutMs: 60_000 });
  assert.match(r.serial, /paging: PAE, NX on/);
  const report = parseKtap(r.serial);
  assert.ok(report.passed, r.serial);
  assert.doesNotMatch(r.serial, /# SKIP the CPU has no NX/);
  assert.equal(r.exitCode, 0, r.serial);
});

test("a garbage command line still boots", { skip: !hasQemu && "needs QEMU" }, async () => {
  const r = await bootMachine({ machine: "qemu", kernel, cmdline: "\u0001\u00ff mem=zz loglevel=99 === test", memoryMiB: 64, timeoutMs: 60_000 });
  assert.equal(r.exitCode, 0, r.serial);
});

test("mem= limits usable memory", { skip: !hasQemu && "needs QEMU" }, async () => {
  const r = await bootMachine({ machine: "qemu", kernel, cmdline: "mem=12M test", memoryMiB: 128, timeoutMs: 60_000 });
  assert.equal(r.exitCode, 0, r.serial);
  assert.doesNotMatch(r.serial, /zone Normal/, "no Normal zone below 16 MiB");
});

for (const [kind, pattern] of [
  ["stack", /kernel stack overflow: the guard page at [0-9a-f]{8} was hit[\s\S]*recurse \(kernel\/debug\/crashtest\.ts:\d+\)/],
  ["pagefault", /KERNEL PANIC: page fault[\s\S]*page fault at 50000000: not present, read, kernel[\s\S]*eip=/],
  ["overflow", /KERNEL PANIC: integer overflow in int32_t addition at kernel\/debug\/crashtest\.ts:\d+/],
  ["panic", /KERNEL PANIC: deliberate panic \(crashtest=panic\) at kernel\/debug\/crashtest\.ts:\d+/],
] as const) {
  test(`crashtest=${kind} ends in a readable report and a clean stop`, { skip: !hasQemu && "needs QEMU" }, async () => {
    const r = await bootMachine({ machine: "qemu", kernel, cmdline: `crashtest=${kind}`, memoryMiB: 64, timeoutMs: 60_000 });
    assert.match(r.serial, pattern);
    assert.equal(r.exitCode, 3, `exit ${r.exitCode} (${r.reason})\n${r.serial}`);
  });
}
