import { mkdirSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";

/**
 * A photograph stand-in: soft shapes of colour (a few dozen random pixels enlarged) under a fine grain,
 * so that it compresses as a camera's photo does, not as flat colour or as pure noise. Made by sharp
 * alone, so that a benchmark's hundreds of photos take seconds.
 */
export async function makePhoto(file: string, width: number, height: number, seed = 1): Promise<void> {
  let state = seed;
  const random = () => ((state = (state * 1103515245 + 12345) % 2147483648) / 2147483648);
  const [cols, rows] = [32, Math.max(2, Math.round((32 * height) / width))];
  const pixels = Buffer.from(Array.from({ length: cols * rows * 3 }, () => Math.floor(random() * 256)));
  const base = await sharp(pixels, { raw: { width: cols, height: rows, channels: 3 } }).resize(width, height, { kernel: "cubic" }).png({ compressionLevel: 0 }).toBuffer();
  const grain = await sharp({ create: { width, height, channels: 3, background: "#000", noise: { type: "gaussian", mean: 128, sigma: 10 } } }).png({ compressionLevel: 0 }).toBuffer();
  const image = sharp(base).composite([{ input: grain, blend: "soft-light" }]);
  mkdirSync(path.dirname(file), { recursive: true });
  await (file.endsWith(".png") ? image.png() : image.jpeg({ quality: 90 })).toFile(file);
}
