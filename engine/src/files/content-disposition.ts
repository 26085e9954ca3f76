/** `Content-Disposition` with the file's name as RFC 6266 / RFC 5987 put it: an ASCII fallback, then UTF-8. */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encodeRfc5987(name)}`;
}

/** Percent-encoding of everything but RFC 5987's attr-char. */
function encodeRfc5987(text: string): string {
  return encodeURIComponent(text).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** A name as stored: the last path segment, no control characters, at most 255 characters; never empty. */
export function cleanFileName(given: string | undefined): string {
  const base = (given ?? '').split(/[\\/]/).pop() ?? '';
  const clean = base.replace(/[\u0000-\u001f\u007f]/g, '').trim().slice(0, 255);
  return clean.isWellFormed() && clean !== '' && clean !== '.' && clean !== '..' ? clean : 'file';
}
