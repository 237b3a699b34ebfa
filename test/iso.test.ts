/**
 * `npm run iso`: the GRUB CD image boots on QEMU through the BIOS and GRUB, with the menu entry's
 * command line reaching the kernel (`test` runs the in-kernel KTAP suites).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { buildIso, missingIsoTools } from "../tools/build/iso.js";
import { QEMU_BINARY, qemuAvailable } from "../tools/machine/qemu.js";
import { parseKtap } from "../tools/ktap.js";

const missing = missingIsoTools();

test("the GRUB ISO boots and runs the in-kernel tests", { skip: (missing.length > 0 && `needs ${missing.join(", ")}`) || (!qemuAvailable() && "needs QEMU"), timeout: 300_000 }, async () => {
  const iso = await buildIso({ cmdline: "test", workDir: "build/test-iso" });
  const r = spawnSync(QEMU_BINARY, [
    "-cdrom", iso, "-m", "128", "-display", "none", "-no-reboot", "-monitor", "none", "-serial", "stdio",
    "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
  ], { encoding: "utf8", timeout: 120_000 });
  const serial = r.stdout;
  assert.match(serial, /cmdline: "test"/, serial);
  const report = parseKtap(serial);
  assert.ok(report.passed, serial);
  assert.equal(r.status, 1, `QEMU status ${r.status} (isa-debug-exit: 1 is exit code 0)\n${r.stderr}\n${serial}`);
});
