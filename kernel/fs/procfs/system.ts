/**
 * The system-wide files of /proc, in the formats of Linux's proc(5): meminfo (from the buddy
 * zones, slab caches, tmpfs and the vmalloc area), uptime, loadavg, version, cpuinfo (from
 * CPUID), mounts, and stat (CPU time from the scheduler tick, context switches, boot time,
 * process counts). Lines for things this kernel does not have (swap, block devices, NUMA)
 * either show their true value, 0, or are left out where the value would be invented.
 */
import { Dentry, linkInode, mountedRoots, pathOf } from "../vfs";
import { tmpfsPagesInUse } from "../tmpfs";
import { ProcFile, ProcGenerator } from "./file";
import { ProcText } from "./text";
import { clockTicks } from "./pid";
import { zones, totalFreePages } from "../../mm/pmm";
import { kmallocCaches } from "../../mm/slab";
import { VMALLOC_END, VMALLOC_START, vmMappedPages } from "../../mm/vmm";
import { allTasks, contextSwitches } from "../../proc/sched";
import { KERNEL_STACK_BYTES, lastPid } from "../../proc/task";
import { cpuTimes, loadAverages, runnableTasks } from "../../proc/cpuload";
import { loadHundredths } from "../../lib/loadavg";
import { COMPILER, COMPILE_BY, UTS_RELEASE, UTS_SYSNAME, UTS_VERSION } from "../../lib/uts";
import { FEATURE_WORD_COUNT, cpuFlagName, cpuIdentity } from "../../arch/x86/cpuinfo";
import { monotonicNs, tscHz, TICK_HZ } from "../../drivers/pit";
import { rtcEpochSeconds } from "../../drivers/rtc";
import { generateKmemleak } from "../../debug/kmemleak";

/** The meminfo label column: the name, a colon, spaces up to 16 characters. */
const MEMINFO_LABEL = 16;

/** One "Name:    %8lu kB" line of meminfo, for a number of 4 KiB pages. */
function memLine(out: ProcText, name: Fmt, pages: u32): void {
  out.text(name);
  out.byte(58);
  for (let i = name.length + 1; i < MEMINFO_LABEL; i++) out.byte(32);
  out.decimal(u64(pages) * 4n, 8, false);
  out.text(" kB\n");
}

/**
 * /proc/meminfo. Cached and Shmem are the pages tmpfs files hold (the whole page cache here);
 * none of it can be reclaimed without swap, so MemAvailable is MemFree. Slab counts the slab
 * caches' pages, KernelStack the tasks' kernel stacks, VmallocUsed the vmalloc area's mapped
 * pages. Low memory is the direct-mapped zones, high memory the High zone.
 */
function generateMeminfo(out: ProcText, _pid: i32): i32 {
  let total: u32 = 0;
  let highTotal: u32 = 0;
  let highFree: u32 = 0;
  for (const z of zones()) {
    total += z.managedPages;
    if (z.name === "High") {
      highTotal += z.managedPages;
      highFree += z.freePages;
    }
  }
  const free = totalFreePages();
  const cached = tmpfsPagesInUse();
  let slab: u32 = 0;
  for (const c of kmallocCaches()) slab += c.slabs;
  let stacks: u32 = 0;
  for (const t of allTasks()) if (t.kstackLow !== 0) stacks += KERNEL_STACK_BYTES >>> 12;
  memLine(out, "MemTotal", total);
  memLine(out, "MemFree", free);
  memLine(out, "MemAvailable", free);
  memLine(out, "Buffers", 0);
  memLine(out, "Cached", cached);
  memLine(out, "SwapCached", 0);
  memLine(out, "HighTotal", highTotal);
  memLine(out, "HighFree", highFree);
  memLine(out, "LowTotal", total - highTotal);
  memLine(out, "LowFree", free - highFree);
  memLine(out, "SwapTotal", 0);
  memLine(out, "SwapFree", 0);
  memLine(out, "Dirty", 0);
  memLine(out, "Writeback", 0);
  memLine(out, "Shmem", cached);
  memLine(out, "KReclaimable", 0);
  memLine(out, "Slab", slab);
  memLine(out, "SReclaimable", 0);
  memLine(out, "SUnreclaim", slab);
  memLine(out, "KernelStack", stacks);
  memLine(out, "VmallocTotal", (VMALLOC_END - VMALLOC_START) >>> 12);
  memLine(out, "VmallocUsed", vmMappedPages());
  return 0;
}

/**
 * /proc/slabinfo, version 2.1 as SLUB prints it: per kmalloc cache the objects in use, the
 * objects its slabs hold, the object size, objects and pages per slab, zero tunables, and the
 * slab counts. Blocks above the largest cache are whole pages and are not listed (Linux's
 * kmalloc-large neither).
 */
function generateSlabinfo(out: ProcText, _pid: i32): i32 {
  out.text("slabinfo - version: 2.1\n");
  out.text("# name            <active_objs> <num_objs> <objsize> <objperslab> <pagesperslab> : tunables <limit> <batchcount> <sharedfactor> : slabdata <active_slabs> <num_slabs> <sharedavail>\n");
  const caches = kmallocCaches();
  for (let i = caches.length - 1; i >= 0; i--) {
    const c = caches[i];
    out.text(c.name);
    for (let k = c.name.length; k < 17; k++) out.byte(32);
    out.decimal(u64(c.allocated), 7, false);
    out.decimal(u64(c.slabs) * u64(c.perSlab), 7, false);
    out.decimal(u64(c.objectSize), 7, false);
    out.decimal(u64(c.perSlab), 5, false);
    out.decimal(1n, 5, false);
    out.text(" : tunables    0    0    0 : slabdata ");
    out.decimal(u64(c.slabs), 6, false);
    out.decimal(u64(c.slabs), 7, false);
    out.decimal(0n, 7, false);
    out.byte(10);
  }
  return 0;
}

/** Timer ticks as hundredths of a second. */
function tickHundredths(ticks: u64): u64 {
  return ticks / u64(Math.trunc(TICK_HZ / 100));
}

/** /proc/uptime: seconds since boot and seconds spent idle, with two decimals. */
function generateUptime(out: ProcText, _pid: i32): i32 {
  out.hundredths(monotonicNs() / 10000000n);
  out.byte(32);
  out.hundredths(tickHundredths(cpuTimes().idle));
  out.byte(10);
  return 0;
}

/** /proc/loadavg: the 1, 5 and 15 minute load averages, runnable/total tasks, and the last pid given out. */
function generateLoadavg(out: ProcText, _pid: i32): i32 {
  for (const l of loadAverages()) {
    out.hundredths(u64(loadHundredths(l)));
    out.byte(32);
  }
  out.text(`${runnableTasks()}/${allTasks().length - 1} ${lastPid()}\n`); // the idle task is not a task here
  return 0;
}

/** /proc/version: Linux's banner ("%s version %s (%s) (%s) %s"). */
function generateVersion(out: ProcText, _pid: i32): i32 {
  out.text(`${UTS_SYSNAME} version ${UTS_RELEASE} (${COMPILE_BY}) (${COMPILER}) ${UTS_VERSION}\n`);
  return 0;
}

/** /proc/cpuinfo: the one processor as 32-bit Linux describes it (arch/x86/kernel/cpu/proc.c). */
function generateCpuinfo(out: ProcText, _pid: i32): i32 {
  const id = cpuIdentity();
  const khz = tscHz() / 1000n;
  out.text(`processor\t: 0\nvendor_id\t: ${id.vendor}\ncpu family\t: ${id.family}\nmodel\t\t: ${id.model}\n`);
  out.text(`model name\t: ${id.brand === "" ? "unknown" : id.brand}\nstepping\t: ${id.stepping}\n`);
  if (khz > 0n) {
    out.text(`cpu MHz\t\t: ${khz / 1000n}.`);
    out.decimal(khz % 1000n, 3, true);
    out.byte(10);
  }
  out.text("fdiv_bug\t: no\nf00f_bug\t: no\ncoma_bug\t: no\n");
  const fpu = (id.features[0] & 1) !== 0 ? "yes" : "no";
  out.text(`fpu\t\t: ${fpu}\nfpu_exception\t: ${fpu}\ncpuid level\t: ${id.maxLeaf}\nwp\t\t: yes\nflags\t\t:`);
  for (let w = 0; w < FEATURE_WORD_COUNT; w++) {
    const bits = id.features[w];
    for (let b = 0; b < 32; b++) {
      if (((bits >>> b) & 1) === 0) continue;
      const name = cpuFlagName(w, b);
      if (name !== "") out.text(` ${name}`);
    }
  }
  out.text("\nbugs\t\t:\n");
  if (khz > 0n) {
    // Linux calibrates its delay loop from the TSC: loops_per_jiffy = tsc_khz * 1000 / HZ.
    out.text(`bogomips\t: ${khz / 500n}.`);
    out.decimal((khz / 5n) % 100n, 2, true);
    out.byte(10);
  }
  out.text(`clflush size\t: ${id.clflushBytes}\ncache_alignment\t: ${id.clflushBytes}\n`);
  out.text(`address sizes\t: ${id.physicalBits} bits physical, ${id.virtualBits} bits virtual\npower management:\n\n`);
  return 0;
}

/** /proc/mounts: one line per mounted file system ("source mountpoint type options 0 0"). */
function generateMounts(out: ProcText, _pid: i32): i32 {
  for (const root of mountedRoots()) {
    const at = pathOf(root);
    if (at === null) continue;
    const sb = root.inode.sb;
    out.text(`${sb.type} ${at} ${sb.type} ${sb.readOnly ? "ro" : "rw"} 0 0\n`);
  }
  return 0;
}

/** The wall-clock second of boot, from the RTC when /proc is mounted (stat's btime). */
class BootTime {
  epochSeconds: u64 = 0n;
}
const bootTime = new BootTime();

/** One "cpu…" line of stat: user nice system idle, then iowait irq softirq steal guest guest_nice (not tracked: 0). */
function cpuLine(out: ProcText, label: Fmt): void {
  const t = cpuTimes();
  out.text(`${label} ${clockTicks(t.user)} ${clockTicks(t.nice)} ${clockTicks(t.system)} ${clockTicks(t.idle)} 0 0 0 0 0 0\n`);
}

/**
 * /proc/stat: CPU time in clock ticks (USER_HZ) for all processors and for cpu0, context
 * switches, boot time, tasks created since boot, and tasks runnable now. Interrupt counts
 * (intr, softirq) are not shown: this kernel does not keep them per source.
 */
function generateStat(out: ProcText, _pid: i32): i32 {
  cpuLine(out, "cpu ");
  cpuLine(out, "cpu0");
  out.text(`ctxt ${contextSwitches()}\nbtime ${bootTime.epochSeconds}\nprocesses ${lastPid()}\n`);
  out.text(`procs_running ${runnableTasks()}\nprocs_blocked 0\n`);
  return 0;
}

function addFile(root: Dentry, name: string, generate: ProcGenerator): void {
  const sb = root.inode.sb;
  linkInode(root, name, new ProcFile(sb, sb.allocIno(), generate, 0));
}

/** Puts the system-wide files into the procfs root `root` and notes the boot time. */
export function populateSystemFiles(root: Dentry): void {
  const now = rtcEpochSeconds();
  const up = monotonicNs() / 1000000000n;
  bootTime.epochSeconds = now > up ? now - up : now;
  addFile(root, "cpuinfo", generateCpuinfo);
  addFile(root, "kmemleak", generateKmemleak);
  addFile(root, "loadavg", generateLoadavg);
  addFile(root, "meminfo", generateMeminfo);
  addFile(root, "mounts", generateMounts);
  addFile(root, "slabinfo", generateSlabinfo);
  addFile(root, "stat", generateStat);
  addFile(root, "uptime", generateUptime);
  addFile(root, "version", generateVersion);
}
