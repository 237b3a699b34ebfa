// Reference equality of objects, arrays, functions, interfaces and strings by value.
class A { constructor(readonly v: i32) {} }
interface I { f(): i32; }
class B implements I { f(): i32 { return 1; } }
function g(): i32 { return 0; }
function h(): i32 { return 0; }
const a1 = new A(1), a2 = new A(1);
const arr1: i32[] = [1], arr2: i32[] = [1];
const b = new B();
const i1: I = b, i2: I = b, i3: I = new B();
const s1 = "ab", s2 = "a" + "b";
console.log(a1 === a2, a1 === a1, arr1 === arr2, g === h, g === g, i1 === i2, i1 === i3, s1 === s2, s1 !== s2);
