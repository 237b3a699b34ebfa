import { linkKernel } from "../tools/build/kernel-link.js";
import { bootMachine, startMachine } from "../tools/machine/index.js";
const { elf } = await linkKernel({ sources: [".scratch/modes.c"], output: "build/scratch-modes.elf", objectDir: "build/obj/scratch" });
for (const machine of ["qemu", "v86"] as const) {
  for (const mode of ["hang", "halt", "triple", "exit3", "exit200", "spam"]) {
    const t = performance.now();
    try {
      const r = await bootMachine({ machine, kernel: elf, cmdline: `mode=${mode}`, timeoutMs: 3000 });
      console.log(machine, mode, r.reason, r.exitCode, r.timedOut, "serial bytes", r.serial.length, "first", r.firstSerialByteMs?.toFixed(0), "elapsed", r.elapsedMs.toFixed(0), JSON.stringify(r.diagnostics.slice(0, 200)));
    } catch (e) { console.log(machine, mode, "ERROR", (e as Error).message); }
  }
  const m = startMachine({ machine, kernel: elf, cmdline: "mode=echo", timeoutMs: 5000 });
  setTimeout(() => m.sendSerial("hello q"), 500);
  const r = await m.result;
  console.log(machine, "echo", r.reason, r.exitCode, JSON.stringify(r.serial));
  try { await bootMachine({ machine, kernel: "build/nonexistent.elf", timeoutMs: 3000 }); } catch (e) { console.log(machine, "missing kernel ERROR:", (e as Error).message.slice(0, 200)); }
}
