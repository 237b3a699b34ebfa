// error: expression not supported: ClassExpression
// at: 3:11
const K = class { v: i32 = 1; };
console.log(new K().v);
