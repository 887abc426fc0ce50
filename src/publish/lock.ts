import { closeSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { hostname } from "node:os";
import { setTimeout as sleep } from "node:timers/promises";

interface Holder {
  pid: number;
  host: string;
  started: string;
}

/** Thrown when another build held the output folder for longer than this one would wait. */
export class PublishLockedError extends Error {
  constructor(lockFile: string, holder: Holder, waited: number) {
    super(
      `another build (process ${holder.pid} on ${holder.host}, started ${holder.started}) is still publishing after ${waited} s; ` +
        `try again when it has finished, or, if no such build is running, delete ${lockFile}`,
    );
    this.name = "PublishLockedError";
  }
}

const alive = (holder: Holder) => {
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};

function readHolder(file: string): Holder | undefined {
  try {
    return JSON.parse(readFileSync(file, "utf8")) as Holder;
  } catch {
    return undefined;
  }
}

/**
 * Takes `<output>.lock`, so that two builds (two cron jobs, a cron job and a person) never write the
 * same spare folder or swap at once. A second build waits for the first and then publishes its own,
 * later content; a lock left by a build that died is taken over. Returns the release function.
 */
export async function lockOutput(output: string, waitSeconds: number, onWait: (message: string) => void): Promise<() => void> {
  const file = `${output}.lock`;
  const started = Date.now();
  let told = false;
  for (;;) {
    try {
      const fd = openSync(file, "wx");
      writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), started: new Date().toISOString() } satisfies Holder));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    const holder = readHolder(file);
    const waited = Math.round((Date.now() - started) / 1000);
    // A lock that names no live build (or names nothing, long after it was taken) was left by a build that died.
    if ((holder && !alive(holder)) || (!holder && waited >= 2)) {
      rmSync(file, { force: true });
      continue;
    }
    if (holder && waited >= waitSeconds) throw new PublishLockedError(file, holder, waited);
    if (holder && !told) {
      onWait(`another build (process ${holder.pid}, started ${holder.started}) is publishing ${output}; waiting for it to finish`);
      told = true;
    }
    await sleep(100);
  }
}
