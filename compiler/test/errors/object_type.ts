// error: this type form is not supported by ostc: { x: i32 }
// at: 3:67
class P { constructor(readonly x: i32) {} bump(): void { (this as { x: i32 }).x = 2; } }
console.log(new P(1).x);
