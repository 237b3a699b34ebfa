// Static members, getters and setters.
class Temperature {
  static readonly ABSOLUTE_ZERO: i32 = -273;
  static instances = 0;
  private celsius = 0;
  constructor(c: i32) { this.celsius = c; Temperature.instances += 1; }
  get kelvin(): i32 { return this.celsius - Temperature.ABSOLUTE_ZERO; }
  set kelvin(k: i32) { this.celsius = k + Temperature.ABSOLUTE_ZERO; }
  get c(): i32 { return this.celsius; }
  static fromKelvin(k: i32): Temperature { const t = new Temperature(0); t.kelvin = k; return t; }
  static get created(): i32 { return Temperature.instances; }
}
const t = new Temperature(25);
console.log(t.kelvin, t.c);
t.kelvin = 300;
console.log(t.c, t.kelvin);
t.kelvin += 10;
console.log(t.c);
const u = Temperature.fromKelvin(0);
console.log(u.c, Temperature.created, Temperature.ABSOLUTE_ZERO);
