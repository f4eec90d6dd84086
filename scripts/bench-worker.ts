// `scripts/cli.ts worker` as a child process of a bench (scenarios 6, 8 and 9): its VmRSS sampled
// every 50 ms; `started` resolves when it says it is delivering, and rejects if it exits first.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The Vm* lines of /proc/<pid>/status, in bytes (VmRSS, VmHWM …). */
export function procStatus(pid: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const line of readFileSync(`/proc/${pid}/status`, 'utf8').split('\n')) {
    const m = /^(Vm\w+):\s+(\d+) kB/.exec(line);
    if (m) out[m[1]] = Number(m[2]) * 1024;
  }
  return out;
}

/** The node arguments of `npm run worker` (package.json), so a bench measures the command users run. */
export function workerArgs(root: string): string[] {
  const script = (JSON.parse(readFileSync(`${root}/package.json`, 'utf8')) as { scripts: Record<string, string> }).scripts.worker;
  const [cmd, ...args] = script.trim().split(/\s+/);
  if (cmd !== 'node') throw new Error(`package.json's "worker" script should start with node: ${script}`);
  return args;
}

export function spawnWorker({ root, env = process.env }: { root: string; env?: NodeJS.ProcessEnv }) {
  // BENCH_WORKER_CPU_PROF=<dir>: the worker writes a V8 CPU profile there when it stops (open it in Chrome's DevTools).
  const prof = process.env.BENCH_WORKER_CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_WORKER_CPU_PROF}`] : [];
  const child = spawn(process.execPath, [...prof, ...workerArgs(root)], { cwd: root, env, stdio: ['ignore', 'ignore', 'pipe'] });
  const pid = child.pid!;
  let stderr = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const started = new Promise<number>((resolve, reject) => {
    child.stderr!.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (stderr.includes('delivering')) resolve(Date.now());
    });
    child.once('exit', (code) => reject(new Error(`worker exited (${code}):\n${stderr}`)));
  });
  let vmPeakSeen = 0;
  const sampler = setInterval(() => {
    try {
      vmPeakSeen = Math.max(vmPeakSeen, procStatus(pid).VmRSS ?? 0);
    } catch {
      /* exited */
    }
  }, 50);
  return {
    pid,
    started,
    vmPeakSeen: () => vmPeakSeen,
    async stop() {
      clearInterval(sampler);
      child.kill('SIGTERM');
      await Promise.race([exited, sleep(15_000)]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}
