import { describe, expect, it } from "vitest";
import path from "node:path";
import { epoch, FIXTURES } from "../helpers/site.ts";
import { servedSite } from "./browser.ts";

const served = servedSite(() => path.join(FIXTURES, "hostile/safe"), { SOURCE_DATE_EPOCH: epoch("2024-05-02T00:00:00Z") });

describe("hostile content in a real browser", () => {
  it("runs no injected script on any page: no dialog, no console message", async () => {
    const pages = served.site.files().filter((file) => file.endsWith(".html"));
    expect(pages.length).toBeGreaterThan(20);
    const page = await served.browser.newPage();
    const seen: string[] = [];
    page.on("dialog", (dialog) => {
      seen.push(`dialog on ${page.url()}: ${dialog.message()}`);
      void dialog.dismiss();
    });
    page.on("console", (message) => seen.push(`console on ${page.url()}: ${message.text()}`));
    page.on("pageerror", (error) => seen.push(`error on ${page.url()}: ${error.message}`));
    for (const file of pages) {
      await page.goto(`${served.url}/${file.replace(/index\.html$/, "")}`);
      // Give handlers (onerror of a broken image, onmouseover) their chance to fire.
      await page.mouse.move(200, 200);
      await page.mouse.move(400, 300);
      await page.waitForTimeout(50);
    }
    expect(seen).toEqual([]);
    await page.close();
  });
});
