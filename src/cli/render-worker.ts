/**
 * `dateline render-worker`: not a command for people. A build started it to render part of its pages
 * (see src/publish/workers.ts); it reads its job from the file it is given, renders, and sends back
 * the files it wrote over the IPC channel, or why it failed, which the build prints.
 */
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { DateTime } from "luxon";
import { BuildSession } from "../eleventy/plugin.ts";
import { codeFingerprint, crashPoint, render } from "../publish/output.ts";
import { quietStack } from "../eleventy/internals.ts";
import { newsroomDigest, resolveShare, type WorkerJob, type WorkerResult } from "../publish/workers.ts";
import { enterSite, rootCause } from "./site-options.ts";

if (!process.send) {
  console.error("[dateline] render-worker is started by a build, not by hand: run `npm run build`");
  process.exit(2);
}
// The build that started it is gone (killed, or stopped after a failure): its pages are no one's.
process.on("disconnect", () => process.exit(1));

const report = (result: WorkerResult, code: number) => process.send!(result, () => process.exit(code));
const jobFile = process.argv[2]!;
const job = JSON.parse(readFileSync(jobFile, "utf8")) as WorkerJob;
// Read once: gone now, so that nothing is left in the temporary folder whatever becomes of either process.
rmSync(path.dirname(jobFile), { recursive: true, force: true });
enterSite(job.input);
try {
  const session = new BuildSession({
    preview: job.preview,
    quiet: true,
    clock: DateTime.fromISO(job.clock, { setZone: true }) as DateTime<true>,
    onSummary: () => undefined,
    plan: (newsroom, paths) => {
      // Eleventy prints an error's stack unless told not to; this one's line says all there is.
      const changed = () => quietStack(new Error("the content or the theme changed while the site was being built; build again"));
      if (newsroomDigest(newsroom, codeFingerprint(paths, job.config)) !== job.digest) throw changed();
      try {
        return { shares: job.shares.map((share) => resolveShare(newsroom, share)), unchanged: 0 };
      } catch {
        throw changed();
      }
    },
  });
  const written = await render(job.folder, { input: job.input, config: job.config, quiet: true }, session, job.besides);
  // The fault-injection tests kill a worker that has written its pages: the build must publish none of them.
  crashPoint(process.env, "render-worker");
  report({ files: [...written] }, 0);
} catch (error) {
  // The build prints why; Eleventy has printed a template's or a story's problem in full already.
  report({ error: rootCause(error as Error).message }, 1);
}
