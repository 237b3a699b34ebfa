/**
 * The wall clock (CLOCK_REALTIME): the RTC's time at boot plus the monotonic clock, in
 * nanoseconds since 1970. The time system calls and file timestamps read it.
 */
import { monotonicNs } from "./pit";
import { rtcEpochSeconds } from "./rtc";

/** Wall-clock seconds at boot, so that CLOCK_REALTIME = boot + monotonic. */
let bootEpochSeconds: u64 = 0n;

/** Reads the RTC once and anchors the wall clock to the monotonic clock (after TSC calibration). */
export function wallClockInit(): void {
  const now = rtcEpochSeconds();
  const up = monotonicNs() / 1000000000n;
  bootEpochSeconds = now > up ? now - up : now;
}

/** Wall-clock seconds at boot (since 1970). */
export function bootEpoch(): u64 {
  return bootEpochSeconds;
}

/** The wall-clock time (CLOCK_REALTIME) in nanoseconds since 1970. */
export function realtimeNs(): u64 {
  return bootEpochSeconds * 1000000000n + monotonicNs();
}
