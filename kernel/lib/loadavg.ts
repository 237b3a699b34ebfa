/**
 * Load averages as Linux computes them (kernel/sched/loadavg.c): every LOAD_FREQ the number of
 * active tasks is folded into three exponentially decaying averages whose time constants are
 * 1, 5 and 15 minutes, in 11-bit fixed point (FIXED_1 is 1.0). Integer arithmetic only.
 */

/** Bits of fraction in a load value. */
export const FSHIFT: u32 = 11;
/** 1.0 in fixed point. */
export const FIXED_1: u32 = 1 << FSHIFT;
/** Decay factors per 5-second sample: FIXED_1 / e^(5 s / 1 min), … 5 min, … 15 min. */
export const EXP_1: u32 = 1884;
export const EXP_5: u32 = 2014;
export const EXP_15: u32 = 2037;

/** One decay step: `load` moves toward `active` (both fixed point) by the factor `exp` (Linux's calc_load). */
export function calcLoad(load: u32, exp: u32, active: u32): u32 {
  let next = load * exp + active * (FIXED_1 - exp);
  if (active >= load) next += FIXED_1 - 1; // round up while rising, so a steady load is reached
  return Math.trunc(next / FIXED_1);
}

/** The 1, 5 and 15 minute load averages of one system. */
export class LoadAverage {
  /** Fixed-point averages: [1 min, 5 min, 15 min]. */
  readonly avg = new Array<u32>(3).fill(0);

  /** Folds one sample of `activeTasks` (runnable now) into the three averages. */
  sample(activeTasks: u32): void {
    const active = activeTasks * FIXED_1;
    this.avg[0] = calcLoad(this.avg[0], EXP_1, active);
    this.avg[1] = calcLoad(this.avg[1], EXP_5, active);
    this.avg[2] = calcLoad(this.avg[2], EXP_15, active);
  }
}

/** A load value rounded to hundredths, as /proc/loadavg prints it (LOAD_INT and LOAD_FRAC of x + FIXED_1/200). */
export function loadHundredths(load: u32): u32 {
  const x = load + Math.trunc(FIXED_1 / 200);
  return (x >>> FSHIFT) * 100 + (((x & (FIXED_1 - 1)) * 100) >>> FSHIFT);
}
