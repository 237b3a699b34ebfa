// Interfaces as values: dynamic dispatch through fat pointers, arrays of interface values.
interface Device {
  read(offset: u32): u8;
  write(offset: u32, v: u8): void;
  name(): string;
}
class RamDisk implements Device {
  data: u8[];
  constructor(size: i32) { this.data = new Array<u8>(size).fill(0); }
  read(offset: u32): u8 { return this.data[offset]; }
  write(offset: u32, v: u8): void { this.data[offset] = v; }
  name(): string { return `ram${this.data.length}`; }
}
class NullDev implements Device {
  writes = 0;
  read(_offset: u32): u8 { return 0; }
  write(_offset: u32, _v: u8): void { this.writes++; }
  name(): string { return "null"; }
}
class ZeroDev extends NullDev {
  name(): string { return "zero"; }
  read(_offset: u32): u8 { return 255; }
}
function fill(d: Device, n: u32): u32 {
  let sum: u32 = 0;
  for (let i: u32 = 0; i < n; i++) { d.write(i, u8(i * 3)); sum += d.read(i); }
  return sum;
}
const devs: Device[] = [new RamDisk(16), new NullDev(), new ZeroDev()];
for (const d of devs) console.log(d.name(), fill(d, 10));
const nd = new NullDev();
const asDev: Device = nd;
asDev.write(0, 1);
asDev.write(1, 1);
console.log(nd.writes, asDev === devs[1], devs[1] === devs[1]);
