import { describe, expect, it } from 'vitest';
import { decideMime, isInlineType, sniffMime } from './sniff-mime.ts';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]);
const text = (s: string) => new TextEncoder().encode(s);

describe('sniffMime', () => {
  it('knows images and PDF by their magic numbers', () => {
    expect(sniffMime(PNG)).toBe('image/png');
    expect(sniffMime(JPEG)).toBe('image/jpeg');
    expect(sniffMime(text('GIF89a...'))).toBe('image/gif');
    expect(sniffMime(text('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(sniffMime(text('%PDF-1.7\n'))).toBe('application/pdf');
    expect(sniffMime(text('<html><script>alert(1)</script>'))).toBeUndefined();
    expect(sniffMime(new Uint8Array())).toBeUndefined();
  });
});

describe('decideMime', () => {
  it('takes the type of the bytes over the name and the declared type', () => {
    expect(decideMime('photo.jpg', 'image/jpeg', PNG)).toEqual({ mime: 'image/png' });
    expect(decideMime('scan', 'application/octet-stream', text('%PDF-1.4'))).toEqual({ mime: 'application/pdf' });
  });

  it('refuses a file that claims to be an image or a PDF and is not', () => {
    expect(decideMime('cat.png', 'image/png', text('<html>'))).toEqual({ refused: 'image/png' });
    expect(decideMime('cat.png', 'application/octet-stream', text('<html>'))).toEqual({ refused: 'image/png' });
    expect(decideMime('report', 'application/pdf', text('<html>'))).toEqual({ refused: 'application/pdf' });
    expect(decideMime('logo.svg', 'image/svg+xml', text('<svg onload="x()">'))).toEqual({ refused: 'image/svg+xml' });
  });

  it('keeps other declared types, but never active content', () => {
    expect(decideMime('a.csv', 'text/csv; charset=utf-8', text('a,b'))).toEqual({ mime: 'text/csv' });
    expect(decideMime('a.html', 'text/html', text('<html>'))).toEqual({ mime: 'application/octet-stream' });
    expect(decideMime('a.bin', 'not a type', text('x'))).toEqual({ mime: 'application/octet-stream' });
    expect(decideMime('a.bin', undefined, text('x'))).toEqual({ mime: 'application/octet-stream' });
  });

  it('serves inline only what was sniffed', () => {
    expect(isInlineType('image/png')).toBe(true);
    expect(isInlineType('application/pdf')).toBe(true);
    expect(isInlineType('text/csv')).toBe(false);
    expect(isInlineType('image/svg+xml')).toBe(false);
  });
});
