/** The QR code on page 1 of a PDF file, as a person's phone would read it off the page: rendered by pdftoppm, decoded by jsqr. */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import jsqr from 'jsqr';
import { PNG } from 'pngjs';

// jsqr is CommonJS: its default export is the module object under the type checker, the function at run time.
type Decode = typeof jsqr.default;
const jsQR = ((jsqr as unknown as { default?: Decode }).default ?? (jsqr as unknown as Decode));

export function qrOfFirstPage(pdfFile: string): string | undefined {
  const prefix = path.join(path.dirname(pdfFile), `page-${randomUUID()}`);
  execFileSync('pdftoppm', ['-r', '150', '-png', '-f', '1', '-l', '1', '-singlefile', pdfFile, prefix]);
  try {
    const png = PNG.sync.read(fs.readFileSync(`${prefix}.png`));
    return jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
  } finally {
    fs.rmSync(`${prefix}.png`, { force: true });
  }
}
