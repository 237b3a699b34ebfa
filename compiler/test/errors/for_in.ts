// error: `for…in` enumerates property names at run time, which ostc does not keep
// at: 5:1
// hint: use for…of over an array, or a counted loop
const xs: i32[] = [1];
for (const k in xs) console.log(k);
