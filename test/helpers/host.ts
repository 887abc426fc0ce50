import { createServer, type Server } from "node:http";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { AddressInfo } from "node:net";
import sirv from "sirv";

/**
 * Serves a built site on loopback the way a static host does: under `prefix` (a GitHub Pages
 * project site's `/repo/`), `404.html` for anything missing, nothing at all outside the prefix.
 */
export async function serveSite(root: string, prefix = "/", headers: Record<string, string> = {}): Promise<{ url: string; origin: string; close(): Promise<void> }> {
  const files = sirv(root, { dev: true, extensions: ["html"], dotfiles: true, setHeaders: (res) => Object.entries(headers).forEach(([name, value]) => res.setHeader(name, value)) });
  const notFound = readFileSync(path.join(root, "404.html"));
  const server: Server = createServer((req, res) => {
    const missing = () => {
      res.writeHead(404, { ...headers, "content-type": "text/html; charset=utf-8" });
      res.end(notFound);
    };
    if (!req.url?.startsWith(prefix)) return missing();
    req.url = `/${req.url.slice(prefix.length)}`;
    files(req, res, missing);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    url: `${origin}${prefix.replace(/\/$/, "")}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
