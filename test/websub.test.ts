import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createServer, type Server } from "node:http";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildSite, epoch, FIXTURES, writeSite } from "./helpers/site.ts";
import { jsonFeedErrors, parseXml } from "./helpers/validators.ts";

const CLOCK = { SOURCE_DATE_EPOCH: epoch("2024-03-11T12:00:00Z") };
const BASE = "https://ledger.example.com";

/** A WebSub hub on 127.0.0.1 that writes down what it is told, and answers with `status`. */
let hub: Server;
let hubUrl = "";
let told: string[] = [];
let status = 204;
const folders: string[] = [];
beforeAll(async () => {
  hub = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      const form = new URLSearchParams(body);
      if (request.method === "POST" && form.get("hub.mode") === "publish") told.push(form.get("hub.url")!);
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => hub.listen(0, "127.0.0.1", resolve));
  hubUrl = `http://127.0.0.1:${(hub.address() as { port: number }).port}/`;
});
afterAll(async () => {
  await new Promise((resolve) => hub.close(resolve));
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

describe("WebSub", () => {
  it("names the hub in every feed, and after each build tells it which feeds changed, once published", async () => {
    const site = writeSite({}, path.join(FIXTURES, "desk"));
    folders.push(site);
    const settings = path.join(site, "_data/site.json");
    writeFileSync(settings, readFileSync(settings, "utf8").replace('"popular"', `"hub": "${hubUrl}",\n  "popular"`));
    const output = path.join(mkdtempSync(path.join(tmpdir(), "dateline-out-")), "_site");
    folders.push(path.dirname(output));

    told = [];
    const first = await buildSite(site, CLOCK, output);
    expect(first.code, first.stderr).toBe(0);
    const feed = parseXml(first.read("feed.xml")).feed as { link: { "@rel": string; "@href": string }[] };
    expect(feed.link.map((link) => `${link["@rel"]} ${link["@href"]}`)).toEqual([`self ${BASE}/feed.xml`, `alternate ${BASE}/`, `hub ${hubUrl}`]);
    const json = JSON.parse(first.read("feed.json"));
    expect([json.hubs, jsonFeedErrors(json)]).toEqual([[{ type: "WebSub", url: hubUrl }], []]);
    // A first build publishes every feed.
    const everyFeed = first.files().filter((file) => /(^|\/)feed\.(xml|json)$/.test(file)).map((file) => `${BASE}/${file}`);
    expect(told.sort()).toEqual(everyFeed.sort());
    expect(first.stdout).toContain(`[dateline] websub: told ${hubUrl} of ${everyFeed.length} changed feeds`);

    told = [];
    const again = await buildSite(site, CLOCK, output);
    expect(again.code, again.stderr).toBe(0);
    expect([told, again.stdout.includes("websub")]).toEqual([[], false]);

    told = [];
    const story = path.join(site, "posts/markets-week.md");
    writeFileSync(story, readFileSync(story, "utf8").replace(/^title: .*$/m, "title: Markets end the week higher"));
    const edited = await buildSite(site, CLOCK, output);
    expect(edited.code, edited.stderr).toBe(0);
    expect(told.sort()).toEqual([`${BASE}/business/feed.json`, `${BASE}/business/feed.xml`, `${BASE}/feed.json`, `${BASE}/feed.xml`]);

    // A hub that fails is a warning: the site is published all the same.
    told = [];
    status = 503;
    writeFileSync(story, readFileSync(story, "utf8").replace("Markets end the week higher", "Markets end the week lower"));
    const refused = await buildSite(site, CLOCK, output);
    status = 204;
    expect(refused.code, refused.stderr).toBe(0);
    expect(refused.stdout).toContain(`[dateline] warning: websub: ${BASE}/feed.xml: the hub answered 503 Service Unavailable; subscribers hear of it at their next poll`);
    expect(refused.read("business/markets-week/index.html")).toContain("Markets end the week lower");
  });
});
