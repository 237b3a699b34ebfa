// Loop counters of every width counting up and down to their limits without overflow.
let n = 0;
for (let i: u8 = 250; i < 255; i++) n++;
for (let i: i8 = -128; i < -120; i++) n++;
for (let i: u16 = 65530; i > 0 && i < 65535; i++) n++;
for (let i: u32 = 4294967290; i < 4294967295; i++) n++;
for (let i: i32 = -2147483643; i > -2147483648; i--) n++;
let down: u32 = 10;
while (down > 0) down--;
console.log(n, down);
