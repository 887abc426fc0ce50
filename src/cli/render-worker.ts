/**
 * `dateline render-worker`: not a command for people. A build started it to render part of its pages
 * (see src/publish/workers.ts); it reads its job from the file it is given, renders, and sends back
 * the files it wrote over the IPC channel. What goes wrong is printed on stderr, as a build prints it, and ends it with code 1.
 */
import { readFileSync } from "node:fs";
import { DateTime } from "luxon";
import { BuildSession } from "../eleventy/plugin.ts";
import { render } from "../publish/output.ts";
import { newsroomDigest, resolveShare, type WorkerJob, type WorkerResult } from "../publish/workers.ts";
import { enterSite } from "./site-options.ts";

if (!process.send) {
  console.error("[dateline] render-worker is started by a build, not by hand: run `npm run build`");
  process.exit(2);
}

const job = JSON.parse(readFileSync(process.argv[2]!, "utf8")) as WorkerJob;
enterSite(job.input);
try {
  const session = new BuildSession({
    preview: job.preview,
    quiet: true,
    clock: DateTime.fromISO(job.clock, { setZone: true }) as DateTime<true>,
    onSummary: () => undefined,
    plan: (newsroom) => {
      if (newsroomDigest(newsroom) !== job.digest) throw new Error("the content changed while the site was being built; build again");
      return { shares: job.shares.map((share) => resolveShare(newsroom, share)), unchanged: 0 };
    },
  });
  const written = await render(job.folder, { input: job.input, config: job.config, quiet: true }, session, job.besides);
  // The fault-injection tests kill a worker that has written its pages: the build must publish none of them.
  if (process.env.DATELINE_CRASH_AT === "render-worker") process.kill(process.pid, "SIGKILL");
  const result: WorkerResult = { files: [...written] };
  process.send(result, () => process.exit(0));
} catch (error) {
  const cause = (error as { cause?: Error }).cause ?? error;
  console.error(`[dateline] build failed: ${(cause as Error).message}`);
  process.exit(1);
}
