// Single inheritance, virtual dispatch, super calls, abstract classes, instanceof.
abstract class Animal {
  constructor(readonly name: string) {}
  abstract sound(): string;
  describe(): string { return `${this.name} says ${this.sound()}`; }
  legs(): i32 { return 4; }
}
class Dog extends Animal {
  constructor(name: string, readonly breed: string) { super(name); }
  sound(): string { return "woof"; }
}
class Puppy extends Dog {
  sound(): string { return "yip (" + super.sound() + ")"; }
  describe(): string { return "little " + super.describe(); }
}
class Bird extends Animal {
  sound(): string { return "tweet"; }
  legs(): i32 { return 2; }
}
const zoo: Animal[] = [new Dog("Rex", "lab"), new Puppy("Bit", "pug"), new Bird("Tweety")];
for (const a of zoo) console.log(a.describe(), a.legs(), a instanceof Dog, a instanceof Puppy, a instanceof Bird, a instanceof Animal);
const d = zoo[1];
if (d instanceof Dog) console.log((d as Dog).breed);
