// Helper module for the module tests (not an entry point).
export const SCALE: i32 = 1000;
export let calls: i32 = 0;
export function add(a: i32, b: i32): i32 {
  calls++;
  return a + b;
}
export function square(x: i32): i32 {
  calls++;
  return x * x;
}
export class Counter {
  count: i32 = 0;
  bump(by: i32): i32 {
    this.count += by;
    return this.count;
  }
}
export enum Color { Red, Green = 5, Blue }
export interface Shape {
  area(): i32;
}
console.log("init _mathlib");
