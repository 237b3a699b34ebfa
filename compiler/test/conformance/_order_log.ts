// Helper module for the init-order tests (not an entry point): records which module's
// top-level code ran, in order.
export const order: string[] = [];
export function ran(name: string): void {
  order.push(name);
  console.log(`top level of ${name} (${order.length})`);
}
