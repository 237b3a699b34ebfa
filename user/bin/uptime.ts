/** uptime: the time, how long the system has been up, and the load averages. */
import { SysInfo, sysinfo, SI_LOAD_SHIFT } from "../lib/system";
import { clockGettime, civilFromEpoch, CLOCK_REALTIME } from "../lib/time";
import { println, eprintln } from "../lib/io";
import { fixedPoint2, zeroPad } from "../lib/fmt";

const info = new SysInfo();
if (sysinfo(info) < 0) { eprintln("uptime: sysinfo failed"); process.exit(1); }
const now = clockGettime(CLOCK_REALTIME);
const clock = now === null ? "" : formatClock(u32(now.sec));
const up = info.uptime;
const days = Math.floor(up / 86400);
const hours = Math.floor((up % 86400) / 3600);
const minutes = Math.floor((up % 3600) / 60);
let since = days > 0 ? `${days} day${days === 1 ? "" : "s"}, ` : "";
since += hours > 0 ? `${hours}:${zeroPad(minutes, 2)}` : `${minutes} min`;
const loads = `${fixedPoint2(info.load1, SI_LOAD_SHIFT)}, ${fixedPoint2(info.load5, SI_LOAD_SHIFT)}, ${fixedPoint2(info.load15, SI_LOAD_SHIFT)}`;
println(`${clock} up ${since},  load average: ${loads}`);

/** HH:MM:SS in UTC. */
function formatClock(t: u32): string {
  const c = civilFromEpoch(t);
  return ` ${zeroPad(c.hour, 2)}:${zeroPad(c.minute, 2)}:${zeroPad(c.second, 2)}`;
}
