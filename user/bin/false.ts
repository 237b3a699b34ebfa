/** false: fails with status 1. */
process.exit(1);
