// Helper: re-exports from _mathlib under the same and new names.
export { add, square as sq, Counter } from "./_mathlib.ts";
export * from "./_shapes.ts";
console.log("init _reexport");
