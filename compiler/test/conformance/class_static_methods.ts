// Static methods and fields: factories, counters, static helpers calling each other.
class Id {
  static next: u32 = 100;
  static readonly PREFIX = "id-";
  private constructor(readonly n: u32) {}
  static create(): Id { return new Id(Id.bump()); }
  private static bump(): u32 { return Id.next++; }
  static format(id: Id): string { return Id.PREFIX + id.n; }
}
const ids: Id[] = [];
for (let i = 0; i < 3; i++) ids.push(Id.create());
console.log(ids.length, Id.format(ids[0]), Id.format(ids[2]), Id.next);
Id.next = 4294967290;
console.log(Id.format(Id.create()), Id.next);
