/**
 * The benchmark clock: nanoseconds from the TSC at the rate calibrated against the PIT
 * (drivers/pit.ts tscHz()), or from the monotonic clock when the CPU has no TSC.
 */
import { monotonicNs, tscHz } from "../drivers/pit";

/** Nanoseconds on an arbitrary but fixed origin, for differences only. */
export function rdtscNs(): u64 {
  const hz = tscHz();
  if (hz === 0n) return monotonicNs();
  const t = rdtsc();
  return t / hz * 1000000000n + t % hz * 1000000000n / hz;
}
