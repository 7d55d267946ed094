// Runs a command and measures its wall time and the peak memory of its whole process tree
// (Charter's build is a CLI that starts two Astro builds, which start git and Pagefind).
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Resident memory of a process in bytes, 0 once it has gone. */
function rss(pid) {
  try {
    const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** The process and all its descendants, from /proc/<pid>/task/<tid>/children. */
function tree(pid) {
  const pids = [pid];
  for (let i = 0; i < pids.length; i++) {
    let tasks;
    try {
      tasks = readdirSync(`/proc/${pids[i]}/task`);
    } catch {
      continue;
    }
    for (const task of tasks) {
      try {
        for (const child of readFileSync(`/proc/${pids[i]}/task/${task}/children`, 'utf8').split(' ')) if (child.trim()) pids.push(Number(child));
      } catch {
        // the task ended between the two reads
      }
    }
  }
  return pids;
}

export const canSampleMemory = (() => {
  try {
    readFileSync(`/proc/${process.pid}/task/${process.pid}/children`);
    return true;
  } catch {
    return false;
  }
})();

/**
 * Runs `command args` and resolves with { seconds, peakBytes, code, stdout, stderr }.
 * peakBytes is the largest sum of resident memory over the process tree, sampled every
 * `sampleMs` (null where /proc cannot be read, or when the command ended too soon to sample).
 */
export function measure(command, args, { cwd, env, sampleMs = 50, quiet = true } = {}) {
  return new Promise((done, fail) => {
    const started = performance.now();
    const child = spawn(command, args, { cwd, env: env ?? process.env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
      if (!quiet) process.stdout.write(d);
    });
    child.stderr.on('data', (d) => {
      stderr += d;
      if (!quiet) process.stderr.write(d);
    });
    let peakBytes = 0;
    let samples = 0;
    const sample = () => {
      const total = tree(child.pid).reduce((sum, pid) => sum + rss(pid), 0);
      if (total > 0) samples++;
      if (total > peakBytes) peakBytes = total;
    };
    const timer = canSampleMemory ? setInterval(sample, sampleMs) : undefined;
    if (canSampleMemory) setImmediate(sample);
    child.on('error', (error) => {
      clearInterval(timer);
      fail(error);
    });
    child.on('exit', (code) => {
      clearInterval(timer);
      // A process that ended before a second sample was too quick to tell its peak.
      done({ seconds: (performance.now() - started) / 1000, peakBytes: samples >= 2 ? peakBytes : null, code, stdout, stderr });
    });
  });
}

/** Like measure, but fails with the command's output when it exits non-zero. */
export async function measureOk(command, args, options) {
  const result = await measure(command, args, options);
  if (result.code !== 0) {
    throw new Error(`${[command, ...args].join(' ')} exited with ${result.code}\n${result.stdout.slice(-4000)}\n${result.stderr.slice(-4000)}`);
  }
  return result;
}
