declare module "@11ty/eleventy-img" {
  /** One output file of an image: eleventy-img's metadata for it. */
  export interface ImageRendition {
    format: string;
    width: number;
    height: number;
    url: string;
    filename: string;
    outputPath: string;
    size: number;
    sourceType?: string;
  }
  export type ImageMetadata = Record<string, ImageRendition[]>;
  export interface ImageOptions {
    widths?: (number | "auto")[];
    formats?: string[];
    outputDir?: string;
    urlPath?: string;
    statsOnly?: boolean;
    svgShortCircuit?: boolean | "size";
    sharpOptions?: Record<string, unknown>;
    sharpJpegOptions?: Record<string, unknown>;
    sharpWebpOptions?: Record<string, unknown>;
    sharpPngOptions?: Record<string, unknown>;
    transform?: (sharp: SharpLike) => void | Promise<void>;
    filenameFormat?: (id: string, src: string, width: number, format: string) => string;
    useCache?: boolean;
    fixOrientation?: boolean;
    formatFiltering?: string[] | false;
  }
  /** The part of a sharp instance a `transform` uses. */
  export interface SharpLike {
    resize(options: { width: number; height: number; fit: "cover"; position?: string }): SharpLike;
    flatten(options: { background: string }): SharpLike;
  }
  interface EleventyImage {
    (src: string, options?: ImageOptions): Promise<ImageMetadata>;
    generateHTML(metadata: ImageMetadata, attributes: Record<string, string | undefined>): string;
    concurrency: number;
  }
  const Image: EleventyImage;
  export default Image;
}
