/**
 * CPU time of the parts a message costs: the server process, Redis, and the Postgres backends serving
 * the bench's database. Each is read before and after a measure, so the figure per message means
 * something while other work shares the cores (their time is not in these processes).
 */
import { readdirSync, readFileSync } from 'node:fs';
import postgres from 'postgres';
import { createClient } from 'redis';

/** User + system CPU µs of a process so far (/proc/<pid>/stat, clock ticks of 10 ms). */
export function processCpuUsec(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    // After "pid (comm) ": utime is field 14 and stime 15 (1-based) -> indexes 11 and 12 here.
    return (Number(fields[11]) + Number(fields[12])) * 10_000;
  } catch {
    return 0; // exited
  }
}

/**
 * Redis process CPU time (µs) so far, from INFO cpu (user + system, all threads). Not INFO
 * commandstats: its usec is wall time inside each command, which on a loaded box counts the time
 * Redis sat preempted. The Redis may be shared: anything else using it meanwhile inflates the figure.
 */
export async function redisCpuUsec(url: string): Promise<number> {
  const redis = createClient({ url });
  await redis.connect();
  try {
    const info = await redis.info('cpu');
    const read = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(info)?.[1] ?? 0);
    return (read('used_cpu_user') + read('used_cpu_sys')) * 1e6;
  } finally {
    redis.destroy();
  }
}

/**
 * The Postgres backends connected to one database, plus the WAL writer (it flushes what they commit).
 * Backend pids come from pg_stat_activity; CPU from /proc (readable for any user's processes here).
 */
export async function postgresCpu(
  databaseUrl: string,
): Promise<{ read(): Promise<number>; close(): Promise<void> }> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  const walWriters = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('walwriter');
      } catch {
        return false;
      }
    })
    .map(Number);
  // Accumulated per pid, so a backend that exits between two reads keeps what it was charged.
  const last = new Map<number, number>();
  let total = 0;
  return {
    async read() {
      const rows = await sql<{ pid: number }[]>`
        SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`;
      for (const pid of [...rows.map((r) => r.pid), ...walWriters]) {
        const now = processCpuUsec(pid);
        if (now === 0) continue;
        total += now - (last.get(pid) ?? 0);
        last.set(pid, now);
      }
      return total;
    },
    async close() {
      await sql.end({ timeout: 1 });
    },
  };
}
