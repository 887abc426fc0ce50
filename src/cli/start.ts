/**
 * `npm start`: the newsroom's preview. Builds the site with drafts, embargoed and expired stories shown
 * (bannered, marked noindex) into `_preview/`, never `_site/`, and serves it on this machine only,
 * under the site's path prefix. Every change under the site's content, data, theme or config
 * (an article added, edited, deleted or renamed) builds it again and reloads open pages; a build that
 * fails shows its problems in the browser until they are fixed.
 *
 * Options: --input=DIR (default .), --output=DIR (default _preview), --config=FILE, --port=N (default
 * 8080, or the next free one), --host=ADDRESS (default 127.0.0.1; 0.0.0.0 shares the preview with
 * the network, drafts and all).
 */
import path from "node:path";
import { watch } from "chokidar";
import { describeProblem, type ContentProblem } from "../content/errors.ts";
import { inside } from "../content/files.ts";
import { SITE_FOLDERS } from "../content/folders.ts";
import { THEME_DIR } from "../eleventy/plugin.ts";
import { pathPrefix } from "../model/urls.ts";
import { buildAndPublish } from "../publish/output.ts";
import { startPreviewServer, type PreviewServer } from "./preview-server.ts";
import { commandOptions, enterSite, rootCause, siteOptions } from "./site-options.ts";

const values = commandOptions("start", {
  input: { type: "string", default: "." },
  output: { type: "string", default: "_preview" },
  config: { type: "string" },
  port: { type: "string", default: "8080" },
  host: { type: "string", default: "127.0.0.1" },
});

const site = siteOptions(values);
const output = path.resolve(values.output);
const port = Number(values.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`[dateline] start: --port=${values.port} must be a port number`);
  process.exit(2);
}
if (output === path.join(site.input, "_site")) {
  console.error("[dateline] start: the preview shows drafts and embargoed stories; it never writes to _site/, which is what gets deployed");
  process.exit(2);
}

enterSite(site.input);

/** The lines a failed build gives a reader of the preview: a content problem per line, or what else went wrong. */
function problemsOf(error: unknown): string[] {
  const cause = error instanceof Error ? rootCause(error) : new Error(String(error));
  const problems = (cause as { problems?: readonly ContentProblem[] }).problems;
  return problems ? problems.map(describeProblem) : [cause.message];
}

let server: PreviewServer | undefined;
let building: Promise<void> | undefined;
let again = false;

/** One build; changes saved while it runs start one more when it ends. */
async function build(): Promise<void> {
  const startedAt = performance.now();
  try {
    const session = await buildAndPublish(output, {
      ...site,
      quiet: true,
      preview: true,
      startedAt: server ? startedAt : undefined,
      // Open pages reload as soon as the site is published, not when its search index has followed.
      onPublished: (built) => {
        console.log(built.summary);
        server?.reload();
      },
      report: (line) => console.log(`[dateline] ${line}`),
    });
    const prefix = session.site ? pathPrefix(session.site.url) : "/";
    if (!server || server.prefix !== prefix) {
      (await serve()).prefix = prefix;
      announce();
    }
    server!.showProblems(undefined);
  } catch (error) {
    const problems = problemsOf(error);
    if (!(error instanceof Error && rootCause(error).name === "ContentValidationError")) console.error(`[dateline] preview: ${problems.join("\n")}`);
    console.error("[dateline] preview: the build failed; the browser shows why until it is fixed.");
    if (!server) {
      await serve();
      announce();
    }
    server!.showProblems(problems);
  }
  server!.reload();
}

async function serve(): Promise<PreviewServer> {
  return (server ??= await startPreviewServer({ root: output, prefix: "/", host: values.host, port }));
}

function announce(): void {
  const reach = ["127.0.0.1", "localhost", "::1"].includes(values.host) ? "this machine only; --host=0.0.0.0 shares it" : "shared on the network";
  console.log(`[dateline] preview at ${server!.url} (${reach}); drafts and embargoed stories are shown. Ctrl+C stops it.`);
}

function rebuild(): void {
  if (building) {
    again = true;
    return;
  }
  building = build().finally(() => {
    building = undefined;
    if (again) {
      again = false;
      rebuild();
    }
  });
}

let timer: NodeJS.Timeout | undefined;
// chokidar, not Node's recursive fs.watch: that one loses a file an editor saves by renaming a new file over it.
watch([...Object.values(SITE_FOLDERS), "_data", "_includes"].map((name) => path.join(site.input, name)).concat(THEME_DIR, site.config), {
  ignoreInitial: true,
  ignored: (file: string) => inside(file, output),
}).on("all", () => {
  // An editor's save is often several events (write, rename, chmod): build once they settle.
  clearTimeout(timer);
  timer = setTimeout(rebuild, 100);
});
rebuild();
