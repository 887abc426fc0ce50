import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { existsSync, readFileSync, statSync } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import sirv from "sirv";
import { inside } from "../content/files.ts";
import { URLS } from "../model/urls.ts";
import { escapeHtml } from "../eleventy/pictures.ts";

/** The preview's own addresses, outside any site path: the reload events and the script that follows them. */
const EVENTS = "/.dateline/events";
const CLIENT = "/.dateline/reload.js";
const CLIENT_SCRIPT = `new EventSource(${JSON.stringify(EVENTS)}).addEventListener("reload", () => location.reload());\n`;
const RELOAD_TAG = `<script src="${CLIENT}" defer></script>`;

export interface PreviewOptions {
  /** The built site, served as a static host serves it. */
  root: string;
  /** The site's path prefix (`/`, or `/repo/`): the site is served under it, as on its host. */
  prefix: string;
  host: string;
  port: number;
}

export interface PreviewServer {
  /** The address of the site's home page. */
  readonly url: string;
  /** The path the site is served under; a build may change it (site.json's `url`). */
  prefix: string;
  /** Tells every open page to reload. */
  reload(): void;
  /** While set, every page shows these problems instead of the last good build; unset, the site again. */
  showProblems(problems: readonly string[] | undefined): void;
  close(): Promise<void>;
}

/**
 * The preview's web server: the built folder under the site's path prefix, `404.html` for what is
 * not there, and a reload script in every page. Eleventy's dev server was not used: it listens on
 * every network interface with no option to keep it to this machine, and a preview shows drafts and
 * embargoed stories.
 */
export async function startPreviewServer(options: PreviewOptions): Promise<PreviewServer> {
  const files = sirv(options.root, { dev: true, dotfiles: true });
  let prefix = options.prefix;
  const listeners = new Set<ServerResponse>();
  let problems: readonly string[] | undefined;

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    // Compared and looked up segment by segment, each decoded on its own: the prefix as site.json's
    // url writes it (`/p%C3%A5-norsk/`), a file named `what?.svg` as a browser asks for it (`what%3F.svg`).
    const raw = new URL(req.url ?? "/", "http://preview").pathname;
    if (raw === EVENTS) return follow(res, listeners);
    if (raw === CLIENT) return send(res, 200, "text/javascript; charset=utf-8", CLIENT_SCRIPT);
    const asked = segments(raw);
    if (!asked) return send(res, 400, "text/plain; charset=utf-8", "Bad request\n");
    if (problems) return send(res, 500, "text/html; charset=utf-8", problemsPage(problems));
    const under = segments(prefix)!.slice(0, -1);
    if (!under.every((segment, i) => asked[i] === segment) || asked.length === under.length) {
      if (asked.join("/") === "" || asked.join("/") === under.join("/")) return redirect(res, prefix);
      return notFound(res, options.root);
    }
    const within = asked.slice(under.length);
    const rawWithin = raw.split("/").slice(1 + under.length);
    const page = htmlFile(options.root, within);
    if (page === "folder") return redirect(res, `${prefix}${rawWithin.join("/")}/`);
    if (page) return send(res, 200, "text/html; charset=utf-8", withReload(readFileSync(page, "utf8")));
    req.url = `/${rawWithin.join("/")}`;
    files(req, res, () => notFound(res, options.root));
  };

  const server = createServer(handle);
  const port = await listen(server, options.host, options.port);
  const host = options.host.includes(":") ? `[${options.host}]` : options.host;
  return {
    get url() {
      return `http://${host}:${port}${prefix}`;
    },
    get prefix() {
      return prefix;
    },
    set prefix(value: string) {
      prefix = value;
    },
    reload: () => {
      for (const res of listeners) res.write("event: reload\ndata: \n\n");
    },
    showProblems: (list) => {
      problems = list && list.length > 0 ? list : undefined;
    },
    close: () => {
      for (const res of listeners) res.end();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** The port asked for, or the next free one of the ten after it (another preview may be running). */
async function listen(server: Server, host: string, port: number): Promise<number> {
  for (let attempt = 0; ; attempt++) {
    try {
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(port === 0 ? 0 : port + attempt, host, () => {
          server.off("error", reject);
          resolve();
        });
      });
      return (server.address() as AddressInfo).port;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EADDRINUSE" || port === 0 || attempt >= 10) throw error;
    }
  }
}

/** A URL path's segments, each decoded; undefined for one that no file's path can be (a bad escape, an encoded slash, `..`). */
function segments(pathname: string): string[] | undefined {
  try {
    const parts = pathname.split("/").slice(1).map((part) => decodeURIComponent(part));
    return parts.some((part) => part.includes("/") || part.includes("\\") || part === ".." || part === ".") ? undefined : parts;
  } catch {
    return undefined;
  }
}

/** The HTML file a site path is served from, as static hosts do: `a/` is `a/index.html`; `a` is a folder to redirect to. */
function htmlFile(root: string, within: readonly string[]): string | "folder" | undefined {
  const sitePath = within.join("/");
  const file = path.join(root, sitePath);
  if (!inside(file, root)) return undefined;
  const isFile = (candidate: string) => {
    try {
      return statSync(candidate).isFile();
    } catch {
      return false;
    }
  };
  if (sitePath === "" || sitePath.endsWith("/")) return isFile(path.join(file, "index.html")) ? path.join(file, "index.html") : undefined;
  if (sitePath.endsWith(".html")) return isFile(file) ? file : undefined;
  return isFile(path.join(file, "index.html")) ? "folder" : undefined;
}

function withReload(html: string): string {
  const at = html.lastIndexOf("</body>");
  return at === -1 ? html + RELOAD_TAG : `${html.slice(0, at)}${RELOAD_TAG}\n${html.slice(at)}`;
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { "content-type": type, "cache-control": "no-store" });
  res.end(body);
}

/** `location` is a path as URLs write it, already percent-encoded. */
function redirect(res: ServerResponse, location: string): void {
  res.writeHead(302, { location });
  res.end();
}

function notFound(res: ServerResponse, root: string): void {
  const page = path.join(root, URLS.notFound);
  send(res, 404, "text/html; charset=utf-8", existsSync(page) ? withReload(readFileSync(page, "utf8")) : "Not found\n");
}

function follow(res: ServerResponse, listeners: Set<ServerResponse>): void {
  res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-store", connection: "keep-alive" });
  res.write(": the preview reloads open pages after each build\n\n");
  listeners.add(res);
  res.on("close", () => listeners.delete(res));
}

/** What a newsroom sees in the browser when the preview cannot be built: the problems, file by file. */
function problemsPage(problems: readonly string[]): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex">
<title>The preview cannot be built</title>
<style>body{font:1rem/1.5 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1a1a1a}h1{font-size:1.5rem;color:#a4161a}li{font-family:ui-monospace,monospace;white-space:pre-wrap;margin:.5rem 0}</style>
</head>
<body>
<main>
<h1>The preview cannot be built</h1>
<p>Fix ${problems.length === 1 ? "this problem" : `these ${problems.length} problems`} and save: this page reloads by itself. The published site is not affected.</p>
<ul class="problems">
${problems.map((problem) => `<li>${escapeHtml(problem)}</li>`).join("\n")}
</ul>
</main>
${RELOAD_TAG}
</body>
</html>
`;
}
