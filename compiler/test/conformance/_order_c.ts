// Helper module for the init-order tests: imports nothing but the log.
import { ran } from "./_order_log.ts";
ran("c");
