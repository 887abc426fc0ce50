import slugify from "@sindresorhus/slugify";

/** Tag and author slugs are cut to this many bytes at a word break: a file name may hold 255. */
const MAX_SLUG_BYTES = 100;

/** How a site writes addresses made from names: transliterated to Latin letters, or in the name's own letters. */
export type SlugStyle = "transliterated" | "native";

/**
 * A URL segment for a tag or author name. Latin, Cyrillic, Greek, Arabic… are transliterated (unless
 * the site keeps `native` letters, "москва"); scripts the transliterator has no table for (CJK) keep
 * their own letters; a name of symbols alone (an emoji, `<!--`) is written as its code points,
 * `u1f525`. A slug is never empty and never too long for a file.
 */
export function toSlug(name: string, style: SlugStyle = "transliterated"): string {
  const slug =
    (style === "transliterated" ? slugify(name) : "") ||
    name
      .normalize("NFC")
      .toLowerCase()
      .replace(/[\s\p{P}\p{S}\p{C}]+/gu, "-")
      .replace(/^-+|-+$/g, "") ||
    `u${[...name.trim()].map((c) => c.codePointAt(0)!.toString(16)).join("-")}`;
  return shorten(slug, MAX_SLUG_BYTES);
}

function shorten(slug: string, bytes: number): string {
  if (Buffer.byteLength(slug) <= bytes) return slug;
  let cut = "";
  for (const char of slug) {
    if (Buffer.byteLength(cut + char) > bytes) break;
    cut += char;
  }
  const atWord = cut.replace(/-[^-]*$/, "");
  return (atWord.length >= cut.length / 2 ? atWord : cut).replace(/-+$/, "");
}

/** Names that differ only in case (or Unicode normalisation) are one name: "Climate" and "climate". */
export const sameName = (name: string) => name.normalize("NFC").toLocaleLowerCase();

/**
 * Gives every distinct name (of tags, or of authors) its own slug. Names whose slugs collide ("C" and
 * "C++" both make "c") are told apart with a suffix, in name order so the result does not depend on
 * which article was read first; each collision is reported so none is silent.
 */
export function assignSlugs(names: Iterable<string>, style: SlugStyle = "transliterated"): { slugOf: Map<string, string>; collisions: string[] } {
  const byKey = new Map<string, string>();
  for (const name of names) {
    const key = sameName(name);
    if (!byKey.has(key)) byKey.set(key, name);
  }
  const bySlug = new Map<string, string[]>();
  for (const [key, name] of [...byKey].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const slug = toSlug(name, style);
    bySlug.set(slug, [...(bySlug.get(slug) ?? []), key]);
  }
  const slugOf = new Map<string, string>();
  const taken = new Set(bySlug.keys());
  const collisions: string[] = [];
  for (const [slug, keys] of bySlug) {
    keys.forEach((key, index) => {
      let unique = slug;
      for (let n = index + 1; index > 0 && taken.has(unique); n++) unique = `${slug}-${n}`;
      taken.add(unique);
      slugOf.set(key, unique);
    });
    if (keys.length > 1) {
      collisions.push(`${keys.map((key) => `"${byKey.get(key)}"`).join(" and ")} share the slug "${slug}"; they are published as ${keys.map((key) => slugOf.get(key)).join(" and ")}`);
    }
  }
  return { slugOf, collisions };
}
