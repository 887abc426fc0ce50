import { Parser } from "htmlparser2";
import { withoutIllegalCharacters } from "../../content/characters.ts";

/** Elements whose words are not the text: code a browser runs or styles it takes. */
const HIDDEN = new Set(["script", "style", "noscript", "template"]);
/** Elements that stand as paragraphs of their own. */
const BLOCKS = new Set(["p", "div", "blockquote", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "table", "tr", "figure", "section", "article"]);

/**
 * HTML's words as plain text, by an HTML parser: entities decoded (`&#8217;` is ’), tags dropped
 * (`Title <em>With</em> Markup` is "Title With Markup"). `paragraphs` keeps a blank line between
 * blocks and a line break for `<br>`; a link's address follows its words when they do not show it.
 * `asTitle` keeps the words after a `<script>` or `<style>` too: in a headline ("Why <script> tags
 * matter") they are words, not code.
 */
export function plainText(html: string, options: { paragraphs?: boolean; asTitle?: boolean } = {}): string {
  let out = "";
  let hidden = 0;
  const links: (string | undefined)[] = [];
  let linkStart = 0;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (HIDDEN.has(name) && !options.asTitle) hidden++;
        else if (name === "br") out += "\n";
        else if (BLOCKS.has(name)) out += "\n\n";
        else if (name === "a") {
          links.push(attributes.href);
          linkStart = out.length;
        }
      },
      ontext(text) {
        if (hidden === 0) out += text;
      },
      onclosetag(name, implied) {
        if (HIDDEN.has(name) && !options.asTitle) hidden = Math.max(0, hidden - 1);
        else if (BLOCKS.has(name)) out += "\n\n";
        else if (name === "a" && !implied) {
          const href = links.pop();
          if (options.paragraphs && href && /^https?:\/\//i.test(href) && !out.slice(linkStart).includes(href)) out += ` (${href})`;
        }
      },
    },
    { decodeEntities: true },
  );
  parser.end(html);
  // A control character an entity brought in (`&amp;#12;` in a comment) would stop the build.
  out = withoutIllegalCharacters(out, "");
  if (!options.paragraphs) return out.replace(/\s+/g, " ").trim();
  return out
    .replace(/\r\n?/g, "\n")
    .split(/\n[ \t]*\n\s*/)
    .map((paragraph) => paragraph.split("\n").map((line) => line.replace(/[ \t\u00a0]+/g, " ").trim()).filter(Boolean).join("\n"))
    .filter(Boolean)
    .join("\n\n");
}

/**
 * A copy of a string that shares no memory with the text it was cut from. V8 keeps a whole string
 * alive for any slice of it: an image address kept for the report would hold its post's body, and
 * 10,000 of them a 200 MB export.
 */
export const detached = (text: string): string => Buffer.from(text, "utf8").toString("utf8");

/** The first words of a text, cut at a word, for a headline a post did not have. */
export function firstWords(text: string, max = 80): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max + 1).replace(/\s+\S*$/, "");
  return `${cut || text.slice(0, max)}…`;
}
