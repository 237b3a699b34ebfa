import { bootMachine } from "../tools/machine/index.js";
for (const machine of ["qemu", "v86"] as const) {
  const first: number[] = [], total: number[] = [];
  for (let i = 0; i < 8; i++) {
    const r = await bootMachine({ machine, kernel: "build/boot-smoke.elf", cmdline: "smoke=1", modules: ["build/boot-smoke.module"], timeoutMs: 10000 });
    if (r.reason !== "exit" || r.exitCode !== 0) throw new Error("bad run " + JSON.stringify(r));
    first.push(r.firstSerialByteMs!); total.push(r.elapsedMs);
  }
  const fmt = (a: number[]) => a.map((x) => x.toFixed(0)).join(" ");
  const med = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1]!.toFixed(0);
  console.log(machine, "first byte ms:", fmt(first), "median", med(first), "| total ms:", fmt(total), "median", med(total));
}
