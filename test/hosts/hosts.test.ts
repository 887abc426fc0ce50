import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { createServer } from "node:net";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import { load as loadHtml } from "cheerio";
import { load as loadYaml } from "js-yaml";
import { buildSite, epoch, ROOT, writeSite } from "../helpers/site.ts";

/**
 * Every server configuration in docs/deploy.md, taken from the page as written (folder, host name and
 * port changed), served by the real server over the sample site built at a domain's root and under
 * /halden-wire/, and read as a browser reads it.
 */
const GUIDE = readFileSync(path.join(ROOT, "docs/deploy.md"), "utf8");
const FOLDER = "/var/www/halden-wire";
const SUBPATH_URL = "https://owner.github.io/halden-wire";

/** The fenced block after `<!-- host: name -->` in the guide. */
function documented(name: string): string {
  const match = new RegExp(`<!-- host: ${name} -->\\n\`\`\`[a-z]*\\n([\\s\\S]*?)\\n\`\`\``).exec(GUIDE);
  if (!match) throw new Error(`docs/deploy.md has no configuration marked "host: ${name}"`);
  return match[1]!;
}

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A GET as a browser sends it, asking for gzip; the body is read only when it is not compressed. */
function get(url: string, gzip = false): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { headers: gzip ? { "accept-encoding": "gzip" } : {} }, (res) => {
      let body = "";
      res.setEncoding("latin1");
      res.on("data", (chunk) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: res.headers["content-encoding"] ? "" : Buffer.from(body, "latin1").toString("utf8") }));
    });
    req.on("error", reject);
    req.end();
  });
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Servers run as an unprivileged user read the site: every folder on the way must be open to them. */
function openToAll(folder: string): void {
  for (let dir = folder; dir !== path.dirname(dir) && dir.startsWith(tmpdir()); dir = path.dirname(dir)) chmodSync(dir, 0o755);
  execFileSync("chmod", ["-R", "a+rX", folder]);
}

async function waitFor(url: string, server: ChildProcess, log: () => string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (server.exitCode !== null) throw new Error(`the server stopped: ${log()}`);
    try {
      await get(url);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  throw new Error(`nothing answered at ${url}: ${log()}`);
}

const HTACCESS = documented("apache");
const sites: Record<"root" | "subpath", string> = { root: "", subpath: "" };

beforeAll(async () => {
  for (const kind of ["root", "subpath"] as const) {
    const input = writeSite({});
    for (const folder of ["posts", "_data", "media"]) cpSync(path.join(ROOT, folder), path.join(input, folder), { recursive: true });
    const htaccess = kind === "root" ? HTACCESS : HTACCESS.replace("ErrorDocument 404 /404.html", "ErrorDocument 404 /halden-wire/404.html");
    mkdirSync(path.join(input, "public"));
    writeFileSync(path.join(input, "public/.htaccess"), htaccess);
    if (kind === "subpath") {
      const settings = path.join(input, "_data/site.json");
      writeFileSync(settings, readFileSync(settings, "utf8").replace('"url": "https://wire.example.org"', `"url": "${SUBPATH_URL}"`));
    }
    const built = await buildSite(input, { SOURCE_DATE_EPOCH: epoch("2026-11-28T12:00:00Z") });
    expect(built.code, built.stderr).toBe(0);
    openToAll(built.output);
    sites[kind] = built.output;
  }
});

interface Host {
  name: string;
  kind: "root" | "subpath";
  start(site: string, port: number, scratch: string): ChildProcess;
}

const asRoot = userInfo().uid === 0;

const nginx = (name: string, kind: Host["kind"]): Host => ({
  name,
  kind,
  start: (site, port, scratch) => {
    const server = documented(name).replaceAll(FOLDER, site).replace("listen 80;", `listen 127.0.0.1:${port};`);
    const temp = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map((what) => `${what}_temp_path ${scratch}/${what};`).join("\n");
    writeFileSync(
      path.join(scratch, "nginx.conf"),
      `${asRoot ? "user www-data;\n" : ""}daemon off;\npid ${scratch}/nginx.pid;\nerror_log ${scratch}/error.log;\nevents {}\nhttp {\ninclude /etc/nginx/mime.types;\ndefault_type application/octet-stream;\naccess_log off;\n${temp}\n${server}\n}\n`,
    );
    return spawn("nginx", ["-c", path.join(scratch, "nginx.conf"), "-p", scratch]);
  },
});

const apache = (kind: Host["kind"]): Host => ({
  name: kind === "root" ? "apache" : "apache under a sub-path",
  kind,
  start: (site, port, scratch) => {
    const modules = ["mpm_event", "authz_core", "dir", "mime", "deflate", "filter", "headers", "alias"].map((m) => `LoadModule ${m}_module /usr/lib/apache2/modules/mod_${m}.so`).join("\n");
    const place = kind === "root" ? `DocumentRoot "${site}"` : `DocumentRoot "${scratch}"\nAlias /halden-wire "${site}"`;
    writeFileSync(
      path.join(scratch, "httpd.conf"),
      `ServerRoot "${scratch}"\nServerName 127.0.0.1\nListen 127.0.0.1:${port}\n${modules}\n${asRoot ? "User www-data\nGroup www-data\n" : ""}PidFile ${scratch}/httpd.pid\nErrorLog ${scratch}/error.log\nTypesConfig /etc/mime.types\nDirectoryIndex index.html\n${place}\n<Directory "${site}">\n  AllowOverride FileInfo\n  Require all granted\n</Directory>\n`,
    );
    return spawn("apache2", ["-f", path.join(scratch, "httpd.conf"), "-DFOREGROUND"]);
  },
});

const caddy = (name: string, kind: Host["kind"]): Host => ({
  name,
  kind,
  start: (site, port, scratch) => {
    const file = documented(name).replaceAll(FOLDER, site).replace(/^[a-z.]+ \{/m, `http://127.0.0.1:${port} {`);
    writeFileSync(path.join(scratch, "Caddyfile"), `{\n  admin off\n  auto_https off\n  storage file_system ${scratch}/data\n}\n${file}\n`);
    return spawn("caddy", ["run", "--config", path.join(scratch, "Caddyfile"), "--adapter", "caddyfile"], { env: { ...process.env, HOME: scratch, XDG_DATA_HOME: scratch, XDG_CONFIG_HOME: scratch } });
  },
});

const HOSTS: Host[] = [nginx("nginx", "root"), nginx("nginx-subpath", "subpath"), apache("root"), apache("subpath"), caddy("caddy", "root"), caddy("caddy-subpath", "subpath")];

for (const host of HOSTS) {
  describe(`${host.name}, as docs/deploy.md configures it`, () => {
    let server: ChildProcess;
    let base: string;
    let output = "";
    beforeAll(async () => {
      const scratch = mkdtempSync(path.join(tmpdir(), "dateline-host-"));
      const port = await freePort();
      server = host.start(sites[host.kind], port, scratch);
      server.stdout?.on("data", (chunk) => (output += chunk));
      server.stderr?.on("data", (chunk) => (output += chunk));
      base = `http://127.0.0.1:${port}${host.kind === "root" ? "/" : "/halden-wire/"}`;
      await waitFor(base, server, () => output);
    });
    afterAll(() => {
      server.kill();
    });

    it("serves the home page, a section and an article, and every stylesheet, script, icon and image they load", async () => {
      for (const page of ["", "news/", "news/local/night-ferry-outer-islands/"]) {
        const reply = await get(`${base}${page}`);
        expect(reply.status, page).toBe(200);
        expect(reply.headers["content-type"]).toMatch(/^text\/html/);
        const $ = loadHtml(reply.body);
        const loaded = [...$('link[rel="stylesheet"], link[rel="icon"]').map((_, e) => $(e).attr("href")), ...$("script[src], img[src]").map((_, e) => $(e).attr("src"))];
        expect(loaded.length).toBeGreaterThanOrEqual(3);
        for (const address of loaded) expect((await get(new URL(address!, base).href)).status, address).toBe(200);
      }
      if (host.kind === "subpath") {
        const bare = await get(base.replace(/\/$/, ""));
        expect([301, 302, 308]).toContain(bare.status);
        expect(new URL(String(bare.headers.location), base).pathname).toBe("/halden-wire/");
      }
    });

    it("answers a missing page, three folders deep, with the site's 404 page and status 404", async () => {
      const reply = await get(`${base}no/such/story/three/`);
      expect(reply.status).toBe(404);
      expect(loadHtml(reply.body)("title").text()).toBe(loadHtml(readFileSync(path.join(sites[host.kind], "404.html"), "utf8"))("title").text());
    });

    it("lets hosts cache /assets/ for a year and has pages revalidated", async () => {
      const $ = loadHtml((await get(base)).body);
      const stylesheet = new URL($('link[rel="stylesheet"]').attr("href")!, base).href;
      expect((await get(stylesheet)).headers["cache-control"]).toBe("public, max-age=31536000, immutable");
      expect((await get(base)).headers["cache-control"]).toBe("no-cache");
    });

    it("compresses pages, the stylesheet and the feeds for a client that asks", async () => {
      const $ = loadHtml((await get(base)).body);
      for (const address of [base, new URL($('link[rel="stylesheet"]').attr("href")!, base).href, `${base}feed.xml`, `${base}feed.json`, `${base}sitemap.xml`]) {
        const reply = await get(address, true);
        expect(reply.status, address).toBe(200);
        expect(reply.headers["content-encoding"], address).toBe("gzip");
      }
    });
  });
}

describe("Netlify's and Cloudflare Pages' _headers, as docs/deploy.md gives it", () => {
  it("is a path pattern with indented header lines, and its pattern covers the hashed theme files", () => {
    const lines = documented("headers").split("\n");
    expect(lines[0]).toMatch(/^\/\S*$/);
    for (const line of lines.slice(1)) expect(line).toMatch(/^ {2}[A-Za-z-]+: \S.*$/);
    const pattern = new RegExp(`^${lines[0]!.replace(/[.+?^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*")}$`);
    const assets = execFileSync("ls", [path.join(sites.root, "assets")], { encoding: "utf8" }).trim().split("\n");
    for (const asset of assets) expect(`/assets/${asset}`).toMatch(pattern);
  });
});

describe("the GitHub Actions workflow in docs/deploy.md", () => {
  const workflow = loadYaml(documented("github-pages")) as {
    on: Record<string, unknown>;
    jobs: { publish: { steps: { name?: string; run?: string; uses?: string; with?: Record<string, string> }[] } };
  };
  const steps = workflow.jobs.publish.steps;

  it("builds on a push and on a schedule, keeps the photo cache, and deploys _site/", () => {
    expect(Object.keys(workflow.on)).toEqual(["push", "schedule", "workflow_dispatch"]);
    expect(steps.map((step) => step.run ?? step.uses)).toEqual(expect.arrayContaining(["npm ci", "npm run build", "actions/upload-pages-artifact@v3", "actions/deploy-pages@v4"]));
    expect(steps.find((step) => step.uses === "actions/upload-pages-artifact@v3")!.with!.path).toBe("_site");
    // The photo cache is the site's .cache/ folder unless DATELINE_CACHE_DIR says otherwise.
    expect(steps.find((step) => step.uses === "actions/cache@v4")?.with?.path).toBe(".cache");
  });

  /** Runs the "Is a build due?" step in bash over a site, with `gh` answering that the last successful run began at `last`. */
  function due(site: string, last: string): string {
    const script = steps.find((step) => step.name === "Is a build due?")!.run!.replace("npm run --silent next-build", `npm run --silent next-build -- ${site}`);
    const scratch = mkdtempSync(path.join(tmpdir(), "dateline-gh-"));
    writeFileSync(path.join(scratch, "gh"), `#!/bin/sh\necho "${last}"\n`, { mode: 0o755 });
    const outputs = path.join(scratch, "outputs");
    writeFileSync(outputs, "");
    execFileSync("bash", ["-e", "-c", script], { cwd: ROOT, env: { ...process.env, PATH: `${scratch}:${process.env.PATH}`, EVENT: "schedule", WORKFLOW: "Publish", GITHUB_OUTPUT: outputs, SOURCE_DATE_EPOCH: "" } });
    return readFileSync(outputs, "utf8");
  }

  it("asks for a build when an embargo lifted since the last successful run, and not otherwise", () => {
    const iso = (offsetMinutes: number) => new Date(Date.now() + offsetMinutes * 60_000).toISOString().replace(/\.\d+Z$/, "Z");
    const story = (date: string) => `---\ntitle: "Timed story"\ndate: ${date}\nsection: local\n---\nText.\n`;
    const site = (storyDate: string) => {
      const input = writeSite({ "posts/timed.md": story(storyDate) });
      cpSync(path.join(ROOT, "_data"), path.join(input, "_data"), { recursive: true });
      const settings = path.join(input, "_data/site.json");
      // A fixed top-bar date: midnight is then no change, and only the story's embargo is.
      writeFileSync(settings, readFileSync(settings, "utf8").replace('"language": "en",', '"language": "en", "headerDate": "2026-11-30",'));
      return input;
    };
    expect(due(site(iso(-5)), iso(-10))).toBe("build=true\n");
    expect(due(site(iso(60)), iso(-10))).toBe("");
  });
});
