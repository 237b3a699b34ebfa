/* The smallest program: exits with status 0. fork_execve_wait executes it. */
#include "sys.h"

int main(int argc, char **argv, char **envp) {
  (void)argc; (void)argv; (void)envp;
  return 0;
}
