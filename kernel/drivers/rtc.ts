/**
 * The CMOS real-time clock, read once at boot for the wall-clock time (CLOCK_REALTIME,
 * gettimeofday, time). Values may be BCD or binary and 12- or 24-hour, as status register B says.
 */
const CMOS_ADDR: u16 = 0x70;
const CMOS_DATA: u16 = 0x71;

function cmos(reg: u8): u8 {
  outb(CMOS_ADDR, reg);
  return inb(CMOS_DATA);
}

function updating(): boolean {
  return (cmos(0x0a) & 0x80) !== 0;
}

function fromBcd(v: u8): u32 {
  return (v & 0x0f) + (v >>> 4) * 10;
}

/** Days from 1970-01-01 to year-month-day (proleptic Gregorian). */
export function daysFromCivil(year: i32, month: i32, day: i32): i32 {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.trunc((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.trunc(yoe / 4) - Math.trunc(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Seconds since 1970 according to the RTC (0 when the clock reads as garbage). */
export function rtcEpochSeconds(): u64 {
  let spins = 0;
  while (updating() && spins < 100000) spins++;
  const b = cmos(0x0b);
  const bcd = (b & 0x04) === 0;
  let sec = cmos(0x00), min = cmos(0x02), hour = cmos(0x04), day = cmos(0x07), mon = cmos(0x08), yr = cmos(0x09);
  const pm = (hour & 0x80) !== 0;
  hour = hour & 0x7f;
  const s = bcd ? fromBcd(sec) : sec, mi = bcd ? fromBcd(min) : min, d = bcd ? fromBcd(day) : day, mo = bcd ? fromBcd(mon) : mon, y = bcd ? fromBcd(yr) : yr;
  let h = bcd ? fromBcd(hour) : hour;
  if ((b & 0x02) === 0) h = (h % 12) + (pm ? 12 : 0);
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 60) return 0n;
  const days = daysFromCivil(2000 + i32(y), i32(mo), i32(d));
  return BigInt(days) * 86400n + BigInt(h * 3600 + mi * 60 + s);
}
