// error: `==` converts types loosely
// at: 5:7
// hint: write `===`
const a: i32 = 1;
if (a == 1) console.log("one");
