import { bootMachine } from "../tools/machine/index.js";
for (const machine of ["qemu", "v86"] as const) {
  const r = await bootMachine({ machine, kernel: "build/boot-smoke.elf", cmdline: "a=1 b", modules: ["/tmp/kb/mod.txt"], timeoutMs: 10000 });
  console.log(JSON.stringify(r, null, 1));
}
