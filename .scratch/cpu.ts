import { bootMachine } from "../tools/machine/index.js";
for (const cpu of ["max", "nonsense", "pentium3"]) {
  try {
    const r = await bootMachine({ machine: "qemu", kernel: "build/boot-smoke.elf", cpu, timeoutMs: 5000 });
    console.log(cpu, r.reason, r.exitCode, JSON.stringify(r.diagnostics), r.firstSerialByteMs?.toFixed(0));
  } catch (e) { console.log(cpu, "ERROR", (e as Error).message); }
}
