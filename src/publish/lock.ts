import path from "node:path";
import { closeSync, linkSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from "node:fs";
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

/** A lock file younger than this may still be being written by the build that took it. */
const WRITING_MS = 2_000;

function readHolder(file: string): Holder | undefined {
  try {
    const holder = JSON.parse(readFileSync(file, "utf8")) as Partial<Holder>;
    const valid = Number.isSafeInteger(holder.pid) && holder.pid! > 0 && typeof holder.host === "string" && typeof holder.started === "string";
    return valid ? (holder as Holder) : undefined;
  } catch {
    return undefined;
  }
}

/** When process `pid` started, on Linux (from /proc), so that a process that took a dead build's id is not taken for it. */
function processStart(pid: number): number | undefined {
  try {
    const boot = Number(/^btime (\d+)$/m.exec(readFileSync("/proc/stat", "utf8"))?.[1]);
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /s, "").split(" ");
    return boot * 1000 + (Number(fields[19]) / 100) * 1000;
  } catch {
    return undefined;
  }
}

/** Whether the build named in a lock may still be running: a live process on this machine that started before the lock. */
function alive(holder: Holder): boolean {
  if (holder.host !== hostname()) return true;
  try {
    process.kill(holder.pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  const started = processStart(holder.pid);
  // /proc counts in clock ticks (1/100 s): allow a second of rounding.
  return started === undefined || started <= Date.parse(holder.started) + 1_000;
}

/**
 * Removes a lock left by a dead build, but only that one: it is moved aside first (one waiter wins the
 * move), and if what was moved is not the lock that was judged dead, it is put back.
 */
function takeOver(file: string, dead: string): void {
  const aside = `${file}.stale-${process.pid}`;
  try {
    renameSync(file, aside);
  } catch {
    return;
  }
  if (readFileSync(aside, "utf8") !== dead) {
    try {
      linkSync(aside, file);
    } catch {
      // Another build took the lock meanwhile; the one moved aside was a newer lock, now lost to a third.
    }
  }
  rmSync(aside, { force: true });
}

/**
 * Takes `<output>.lock`, so that two builds (two cron jobs, a cron job and a person) never write the
 * same spare folder or swap at once. A second build waits for the first and then publishes its own,
 * later content; a lock left by a build that died is taken over. Returns the release function.
 */
export async function lockOutput(output: string, waitSeconds: number, onWait: (message: string) => void): Promise<() => void> {
  const file = `${output}.lock`;
  // A first build into a folder whose parent does not exist yet: the lock goes beside it all the same.
  mkdirSync(path.dirname(output), { recursive: true });
  const started = Date.now();
  let told = false;
  for (;;) {
    try {
      const fd = openSync(file, "wx");
      writeSync(fd, JSON.stringify({ pid: process.pid, host: hostname(), started: new Date().toISOString() } satisfies Holder));
      closeSync(fd);
      // A build that dies of an error nothing caught still gives its lock back as it exits.
      const release = () => {
        process.off("exit", release);
        rmSync(file, { force: true });
      };
      process.on("exit", release);
      return release;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    let text: string;
    let age: number;
    try {
      text = readFileSync(file, "utf8");
      age = Date.now() - statSync(file).mtimeMs;
    } catch {
      continue;
    }
    const holder = readHolder(file);
    // A lock that names no live build, or names nothing long after it was written, was left by a build that died.
    if (holder ? !alive(holder) : age >= WRITING_MS) {
      takeOver(file, text);
      continue;
    }
    const waited = Math.round((Date.now() - started) / 1000);
    if (holder && waited >= waitSeconds) throw new PublishLockedError(file, holder, waited);
    if (holder && !told) {
      onWait(`another build (process ${holder.pid}, started ${holder.started}) is publishing ${output}; waiting for it to finish`);
      told = true;
    }
    await sleep(100);
  }
}
