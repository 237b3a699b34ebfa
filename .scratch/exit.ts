import { bootMachine } from "../tools/machine/index.js";
const t0 = performance.now();
const r = await bootMachine({ machine: process.argv[2] as "v86", kernel: "build/boot-smoke.elf", timeoutMs: 10000 });
console.log(r.reason, r.exitCode, r.firstSerialByteMs?.toFixed(1), r.elapsedMs.toFixed(1), "script at", (performance.now()).toFixed(0));
process.on("exit", () => console.log("exit at", performance.now().toFixed(0)));
