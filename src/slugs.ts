import slugify from "@sindresorhus/slugify";

/**
 * A URL segment for a tag or author name. Latin, Cyrillic, Greek, Arabic… are transliterated; scripts
 * the transliterator has no table for (CJK) keep their own letters, so a slug is never empty.
 */
export function toSlug(name: string): string {
  const transliterated = slugify(name);
  if (transliterated) return transliterated;
  return name
    .normalize("NFC")
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]+/gu, "-")
    .replace(/^-+|-+$/g, "");
}
