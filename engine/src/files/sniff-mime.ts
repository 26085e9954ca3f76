/**
 * The type of a file from its first bytes, for the types a browser would render (images, PDF): a name or a
 * declared type may lie, the bytes don't. Everything else keeps its declared type unless that is active content.
 */

/** What an upload is stored as, or why it is refused. */
export type MimeDecision = { mime: string } | { refused: string };

const OCTET_STREAM = 'application/octet-stream';

/** Types a browser runs or renders as a page: never served as given, whatever the uploader says. */
const ACTIVE = new Set([
  'text/html', 'application/xhtml+xml', 'image/svg+xml', 'text/javascript', 'application/javascript', 'text/xml', 'application/xml',
]);

const CLAIMED_BY_EXTENSION: Record<string, string> = {
  png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', gif: 'image/gif', webp: 'image/webp', bmp: 'image/bmp',
  tif: 'image/tiff', tiff: 'image/tiff', avif: 'image/avif', heic: 'image/heic', svg: 'image/svg+xml', pdf: 'application/pdf',
};

const MIME = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,126}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,126}$/;

/** The image or PDF type these bytes are, by their magic numbers; undefined for anything else. */
export function sniffMime(bytes: Uint8Array): string | undefined {
  const starts = (...sig: number[]) => sig.every((b, i) => bytes[i] === b);
  const ascii = (at: number, text: string) => [...text].every((c, i) => bytes[at + i] === c.charCodeAt(0));
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return 'image/png';
  if (starts(0xff, 0xd8, 0xff)) return 'image/jpeg';
  if (ascii(0, 'GIF87a') || ascii(0, 'GIF89a')) return 'image/gif';
  if (ascii(0, 'RIFF') && ascii(8, 'WEBP')) return 'image/webp';
  if (ascii(0, 'BM') && bytes.length > 14) return 'image/bmp';
  if (starts(0x49, 0x49, 0x2a, 0x00) || starts(0x4d, 0x4d, 0x00, 0x2a)) return 'image/tiff';
  if (ascii(4, 'ftyp') && (ascii(8, 'avif') || ascii(8, 'avis'))) return 'image/avif';
  if (ascii(4, 'ftyp') && ['heic', 'heix', 'mif1', 'msf1'].some((brand) => ascii(8, brand))) return 'image/heic';
  if (ascii(0, '%PDF-')) return 'application/pdf';
  return undefined;
}

/**
 * The type to store: what the bytes are when they are an image or a PDF; refused when the name or the declared type
 * claims an image or a PDF that the bytes are not (a `.png` that is really HTML); else the declared type, unless it
 * is active content or malformed (then octet-stream, always downloaded).
 */
export function decideMime(name: string, declared: string | undefined, bytes: Uint8Array): MimeDecision {
  const sniffed = sniffMime(bytes);
  if (sniffed) return { mime: sniffed };
  const given = (declared ?? '').split(';')[0].trim().toLowerCase();
  const claimed = [given, CLAIMED_BY_EXTENSION[extensionOf(name)] ?? ''].find(rendersAsImageOrPdf);
  if (claimed) return { refused: claimed };
  return { mime: MIME.test(given) && !ACTIVE.has(given) ? given : OCTET_STREAM };
}

/** Served inline on request: only types whose bytes were checked. */
export function isInlineType(mime: string): boolean {
  return mime === 'application/pdf' || (mime.startsWith('image/') && mime !== 'image/svg+xml');
}

export function isImageType(mime: string): boolean {
  return mime.startsWith('image/') && mime !== 'image/svg+xml';
}

function rendersAsImageOrPdf(mime: string): boolean {
  return mime === 'application/pdf' || mime.startsWith('image/');
}

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot < 0 ? '' : name.slice(dot + 1).toLowerCase();
}
