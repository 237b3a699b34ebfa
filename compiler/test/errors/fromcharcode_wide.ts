// error: ostc strings hold code units up to 0xFF for now
// at: 3:13
console.log(String.fromCharCode(0x2603));
