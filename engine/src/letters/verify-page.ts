/**
 * The public check of a letter as one server-rendered HTML page: no script, no outside resource, readable in WeChat's
 * in-app browser on a phone. The status comes first and large; the letter's original words sit beside the facts of
 * issue, so a reader can compare them with the paper in hand (forgers copy letters and fake check pages). Every
 * value is HTML-escaped.
 */
import type { Letter } from './letter-store.ts';
import { LETTER_STATUS_LABELS, type LetterStatus } from './letter-status.ts';

const COLORS: Record<LetterStatus, string> = {
  valid: '#237804', notYetValid: '#ad6800', expired: '#ad6800', revoked: '#a8071a', superseded: '#a8071a',
};

const escape = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const paragraphs = (text: string) => text.split(/\r?\n/).map((line) => `<p>${escape(line) || '&nbsp;'}</p>`).join('');

export function verifyPageHtml(letter: Letter, pdfHref: string): string {
  const label = LETTER_STATUS_LABELS[letter.status];
  return page(`${label['zh-CN']} · ${escape(letter.content['zh-CN'].title)}`, `
<div class="status" style="background:${COLORS[letter.status]}" role="status">
  <div class="big">${escape(label['zh-CN'])}</div><div>${escape(label.en)}</div>
</div>
${notice(letter)}
<div class="cols">
  <section class="letter">
    <h2>授权书原文 <small>Original letter</small></h2>
    <h1>${escape(letter.content['zh-CN'].title)}</h1>${paragraphs(letter.content['zh-CN'].body)}
    <details><summary>English</summary><h3>${escape(letter.content.en.title)}</h3>${paragraphs(letter.content.en.body)}</details>
  </section>
  <section class="facts">
    <h2>签发信息 <small>Facts of issue</small></h2>
    <dl>
      <dt>对应记录 Record</dt><dd>${escape(letter.recordTitle)}</dd>
      <dt>有效期 Valid</dt><dd>${escape(letter.validFrom)} 至 to ${escape(letter.validTo ?? '长期 no end date')}</dd>
      <dt>签发时间 Issued</dt><dd>${escape(shanghaiTime(letter.issuedAt))}</dd>
      <dt>编号 Letter id</dt><dd class="id">${escape(letter.id)}</dd>
    </dl>
    <p><a class="pdf" href="${escape(pdfHref)}">下载原件 PDF · Download the PDF</a></p>
  </section>
</div>
<footer>本页由签发系统生成，请核对网址与纸质授权书二维码一致。This page is served by the issuing system; check that its address matches the QR code on the paper letter.</footer>`);
}

export function unknownLetterHtml(): string {
  return page('未找到 Not found', `
<div class="status" style="background:#595959" role="status"><div class="big">未找到</div><div>Not found</div></div>
<p>没有与此验证码对应的授权书。No letter matches this verification code.</p>`);
}

function notice(letter: Letter): string {
  if (letter.status === 'revoked') {
    const reason = letter.revokedReason ? `：${escape(letter.revokedReason)}` : '';
    return `<p class="notice">撤销于 Revoked on ${escape(shanghaiTime(letter.revokedAt ?? ''))}${reason}</p>`;
  }
  if (letter.status === 'superseded') return `<p class="notice">已有更新的授权书替换本件，请向出具方索取最新版本。A newer letter replaced this one.</p>`;
  return '';
}

function shanghaiTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return `${new Date(date.getTime() + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ')} (UTC+8)`;
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${title}</title>
<style>
body{margin:0;font-family:-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#1f1f1f;background:#f5f5f5;line-height:1.6}
main{max-width:960px;margin:0 auto;padding:12px}
.status{color:#fff;border-radius:8px;padding:16px;text-align:center}.big{font-size:2.2em;font-weight:700;letter-spacing:.1em}
.notice{background:#fff1f0;border:1px solid #ffa39e;border-radius:6px;padding:8px 12px}
.cols{display:flex;flex-wrap:wrap;gap:12px;margin-top:12px}
section{background:#fff;border-radius:8px;padding:12px 16px;flex:1 1 300px;min-width:0}
h1{font-size:1.3em}h2{font-size:1em;color:#595959;border-bottom:1px solid #eee;padding-bottom:4px}small{font-weight:400}
p{margin:.3em 0;word-wrap:break-word}dt{color:#8c8c8c;font-size:.9em}dd{margin:0 0 8px}.id{font-family:monospace;font-size:.85em;word-break:break-all}
.pdf{display:inline-block;padding:8px 14px;background:#1677ff;color:#fff;border-radius:6px;text-decoration:none}
footer{color:#8c8c8c;font-size:.8em;margin:16px 0}
</style></head><body><main>${body}</main></body></html>`;
}
