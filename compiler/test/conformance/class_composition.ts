// Composition: objects owning other objects, delegating methods, and sharing a common child.
class Engine { rpm: u32 = 0; rev(d: u32): u32 { this.rpm += d; return this.rpm; } }
class Wheel { turns = 0; }
class Car {
  readonly engine = new Engine();
  readonly wheels: Wheel[] = [new Wheel(), new Wheel(), new Wheel(), new Wheel()];
  drive(n: i32): void { for (let i = 0; i < n; i++) { this.engine.rev(1000); for (const w of this.wheels) w.turns++; } }
}
const c = new Car();
c.drive(3);
const shared = new Wheel();
c.wheels[0] = shared;
c.wheels[1] = shared;
c.drive(2);
console.log(c.engine.rpm, c.wheels[0].turns, c.wheels[2].turns, shared.turns);
