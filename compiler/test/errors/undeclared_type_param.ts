// error: write the type arguments, e.g. new Stack<u32>()
// at: 4:11
class Stack<T> { items: T[] = []; }
const s = new Stack();
console.log(s.items.length);
