import { createServer, type Server } from "node:http";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { AddressInfo } from "node:net";
import sirv from "sirv";
import { chromium, type Browser } from "playwright-core";

/** Debian's Chromium: npm cannot download browsers here, and a newsroom's CI has the distribution's. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/** Serves a built site on loopback the way a static host does, 404.html included. */
export async function serveSite(root: string): Promise<{ url: string; close(): Promise<void> }> {
  const files = sirv(root, { dev: true, extensions: ["html"] });
  const notFound = readFileSync(path.join(root, "404.html"));
  const server: Server = createServer((req, res) =>
    files(req, res, () => {
      res.writeHead(404, { "content-type": "text/html; charset=utf-8" });
      res.end(notFound);
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
