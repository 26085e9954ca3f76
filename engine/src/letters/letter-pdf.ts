/**
 * A letter as an A4 PDF: the Chinese content in Noto Sans CJK (Debian's fonts-noto-cjk, embedded as a subset), the
 * facts of issue below it, and a QR code of the verify address in the top-right corner.
 */
import fs from 'node:fs';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import type { LetterText } from './letter-content.ts';
import { todayInChina } from './letter-status.ts';

export const CJK_FONT_FILE = '/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc';
/** The Simplified Chinese face inside the collection. */
const CJK_FONT = 'NotoSansCJKsc-Regular';

/** Read once: pdfkit given the path reads and parses the 20 MB collection for every document, three times slower. */
let fontBytes: Buffer | undefined;
export const cjkFont = (): Buffer => (fontBytes ??= fs.readFileSync(CJK_FONT_FILE));
export { CJK_FONT };

const MARGIN = 56;
const QR_SIZE = 110;

export interface LetterPdfInput {
  text: LetterText;
  recordTitle: string;
  validFrom: string;
  validTo: string | null;
  issuedAt: Date;
  verifyUrl: string;
}

export async function renderLetterPdf(input: LetterPdfInput): Promise<Buffer> {
  const qr = await QRCode.toBuffer(input.verifyUrl, { type: 'png', errorCorrectionLevel: 'M', margin: 1, width: QR_SIZE * 3 });
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, info: { Title: input.text.title, Producer: 'Qudao' } });
  const done = collect(doc);
  doc.registerFont('cjk', cjkFont(), CJK_FONT);
  drawQr(doc, qr);
  drawContent(doc, input);
  drawFacts(doc, input);
  doc.end();
  return done;
}

function collect(doc: PDFKit.PDFDocument): Promise<Buffer> {
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

function drawQr(doc: PDFKit.PDFDocument, png: Buffer): void {
  const x = doc.page.width - MARGIN - QR_SIZE;
  doc.image(png, x, MARGIN - 20, { width: QR_SIZE, height: QR_SIZE });
  doc.font('cjk').fontSize(8).fillColor('#555')
    .text('扫码验证 Scan to verify', x, MARGIN - 20 + QR_SIZE + 2, { width: QR_SIZE, align: 'center' });
}

function drawContent(doc: PDFKit.PDFDocument, input: LetterPdfInput): void {
  const width = doc.page.width - 2 * MARGIN - QR_SIZE - 16;
  doc.font('cjk').fontSize(22).fillColor('#000').text(input.text.title, MARGIN, MARGIN + 20, { width });
  doc.moveDown(2);
  doc.fontSize(12).text(input.text.body, MARGIN, Math.max(doc.y, MARGIN + QR_SIZE + 24), {
    width: doc.page.width - 2 * MARGIN, lineGap: 6,
  });
}

function drawFacts(doc: PDFKit.PDFDocument, input: LetterPdfInput): void {
  doc.moveDown(2);
  const lines = [
    `对应记录 Record: ${input.recordTitle}`,
    `有效期 Valid: ${input.validFrom} 至 ${input.validTo ?? '长期 (no end date)'}`,
    `签发时间 Issued: ${todayInChina(input.issuedAt)}`,
    `验证地址 Verify at: ${input.verifyUrl}`,
  ];
  doc.fontSize(10).fillColor('#333');
  for (const line of lines) doc.text(line, MARGIN, doc.y, { width: doc.page.width - 2 * MARGIN });
}
