/**
 * The 8254 programmable interval timer (channel 0) as the periodic tick, and the monotonic
 * clock: nanoseconds since boot from the TSC calibrated against the PIT, or from ticks alone
 * when the CPU has no TSC.
 */
import { picEnable } from "./pic";

/** The PIT's input clock in Hz. */
export const PIT_HZ: u32 = 1193182;
/** Tick rate of the periodic timer. */
export const TICK_HZ: u32 = 1000;
const CHANNEL0: u16 = 0x40;
const COMMAND: u16 = 0x43;

class Clock {
  ticks: u64 = 0n;
  tscHz: u64 = 0n;
  tscBase: u64 = 0n;
  spuriousIrqs: u32 = 0;
}
const clock = new Clock();

/** Starts the periodic tick (IRQ 0). */
export function pitInit(): void {
  const divisor = Math.trunc((PIT_HZ + Math.trunc(TICK_HZ / 2)) / TICK_HZ);
  outb(COMMAND, 0x34); // channel 0, lobyte/hibyte, mode 2 (rate generator)
  outb(CHANNEL0, u8(divisor));
  outb(CHANNEL0, u8(divisor >>> 8));
  picEnable(0);
}

/** Counts one tick; called from the IRQ 0 handler. */
export function pitTick(): void {
  clock.ticks += 1n;
}

/** Timer ticks since the PIT started. */
export function ticks(): u64 {
  return clock.ticks;
}

/** Measures the TSC rate over `ms` milliseconds of PIT ticks (interrupts must be on). */
export function calibrateTsc(ms: u32): u64 {
  const start = clock.ticks;
  while (clock.ticks === start) hlt();
  const t0 = rdtsc();
  const first = clock.ticks;
  while (clock.ticks - first < BigInt(ms)) hlt();
  const t1 = rdtsc();
  clock.tscHz = ((t1 - t0) * 1000n) / BigInt(ms);
  clock.tscBase = t0 - clock.tscHz / BigInt(TICK_HZ) * first;
  return clock.tscHz;
}

/** The calibrated TSC frequency in Hz (0 before calibration). */
export function tscHz(): u64 {
  return clock.tscHz;
}

/** Monotonic nanoseconds since the timer started. */
export function monotonicNs(): u64 {
  const hz = clock.tscHz;
  if (hz === 0n) return clock.ticks * BigInt(Math.trunc(1000000000 / TICK_HZ));
  const delta = rdtsc() - clock.tscBase;
  const secs = delta / hz;
  const rem = delta % hz;
  return secs * 1000000000n + (rem * 1000000000n) / hz;
}
