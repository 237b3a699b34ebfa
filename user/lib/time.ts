/** Clocks and sleeping: clock_gettime, nanosleep (struct timespec of i386: two 32-bit fields). */
import { Nr } from "./sys";
import { EINTR } from "./errno";

/** clock_gettime clock ids. */
export const CLOCK_REALTIME: u32 = 0;
export const CLOCK_MONOTONIC: u32 = 1;

/** A point in time or a duration: seconds and nanoseconds. */
export class Timespec {
  constructor(public sec: i32, public nsec: i32) {}
}

/** Reads a clock; null if the kernel refused. */
export function clockGettime(clock: u32): Timespec | null {
  const ts = new Array<i32>(2).fill(0);
  if (syscall(Nr.clockGettime, clock, addressOf(ts), 0, 0, 0, 0) < 0) return null;
  return new Timespec(ts[0], ts[1]);
}

/** Sleeps for the duration, resuming after interruptions; returns 0 or -errno. */
export function nanosleep(d: Timespec): i32 {
  const req = new Array<i32>(2).fill(0);
  const rem = new Array<i32>(2).fill(0);
  req[0] = d.sec;
  req[1] = d.nsec;
  for (;;) {
    const r = syscall(Nr.nanosleep, addressOf(req), addressOf(rem), 0, 0, 0, 0);
    if (r !== -EINTR) return r;
    req[0] = rem[0];
    req[1] = rem[1];
  }
}

/** A broken-down UTC time. */
export class CivilTime {
  constructor(readonly year: i32, readonly month: i32, readonly day: i32, readonly hour: i32, readonly minute: i32, readonly second: i32) {}
}

/** Converts seconds since the epoch to a UTC date (Howard Hinnant's days-to-civil algorithm). */
export function civilFromEpoch(t: u32): CivilTime {
  const days = Math.floor(t / 86400);
  const secs = t % 86400;
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return new CivilTime(year, month, day, Math.floor(secs / 3600), Math.floor((secs % 3600) / 60), secs % 60);
}
