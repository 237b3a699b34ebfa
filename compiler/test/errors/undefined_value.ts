// error: `undefined` is not a value in ostc
// at: 5:19
// hint: use null for an absent reference
let x: string | null = null;
console.log(x === undefined);
