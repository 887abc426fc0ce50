import { beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import path from "node:path";
import { readLabelFolder } from "../src/content/data-files.ts";
import { label, LabelBook } from "../src/model/labels.ts";
import { NETWORK_NAMES } from "../src/model/share.ts";
import { buildSite, epoch, FIXTURES, readNewsroom, ROOT, writeSite, type BuiltSite } from "./helpers/site.ts";
import { latinWords } from "./helpers/words.ts";

const CLOCK = { SOURCE_DATE_EPOCH: epoch("2026-11-28T12:00:00Z") };
const tables = readLabelFolder(path.join(ROOT, "_includes/labels"), (file) => file);
const book = new LabelBook(new Map([...tables].map(([tag, { labels }]) => [tag, labels])), "en", {});

/** Words in Latin letters that may stand in a page of any language: a product's or a network's name, and the offset form CLDR gives zones ("GMT+3"). */
const ANY_LANGUAGE = new Set(["JavaScript", "GMT", ...Object.values(NETWORK_NAMES)]);

describe("the theme's label tables", () => {
  it("give every label of the English table, and every plural form each language has, in Russian, Spanish, French, German and Arabic", () => {
    const english = Object.keys(tables.get("en")!.labels);
    const counted = [...new Set(english.filter((key) => key.endsWith(".other")).map((key) => key.slice(0, -".other".length)))];
    expect(counted).toEqual(expect.arrayContaining(["comments", "articles", "searchResults"]));
    for (const language of ["ru", "es", "fr", "de", "ar"]) {
      const own = tables.get(language)!.labels;
      const categories = new Intl.PluralRules(language).resolvedOptions().pluralCategories;
      const wanted = english.filter((key) => !counted.some((name) => key.startsWith(`${name}.`))).concat(counted.flatMap((name) => categories.map((category) => `${name}.${category}`)));
      expect(wanted.filter((key) => !(key in own)), language).toEqual([]);
      expect(Object.keys(own).filter((key) => !wanted.includes(key)), language).toEqual([]);
    }
  });

  it("count by each language's plural rules: 1, 2, 5 and 21 comments in Russian, 0, 1, 2, 3 and 11 in Arabic", () => {
    const ru = book.forLanguage("ru");
    expect([1, 2, 5, 21].map((count) => label(ru, "comments", { count }))).toEqual(["1 комментарий", "2 комментария", "5 комментариев", "21 комментарий"]);
    const ar = book.forLanguage("ar");
    // Digits as the runtime's CLDR writes Arabic numbers (Latin or Arabic-Indic, by version).
    const n = (count: number) => new Intl.NumberFormat("ar").format(count);
    expect([0, 1, 2, 3, 11].map((count) => label(ar, "comments", { count }))).toEqual(["لا تعليقات", "تعليق واحد", "تعليقان", `${n(3)} تعليقات`, `${n(11)} تعليقًا`]);
    expect(label(book.forLanguage("en"), "comments", { count: 1200 })).toBe("1,200 Comments");
    expect(label(book.forLanguage("de"), "articles", { count: 1200 })).toBe("1.200 Artikel");
  });

  it("fall back from a regional language to its language, and from an unknown one to English", () => {
    expect(book.forLanguage("pt-BR").home).toBe("Home");
    expect(book.forLanguage("es-MX").home).toBe("Portada");
    expect(book.forLanguage("es-MX")["@language"]).toBe("es-MX");
  });
});

const sites = new Map<string, BuiltSite>();
beforeAll(async () => {
  for (const [fixture, site] of await Promise.all(["ru-wire", "ar-desk"].map(async (fixture) => [fixture, await buildSite(path.join(FIXTURES, fixture), CLOCK)] as const))) {
    expect(site.code, site.stderr).toBe(0);
    sites.set(fixture, site);
  }
});

describe.each([
  ["a Russian wire site", "ru-wire", "ru", "ltr"],
  ["an Arabic site", "ar-desk", "ar", "rtl"],
] as const)("%s", (_, fixture, language, dir) => {
  it("shows no English word on any page a reader sees, from the top bar to the reply form", () => {
    const site = sites.get(fixture)!;
    const pages = site.files().filter((file) => file.endsWith(".html"));
    expect(pages.length).toBeGreaterThan(15);
    const english = pages.flatMap((file) => latinWords(site.read(file)).filter((word) => !ANY_LANGUAGE.has(word)).map((word) => `${file}: ${word}`));
    expect(english).toEqual([]);
    const $ = site.page("/");
    expect($("html").attr("lang")).toBe(language);
    expect($("html").attr("dir")).toBe(dir);
  });

  it("titles its feeds in its language", () => {
    const json = JSON.parse(sites.get(fixture)!.read("corrections/feed.json")) as { title: string };
    expect(json.title).toMatch(language === "ru" ? /исправления/ : /التصحيحات/);
  });
});

describe("a Russian page's counted words", () => {
  it("read 5 комментариев, 2 комментария and 1 комментарий on the stories with that many", () => {
    const site = sites.get("ru-wire")!;
    const heading = (url: string) => site.page(url)("#comments h2").first().text();
    expect([heading("/novosti/region/most-otkryt/"), heading("/ekonomika/port-zima/"), heading("/novosti/vystavka/")]).toEqual(["5 комментариев", "2 комментария", "1 комментарий"]);
    expect(site.page("/tags/")(".front-count").text()).toBe("2 тега");
    expect(site.page("/")(".popular h2").text()).toBe("Самое популярное");
    // The byline's word counts its names: one author, or several.
    expect(site.page("/novosti/region/most-otkryt/")(".byline .authors").text()).toBe("Авторы: Анна Петрова и Иван Сидоров");
    expect(site.page("/ekonomika/port-zima/")(".byline .authors").text()).toBe("Автор: Мария Кузнецова");
    // Names in the site's alphabet order.
    expect(site.page("/authors/")(".directory a").map((_, a) => site.page("/authors/")(a).text()).get()).toEqual(["Анна Петрова", "Иван Сидоров", "Мария Кузнецова"]);
  });
});

describe("a site that keeps its own letters in addresses (slugs: native)", () => {
  it("names tag and author pages in Cyrillic, and gives them to crawlers percent-encoded", () => {
    const settings = JSON.parse(readFileSync(path.join(FIXTURES, "ru-wire/_data/site.json"), "utf8"));
    const input = writeSite({ "_data/site.json": JSON.stringify({ ...settings, slugs: "native" }) }, path.join(FIXTURES, "ru-wire"));
    const { newsroom } = readNewsroom(input, "2026-11-28T12:00:00Z");
    expect(newsroom!.articles.flatMap((article) => article.tags.map((tag) => tag.url))).toContain("/tags/транспорт/");
    const locations = newsroom!.sitemaps.flatMap((file) => file.entries.map((entry) => entry.loc));
    expect(locations).toContain("https://sever.example.ru/tags/%D1%82%D1%80%D0%B0%D0%BD%D1%81%D0%BF%D0%BE%D1%80%D1%82/");
    expect(locations.filter((loc) => /[^\x21-\x7e]/.test(loc))).toEqual([]);
  });
});
