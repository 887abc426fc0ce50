import { load } from "cheerio";

/** Attributes whose words a reader sees or hears: labels, alternatives, titles, and the page's descriptions. */
const SPOKEN = ["aria-label", "alt", "title", "placeholder"];

/**
 * The Latin-script words of a page a reader sees or hears: its text (not scripts or styles), the
 * attributes screen readers speak, its title and its descriptions for search engines and networks.
 */
export function latinWords(html: string): string[] {
  const $ = load(html);
  $("script, style, noscript, template").remove();
  const texts = [$("title").text(), $("body").text()];
  $("*").each((_, node) => {
    const el = node as unknown as { attribs: Record<string, string> };
    for (const name of SPOKEN) if (el.attribs[name]) texts.push(el.attribs[name]);
  });
  const described = ['meta[name="description"]', ...["og:title", "og:description", "og:site_name", "og:image:alt"].map((p) => `meta[property="${p}"]`), ...["twitter:title", "twitter:description", "twitter:image:alt"].map((n) => `meta[name="${n}"]`)];
  $(described.join(", ")).each((_, el) => void texts.push($(el).attr("content") ?? ""));
  // Addresses a page shows (an email to write to) are the newsroom's, not the interface's words.
  return texts.join(" ").replace(/\S+@\S+|https?:\/\/\S+/g, " ").match(/[A-Za-z]{2,}/g) ?? [];
}
