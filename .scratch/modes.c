typedef unsigned int u32; typedef unsigned char u8; typedef unsigned short u16;
static inline void outb(u16 p, u8 v){__asm__ volatile("outb %0,%1"::"a"(v),"Nd"(p));}
static inline u8 inb(u16 p){u8 v;__asm__ volatile("inb %1,%0":"=a"(v):"Nd"(p));return v;}
static void putc_(char c){while(!(inb(0x3FD)&0x20));outb(0x3F8,c);}
static void puts_(const char*s){while(*s)putc_(*s++);}
static int has(const char*h,const char*n){for(;*h;h++){const char*a=h,*b=n;while(*b&&*a==*b){a++;b++;}if(!*b)return 1;}return 0;}
void ostc_program_init(void){}
void kernel_main(u32 magic, u32 mbi){
  outb(0x3F9,0);outb(0x3FB,0x80);outb(0x3F8,1);outb(0x3F9,0);outb(0x3FB,3);outb(0x3FA,0xC7);outb(0x3FC,3);
  const char*cmd=(const char*)(*(u32*)(mbi+0xC0000000+16)+0xC0000000);
  puts_("mode test: ");puts_(cmd);puts_("\r\n");
  if(has(cmd,"mode=hang")){for(;;);}
  if(has(cmd,"mode=halt")){__asm__ volatile("cli;hlt");}
  if(has(cmd,"mode=triple")){__asm__ volatile("lidt 0f; int $3; 0: .word 0; .long 0");}
  if(has(cmd,"mode=exit3")){outb(0xF4,3);}
  if(has(cmd,"mode=exit200")){__asm__ volatile("outl %0,%1"::"a"(200),"Nd"((u16)0xF4));}
  if(has(cmd,"mode=echo")){puts_("echo> ");for(;;){while(!(inb(0x3FD)&1));u8 c=inb(0x3F8);if(c=='q'){puts_("\r\nbye\r\n");outb(0xF4,5);}putc_(c);}}
  if(has(cmd,"mode=spam")){for(int i=0;i<20000;i++)puts_("0123456789abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ!!!!\r\n");outb(0xF4,0);}
}
