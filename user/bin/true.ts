/** true: succeeds. */
process.exit(0);
