import { createHash } from "node:crypto";

/** A short, stable digest of the given parts (kept apart, so "ab","c" and "a","bc" differ). */
export const hash = (...parts: string[]): string => {
  const digest = createHash("sha256");
  for (const part of parts) digest.update(part).update("\u0000");
  return digest.digest("base64url");
};
