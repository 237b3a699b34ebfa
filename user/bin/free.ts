/** free: memory totals from sysinfo, in KiB (the layout of procps' free). */
import { SysInfo, sysinfo } from "../lib/system";
import { println, eprintln } from "../lib/io";
import { padLeft } from "../lib/fmt";

const info = new SysInfo();
if (sysinfo(info) < 0) { eprintln("free: sysinfo failed"); process.exit(1); }

/** `units` memory units as KiB. */
function kib(units: u32): string {
  return `${BigInt(units) * BigInt(info.memUnit === 0 ? 1 : info.memUnit) / 1024n}`;
}
/** A row of right-aligned columns after a label. */
function row(label: string, cells: string[]): string {
  let s = label.padEnd(7, " ");
  for (const c of cells) s += padLeft(c, 12);
  return s;
}

const used = info.totalram - info.freeram - info.bufferram;
println(row("", ["total", "used", "free", "shared", "buff/cache"]));
println(row("Mem:", [kib(info.totalram), kib(used), kib(info.freeram), kib(info.sharedram), kib(info.bufferram)]));
println(row("Swap:", [kib(info.totalswap), kib(info.totalswap - info.freeswap), kib(info.freeswap)]));
