/**
 * Hosted mode: JavaScript implementations of the ostc prelude's conversions and memory
 * intrinsics, so modules that use no hardware run unchanged under Node (unit tests, the
 * differential conformance suite). Memory is one ArrayBuffer; addresses are offsets into it.
 * Import it once before the module under test: `node --import tsx --import ./compiler/prelude/hosted.ts`.
 */

/** Size of the simulated linear memory. */
export const HOSTED_MEMORY_BYTES = 16 << 20;
const memory = new DataView(new ArrayBuffer(HOSTED_MEMORY_BYTES));

function check(addr: number, n: number): number {
  if (!Number.isInteger(addr) || addr < 0 || addr + n > HOSTED_MEMORY_BYTES) throw new RangeError(`hosted memory access out of range: ${addr}`);
  return addr;
}

/** One character per byte, in chunks (String.fromCharCode takes its codes as arguments). */
function latin1(bytes: ArrayLike<number>): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 8192) out += String.fromCharCode(...Array.prototype.slice.call(bytes, i, i + 8192) as number[]);
  return out;
}

/** Objects and arrays passed to dispose(): their use afterwards is the program's error. */
const disposed = new WeakSet<object>();
function useAfterDispose(): never {
  throw new Error("ostc hosted: use of a disposed object");
}
/** The prototype of a disposed object: every method and property lookup throws. */
const DISPOSED = new Proxy({}, { get: useAfterDispose, has: useAfterDispose });

const g = globalThis as Record<string, unknown>;
const defs: Record<string, unknown> = {
  i8: (x: number) => (x << 24) >> 24,
  u8: (x: number) => x & 0xff,
  i16: (x: number) => (x << 16) >> 16,
  u16: (x: number) => x & 0xffff,
  i32: (x: number) => x | 0,
  u32: (x: number) => x >>> 0,
  i64: (x: number | bigint) => BigInt.asIntN(64, BigInt(x)),
  u64: (x: number | bigint) => BigInt.asUintN(64, BigInt(x)),
  load8: (a: number) => memory.getUint8(check(a, 1)),
  load16: (a: number) => memory.getUint16(check(a, 2), true),
  load32: (a: number) => memory.getUint32(check(a, 4), true),
  load64: (a: number) => memory.getBigUint64(check(a, 8), true),
  store8: (a: number, v: number) => memory.setUint8(check(a, 1), v),
  store16: (a: number, v: number) => memory.setUint16(check(a, 2), v, true),
  store32: (a: number, v: number) => memory.setUint32(check(a, 4), v, true),
  store64: (a: number, v: bigint) => memory.setBigUint64(check(a, 8), v, true),
  memset: (d: number, v: number, n: number) => { check(d, n); for (let i = 0; i < n; i++) memory.setUint8(d + i, v); },
  memmove: (d: number, s: number, n: number) => {
    check(d, n); check(s, n);
    const bytes = new Uint8Array(memory.buffer);
    bytes.copyWithin(d, s, s + n);
  },
  // Port I/O as on a bus with nothing connected: writes vanish, reads float high.
  outb: () => {},
  outw: () => {},
  outl: () => {},
  inb: () => 0xff,
  inw: () => 0xffff,
  inl: () => 0xffffffff,
  cli: () => {},
  sti: () => {},
  compilerBarrier: () => {},
  memoryFence: () => {},
  panic: (msg: string) => {
    process.stderr.write(`ostc: panic: ${msg}\n`);
    process.exit(134);
  },
  stringFromBytes: (bytes: number[], start: number, end: number) => latin1(bytes.slice(start, end)),
  stringFromMemory: (addr: number, length: number) => {
    if (length <= 0) return "";
    check(addr, length);
    return latin1(new Uint8Array(memory.buffer, addr, length));
  },
  dispose: (x: object | string | null) => {
    if (x === null || typeof x === "string") return; // strings are values in JavaScript
    if (disposed.has(x)) {
      process.stderr.write("ostc: panic: dispose of an object or array that was already disposed\n");
      process.exit(134);
    }
    disposed.add(x);
    if (Array.isArray(x)) {
      x.length = 0;
      Object.freeze(x);
      return;
    }
    for (const k of Reflect.ownKeys(x)) Object.defineProperty(x, k, { get: useAfterDispose, set: useAfterDispose, configurable: false });
    Object.setPrototypeOf(x, DISPOSED);
    Object.preventExtensions(x);
  },
};
for (const [k, v] of Object.entries(defs)) if (!(k in g)) g[k] = v;
g.mmioRead8 = defs.load8; g.mmioRead16 = defs.load16; g.mmioRead32 = defs.load32;
g.mmioWrite8 = defs.store8; g.mmioWrite16 = defs.store16; g.mmioWrite32 = defs.store32;
g.OSTC_CHECKED = true;
g.syscall = () => { throw new Error("syscall() needs an ostc-compiled program"); };
g.arrayAt = () => { throw new Error("arrayAt<T>() views raw memory and needs the ostc compiler"); };
g.sizeof = () => { throw new Error("sizeof<T>() needs the ostc compiler (types are erased under Node)"); };
