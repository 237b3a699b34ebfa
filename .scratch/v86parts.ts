import { V86 } from "v86";
import { readFileSync } from "node:fs";
const buf = readFileSync("build/boot-smoke.elf");
const wasm = readFileSync("node_modules/v86/build/v86.wasm");
const mod = await WebAssembly.compile(wasm);
for (const cached of [false, true, false, true]) for (const mem of [128, 32]) {
  const t0 = performance.now();
  const marks: string[] = [];
  const mark = (s: string) => marks.push(`${s}=${(performance.now() - t0).toFixed(0)}`);
  await new Promise<void>((resolve) => {
    const e = new V86({
      ...(cached ? { wasm_fn: async (imp: any) => { mark("fn"); const i = await WebAssembly.instantiate(mod, imp); mark("inst"); return i.exports; } } : { wasm_path: "node_modules/v86/build/v86.wasm" }),
      multiboot: { buffer: buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) }, memory_size: mem << 20, autostart: true } as any);
    let first = true;
    e.add_listener("emulator-ready", () => { mark("ready"); (e as any).v86.cpu.io.register_write(0xF4, {}, () => { mark("exit"); e.stop(); }, () => {}, () => {}); });
    e.add_listener("emulator-started", () => mark("started"));
    e.add_listener("serial0-output-byte", () => { if (first) { first = false; mark("byte"); } });
    e.add_listener("emulator-stopped", () => { mark("stopped"); e.destroy().then(() => resolve()); });
  });
  console.log(cached ? "cached" : "fresh ", mem, marks.join(" "));
}
