import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { linkKernel } from "../build/kernel-link.js";
import { buildStubKernel } from "../build/stub-kernel.js";
import { parseKtap } from "../ktap.js";
import { availableMachines, bootMachine, startMachine } from "../machine/index.js";
import { qemuArguments } from "../machine/qemu.js";

describe("qemuArguments", () => {
  it("passes kernel, command line, modules and the exit device", () => {
    const args = qemuArguments({ kernel: "k.elf", cmdline: "a=1", modules: ["m,1", "m2"], memoryMiB: 64, cpu: "max" });
    assert.deepEqual(args, [
      "-kernel", "k.elf", "-m", "64", "-display", "none", "-no-reboot",
      "-device", "isa-debug-exit,iobase=0xf4,iosize=0x04",
      "-serial", "stdio", "-monitor", "none",
      "-append", "a=1", "-initrd", "m,,1,m2", "-cpu", "max",
    ]);
  });

  it("puts the monitor on the serial mux when interactive", () => {
    const args = qemuArguments({ kernel: "k.elf", interactive: true });
    assert.ok(args.join(" ").includes("-serial mon:stdio"));
    assert.ok(!args.includes("-monitor"));
  });
});

for (const machine of availableMachines()) {
  describe(`booting on ${machine}`, () => {
    let modes = "";
    before(async () => {
      modes = (await linkKernel({
        sources: ["tools/test/fixtures/machine-modes.c"],
        output: "build/test/machine-modes.elf",
        objectDir: "build/obj/test",
      })).elf;
    });

    it("boots the smoke-test kernel and reads its KTAP report", async () => {
      const { elf } = await buildStubKernel("build/test/boot-smoke.elf");
      const result = await bootMachine({ machine, kernel: elf, cmdline: "x=1", timeoutMs: 20_000 });
      assert.equal(result.reason, "exit");
      assert.equal(result.exitCode, 0);
      assert.match(result.serial, /OpenOS: boot ok, magic=0x2badb002/);
      assert.match(result.serial, /cmdline=".*boot-smoke\.elf x=1"/);
      assert.equal(parseKtap(result.serial).passed, true);
      assert.ok(result.firstSerialByteMs !== null && result.firstSerialByteMs <= result.elapsedMs);
    });

    it("reports exit codes as QEMU's isa-debug-exit can (7 bits)", async () => {
      const three = await bootMachine({ machine, kernel: modes, cmdline: "mode=exit3", timeoutMs: 20_000 });
      assert.deepEqual([three.reason, three.exitCode], ["exit", 3]);
      const wide = await bootMachine({ machine, kernel: modes, cmdline: "mode=exit200", timeoutMs: 20_000 });
      assert.deepEqual([wide.reason, wide.exitCode], ["exit", 200 & 0x7f]);
    });

    it("times out a kernel that never exits", async () => {
      const result = await bootMachine({ machine, kernel: modes, cmdline: "mode=hang", timeoutMs: 1_500 });
      assert.deepEqual([result.reason, result.timedOut, result.exitCode], ["timeout", true, null]);
      assert.match(result.serial, /modes: .*mode=hang/);
    });

    it("ends a kernel that faults beyond repair without an exit code", async () => {
      const result = await bootMachine({ machine, kernel: modes, cmdline: "mode=triple", timeoutMs: 20_000 });
      assert.equal(result.reason, machine === "qemu" ? "stopped" : "crashed");
      assert.equal(result.exitCode, null);
    });

    it("carries input to COM1", async () => {
      let output = "";
      let sent = false;
      const running = startMachine({
        machine,
        kernel: modes,
        cmdline: "mode=echo",
        timeoutMs: 20_000,
        onSerial: (bytes) => {
          output += Buffer.from(bytes).toString("latin1");
          if (!sent && output.includes("echo> ")) {
            sent = true;
            running.sendSerial("ping q");
          }
        },
      });
      const result = await running.result;
      assert.deepEqual([result.reason, result.exitCode], ["exit", 5]);
      assert.match(result.serial, /echo> ping \r\nbye\r\n$/);
    });

    if (machine === "v86") {
      it("notices a CPU halted with interrupts off", async () => {
        const result = await bootMachine({ machine, kernel: modes, cmdline: "mode=halt", timeoutMs: 20_000 });
        assert.deepEqual([result.reason, result.exitCode], ["halted", null]);
      });
    }
  });
}
