// error: string contains characters beyond U+00FF, which ostc strings cannot hold yet
// at: 3:11
const s = "snowman \u2603";
console.log(s.length);
