import { beforeAll, describe, expect, it } from "vitest";
import { cpSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import type { CheerioAPI } from "cheerio";
import { ContentValidationError } from "../src/content/errors.ts";
import { developPhotos } from "../src/eleventy/photos.ts";
import { planReuse } from "../src/publish/reuse.ts";
import { makePhoto } from "../bench/photos.ts";
import { buildSite, epoch, readNewsroom, ROOT, writeSite, type BuiltSite } from "./helpers/site.ts";

/**
 * The sample with a story that has a camera-sized photo and a chart in its text: what a reader's
 * browser, a social network, a search engine and a feed reader get of them.
 */
const STORY = `---
title: "Harbour at dawn"
date: 2026-11-27T07:00
section: local
image: { src: /media/harbour.jpg, alt: "Fishing boats at the harbour wall at dawn", caption: "The harbour at dawn.", credit: "Photo: Halden Wire / Ola Nordmann" }
---
The harbour at dawn, and the catch by month:

![Catch by month, 2026](/media/charts/catch.png "Catch by month")
`;
const CLOCK = { SOURCE_DATE_EPOCH: epoch("2026-11-28T12:00:00Z") };
/** An embargoed story with a photo of its own: the photo must not be on the site before the story. */
const SCOOP = `---
title: "Embargoed scoop"
date: 2027-01-01T00:00
section: local
image: { src: /media/scoop.jpg, alt: "The scoop" }
---
Not yet.
`;

let input: string;
let site: BuiltSite;
let warm: BuiltSite;
let $: CheerioAPI;

beforeAll(async () => {
  input = writeSite({ "posts/local/harbour-at-dawn.md": STORY, "posts/local/scoop.md": SCOOP });
  for (const folder of ["posts", "_data", "media"]) cpSync(path.join(ROOT, folder), path.join(input, folder), { recursive: true });
  await makePhoto(path.join(input, "media/harbour.jpg"), 1800, 1200);
  await makePhoto(path.join(input, "media/charts/catch.png"), 900, 600, 7);
  await makePhoto(path.join(input, "media/scoop.jpg"), 600, 400, 11);
  const settings = path.join(input, "_data/site.json");
  writeFileSync(settings, readFileSync(settings, "utf8").replace('"language": "en",', '"language": "en", "shareImage": "/media/harbour.jpg",'));
  site = await buildSite(input, CLOCK);
  expect(site.code, site.stderr).toBe(0);
  $ = site.page("/news/local/harbour-at-dawn/");
  warm = await buildSite(input, CLOCK);
}, 120_000);

/** A published file by its address, its pixel size and its bytes. */
async function published(url: string): Promise<{ width: number; height: number; format: string; bytes: number }> {
  const file = path.join(site.output, new URL(url, "https://wire.example.org/").pathname);
  const { width, height, format } = await sharp(file).metadata();
  return { width: width!, height: height!, format: format!, bytes: statSync(file).size };
}

const candidates = (srcset: string) => srcset.split(", ").map((candidate) => {
  const [url, width] = candidate.split(" ");
  return { url: url!, width: Number(width!.replace("w", "")) };
});

describe("a story's photos", () => {
  it("gives the hero four widths as WebP with a JPEG fallback, its size, and fetches it first", async () => {
    const hero = $(".hero picture");
    const webp = candidates(hero.find('source[type="image/webp"]').attr("srcset")!);
    const img = hero.find("img");
    expect(webp.map((c) => c.width)).toEqual([480, 800, 1200, 1600]);
    expect(candidates(img.attr("srcset")!).map((c) => c.width)).toEqual([480, 800, 1200, 1600]);
    expect([img.attr("width"), img.attr("height")]).toEqual(["1600", "1066"]);
    expect(img.attr("fetchpriority")).toBe("high");
    expect(img.attr("loading")).toBeUndefined();
    expect(img.attr("alt")).toBe("Fishing boats at the harbour wall at dawn");
    expect($(".hero figcaption").text()).toBe("The harbour at dawn. Photo: Halden Wire / Ola Nordmann");
    for (const { url, width } of webp) expect(await published(url)).toMatchObject({ width, format: "webp" });
    expect(await published(img.attr("src")!)).toMatchObject({ width: 1600, format: "jpeg" });
  });

  it("costs a 390-pixel phone at three device pixels per CSS pixel under 150 KB", async () => {
    // sizes gives 100vw less 2rem: 358 CSS pixels, 1,074 device pixels; the browser takes the 1200w candidate.
    const webp = candidates($(".hero source").attr("srcset")!);
    const chosen = webp.find((c) => c.width >= 358 * 3)!;
    expect((await published(chosen.url)).bytes).toBeLessThan(150_000);
  });

  it("develops an image in the story's text too, loaded lazily, in the widths below its own and its own", async () => {
    const chart = $(".story-body picture");
    const img = chart.find("img");
    expect(candidates(chart.find("source").attr("srcset")!).map((c) => c.width)).toEqual([480, 800, 900]);
    expect(img.attr("src")).toMatch(/\.png$/);
    expect([img.attr("width"), img.attr("height"), img.attr("loading"), img.attr("decoding")]).toEqual(["900", "600", "lazy", "async"]);
  });

  it("shows a picture alone in its paragraph with a title as a figure, the title its caption", () => {
    const figure = $(".story-body figure");
    expect(figure.children().map((_, el) => el.tagName).get()).toEqual(["picture", "figcaption"]);
    expect(figure.find("figcaption").text()).toBe("Catch by month");
    expect(figure.find("img").attr("title")).toBeUndefined();
  });

  it("gives a story with a photo a small, lazily loaded thumbnail in the lists", () => {
    const front = site.page("/news/local/");
    const teaser = front(".teaser").filter((_, t) => front(t).find(".teaser-headline").text() === "Harbour at dawn");
    const img = teaser.find(".teaser-photo img");
    expect([img.attr("loading"), img.attr("alt"), img.attr("sizes")]).toEqual(["lazy", "", "(min-width: 40rem) 7.5rem, 6rem"]);
    expect(teaser.find(".teaser-photo").attr("aria-hidden")).toBe("true");
  });

  it("shows a vector graphic as it is, with its size", () => {
    const img = site.page("/news/local/night-ferry-outer-islands/")(".hero img");
    expect(img.attr("src")).toBe("/media/night-ferry.svg");
    expect(Number(img.attr("width"))).toBeGreaterThan(0);
    expect(Number(img.attr("height"))).toBeGreaterThan(0);
  });

  it("shares a 1200-pixel JPEG under 300 KB with its size and description, and the site's picture for pages without one", async () => {
    const meta = (page: CheerioAPI, property: string) => page(`meta[property="${property}"], meta[name="${property}"]`).attr("content");
    const share = meta($, "og:image")!;
    expect(await published(share)).toMatchObject({ width: 1200, height: 675, format: "jpeg" });
    expect((await published(share)).bytes).toBeLessThan(300_000);
    expect([meta($, "og:image:width"), meta($, "og:image:height"), meta($, "og:image:type"), meta($, "og:image:alt")]).toEqual(["1200", "675", "image/jpeg", "Fishing boats at the harbour wall at dawn"]);
    expect([meta($, "twitter:card"), meta($, "twitter:image")]).toEqual(["summary_large_image", share]);
    const home = site.page("/");
    expect(meta(home, "og:image")).toBe(share);
    expect(meta(home, "og:image:alt")).toBe("Halden Wire");
  });

  it("gives search engines the 16:9, 4:3 and 1:1 crops with the credit, and a logo of at least 112 pixels", async () => {
    const [article] = $('script[type="application/ld+json"]').map((_, s) => JSON.parse($(s).text())).get() as { image: { url: string; width: number; height: number; creditText: string }[]; publisher: { logo: { url: string; width: number } } }[];
    expect(article!.image.map((image) => [image.width, image.height])).toEqual([[1200, 675], [1200, 900], [1200, 1200]]);
    for (const image of article!.image) {
      expect(await published(image.url)).toMatchObject({ width: image.width, height: image.height });
      expect(image.creditText).toBe("Photo: Halden Wire / Ola Nordmann");
    }
    const logo = await published(article!.publisher.logo.url);
    expect(Math.min(logo.width, logo.height)).toBeGreaterThanOrEqual(112);
  });

  it("carries the picture in the feeds, and the text's images as plain absolute images", async () => {
    const atom = site.read("feed.xml");
    const entry = atom.slice(atom.indexOf("<title>Harbour at dawn</title>"));
    const enclosure = /<link rel="enclosure" type="image\/jpeg" length="(\d+)" href="([^"]+)"\/>/.exec(entry)!;
    expect(Number(enclosure[1])).toBe((await published(enclosure[2]!)).bytes);
    const json = JSON.parse(site.read("feed.json")) as { items: { title: string; image?: string; content_html: string }[] };
    const item = json.items.find((i) => i.title === "Harbour at dawn")!;
    expect(item.image).toBe(enclosure[2]);
    expect(item.content_html).not.toContain("<picture>");
    expect(item.content_html).toMatch(/<img src="https:\/\/wire\.example\.org\/assets\/img\/[^"]+-900\.png" alt="Catch by month, 2026" width="900" height="600" ?\/?>/);
  });

  it("does not publish a photo that only an embargoed story shows", () => {
    expect(site.files()).not.toContain("media/scoop.jpg");
    expect(site.files()).toContain("media/harbour.jpg");
    expect(site.everything()).not.toContain("scoop");
  });

  it("does no image work again for photos that did not change", () => {
    // The three photos of the site's own, and the theme's icon for the logo (which another test may have developed).
    expect(site.stdout).toMatch(/photos: (3 developed, 1|4 developed, 0) from the cache;/);
    expect(warm.stdout).toMatch(/photos: 0 developed, 4 from the cache;/);
    expect(warm.read("news/local/harbour-at-dawn/index.html")).toBe(site.read("news/local/harbour-at-dawn/index.html"));
  });
});

describe("photos over time", () => {
  it("renders again the pages a new logo under the same name is on", async () => {
    const desk = writeSite({}, path.join(ROOT, "test/fixtures/desk"));
    const keys = () => {
      const { newsroom } = readNewsroom(desk, "2024-03-11T12:00:00Z");
      return planReuse(newsroom!, "code", desk, desk, { pages: {} }, { pages: {} }).manifest.pages;
    };
    const before = keys();
    await sharp({ create: { width: 300, height: 80, channels: 3, background: "#c00" } }).png().toFile(path.join(desk, "media/logo.png"));
    const after = keys();
    // Every page shows the logo (in its structured data); a ninjs file does not, and is kept.
    const pages = Object.keys(after).filter((file) => file.endsWith(".html"));
    expect(pages.length).toBeGreaterThan(10);
    for (const page of pages) expect(after[page], page).not.toBe(before[page]);
    for (const file of Object.keys(after).filter((file) => file.endsWith("ninjs.json"))) expect(after[file], file).toBe(before[file]);
  });

  it("knows a photo whose file time changed but whose bytes did not (a fresh checkout)", async () => {
    const folder = mkdtempSync(path.join(tmpdir(), "dateline-photo-"));
    const file = path.join(folder, "photo.jpg");
    await makePhoto(file, 500, 300, 4);
    const order = (stamp: string) => [{ photo: { src: "/media/photo.jpg", file, stamp, usedBy: { file: "posts/a.md", field: "image" } } }];
    const cache = path.join(folder, "cache");
    expect((await developPhotos(order("1:1"), cache, "/")).processed).toBe(1);
    const again = await developPhotos(order("1:2"), cache, "/");
    expect([again.processed, again.fromCache]).toEqual([0, 1]);
  });
});

describe("photos that cannot be shown", () => {
  it("stops the build for a missing image or one that no browser could load, naming file and field", () => {
    const bad = writeSite(
      {
        "posts/local/missing.md": "---\ntitle: Missing\ndate: 2026-11-20T10:00\nsection: world\nimage: { src: /media/nope.jpg, alt: Nothing }\n---\nText.\n",
        "posts/local/body.md": "---\ntitle: Body\ndate: 2026-11-20T10:00\nsection: world\n---\n![A chart](/media/gone.png) and ![another](chart.png)\n",
        "posts/local/remote.md": "---\ntitle: Remote\ndate: 2026-11-20T10:00\nsection: world\nimage: { src: \"https://cdn.example.org/a.jpg\", alt: A photo }\n---\nText.\n",
      },
      path.join(ROOT, "test/fixtures/wire"),
    );
    const { problems, warnings } = readNewsroom(bad, "2026-11-28T12:00:00Z");
    expect(problems).toEqual(expect.arrayContaining([
      'posts/local/missing.md: image: "/media/nope.jpg" is not a file in media/ (looked for media/nope.jpg)',
      'posts/local/body.md: body: "/media/gone.png" is not a file in media/ (looked for media/gone.png)',
      'posts/local/body.md: body: "chart.png" must be a site path such as /media/photo.jpg, or an https:// address',
    ]));
    expect(warnings).toContain("posts/local/remote.md: image: https://cdn.example.org/a.jpg has no width and height; give both so the page does not jump as it loads");
  });

  it("turns a photo stored upside down upright", async () => {
    const folder = mkdtempSync(path.join(tmpdir(), "dateline-photo-"));
    const file = path.join(folder, "upside-down.jpg");
    // Red on the left, blue on the right, stored with EXIF orientation 3: seen upright, red is on the right.
    const red = await sharp({ create: { width: 600, height: 800, channels: 3, background: "#f00" } }).png().toBuffer();
    const picture = await sharp({ create: { width: 1200, height: 800, channels: 3, background: "#00f" } }).composite([{ input: red, left: 0, top: 0 }]).jpeg().toBuffer();
    await sharp(picture).withMetadata({ orientation: 3 }).toFile(file);
    const library = await developPhotos([{ photo: { src: "/media/upside-down.jpg", file, stamp: "1:1", usedBy: { file: "posts/a.md", field: "image" } } }], path.join(folder, "cache"), "/");
    const photo = library.get("/media/upside-down.jpg")!;
    expect([photo.width, photo.height]).toEqual([1200, 800]);
    for (const rendition of [photo.sets.at(-1)![1][0]!, photo.crops["16x9"]!]) {
      const { data } = await sharp(path.join(folder, "cache", path.basename(rendition.url))).raw().toBuffer({ resolveWithObject: true });
      // The top-left pixel is blue.
      expect([data[0]! < 50, data[2]! > 200], rendition.url).toEqual([true, true]);
    }
  });

  it("stops the build for a file that is not an image, naming the story and field", async () => {
    const folder = mkdtempSync(path.join(tmpdir(), "dateline-photo-"));
    const file = path.join(folder, "fake.jpg");
    writeFileSync(file, "this is not a photograph");
    const photo = { src: "/media/fake.jpg", file, stamp: "24:1", usedBy: { file: "posts/local/fake.md", field: "image" } };
    const developing = developPhotos([{ photo }], path.join(folder, "cache"), "/");
    await expect(developing).rejects.toBeInstanceOf(ContentValidationError);
    await expect(developing).rejects.toThrow(/posts\/local\/fake\.md: image: \/media\/fake\.jpg could not be read as an image/);
  });
});
