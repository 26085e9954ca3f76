/**
 * `notify(userIds, templateName, record)`: renders a `template` document once per recipient, with the record as
 * that recipient may read it (RecordService.get under their principal: rows they can't see skip them, fields
 * they can't read are absent, so a template never shows what its reader couldn't open), then delivers it in-app
 * and by e-mail. Users have no locale yet: every recipient gets zh-CN.
 */
import type { Knex } from 'knex';
import { scanTemplate } from '../../../metadata/src/template-syntax.ts';
import type { Locale, PicklistOption, TemplateDoc } from '../../../metadata/src/types.ts';
import { QudaoError } from '../errors/catalog.ts';
import type { RecordService } from '../records/record-service.ts';
import type { RecordData } from '../records/row-mapping.ts';
import type { Registry } from '../registry.ts';
import type { Principal } from '../security/principal.ts';
import { principalFromRow } from '../security/user-store.ts';
import { storeNotifications, type NewNotification } from './inbox.ts';
import { emailedAlready, markEmailed } from './email-marks.ts';
import { createMailer, mailerConfig, type MailMessage, type Mailer } from './mailer.ts';
import { parseBaseUrl } from './format.ts';
import { renderTemplate } from './render.ts';

export const DEFAULT_LOCALE: Locale = 'zh-CN';

export interface NotifierDeps {
  knex: Knex;
  registry: Pick<Registry, 'documents' | 'object'>;
  records: Pick<RecordService, 'get' | 'scope'>;
  mailer: Mailer;
  baseUrl?: URL;
  log?: { warn(details: object, message: string): void };
}

export interface NotifyResult {
  /** In-app notifications this call stored (a keyed call that ran before stores none again). */
  inApp: number;
  /** E-mails this call sent. */
  emailed: number;
  /** Recipients left out: unknown or inactive user, or a record they can't read. */
  skipped: { userId: string; reason: 'no_user' | 'cannot_read' }[];
  /** E-mails the SMTP server refused or that could not be sent (the in-app copy is stored regardless). */
  emailFailures: { userId: string; error: string }[];
}

export interface NotifyOptions {
  /**
   * Makes the call idempotent per recipient (the notification job's key): a recipient who has the in-app row of this
   * key gets no second one, and one already e-mailed for it no second e-mail.
   */
  key?: string;
}

type Mail = MailMessage & { userId: string };

interface Rendered {
  inApp: NewNotification[];
  mails: Mail[];
  skipped: NotifyResult['skipped'];
}

export class Notifier {
  constructor(private readonly deps: NotifierDeps) {}

  async notify(userIds: readonly string[], templateName: string, record?: { id: string }, options: NotifyOptions = {}): Promise<NotifyResult> {
    const template = this.templateOrThrow(templateName);
    const { inApp, mails, skipped } = await this.renderForRecipients(template, userIds, record);
    const stored = await storeNotifications(this.deps.knex, inApp.map((n) => ({ ...n, dedupeKey: options.key })));
    const result: NotifyResult = { inApp: stored.length, emailed: 0, skipped, emailFailures: [] };
    await this.sendMails(template.name, mails, options.key, result);
    return result;
  }

  private templateOrThrow(name: string): TemplateDoc {
    const template = this.deps.registry.documents('template').find((d) => d.name === name) as TemplateDoc | undefined;
    if (!template) throw new QudaoError('DOCUMENT_NOT_FOUND', [], { 'zh-CN': `没有名为 ${name} 的模板`, en: `There is no template named ${name}` });
    return template;
  }

  private async renderForRecipients(template: TemplateDoc, userIds: readonly string[], record?: { id: string }): Promise<Rendered> {
    const channels = new Set(template.channels ?? ['inApp', 'email']);
    const users = await this.deps.knex('qd_users').whereIn('id', [...new Set(userIds)].filter(isUuid)).where({ active: true });
    const byId = new Map(users.map((u) => [u.id as string, u]));
    const rendered: Rendered = { inApp: [], mails: [], skipped: [] };
    for (const userId of new Set(userIds)) {
      const user = byId.get(userId);
      if (!user) { rendered.skipped.push({ userId, reason: 'no_user' }); continue; }
      const visible = template.object && record ? await this.readAs(template, record.id, principalFromRow(user)) : {};
      if (!visible) { rendered.skipped.push({ userId, reason: 'cannot_read' }); continue; }
      const message = renderTemplate(template, visible, DEFAULT_LOCALE, { baseUrl: this.deps.baseUrl, object: template.object, optionsAt: this.optionsAt(template.object) });
      if (channels.has('inApp')) {
        rendered.inApp.push({ userId, template: template.name, object: template.object ?? null, recordId: record?.id ?? null, subject: message.subject, body: message.text });
      }
      if (channels.has('email') && this.deps.mailer.enabled && typeof user.email === 'string' && user.email) {
        rendered.mails.push({ userId, to: user.email, ...message });
      }
    }
    return rendered;
  }

  /** Sends each mail, leaving out those already sent for `key`, and marks each sent one right after the SMTP server took it. */
  private async sendMails(templateName: string, mails: Mail[], key: string | undefined, result: NotifyResult): Promise<void> {
    const sent = key ? await emailedAlready(this.deps.knex, key, mails.map((m) => m.userId)) : new Set<string>();
    for (const { userId, ...mail } of mails.filter((m) => !sent.has(m.userId))) {
      try {
        await this.deps.mailer.send(mail);
      } catch (error) {
        result.emailFailures.push({ userId, error: (error as Error).message });
        this.deps.log?.warn({ userId, template: templateName, err: error }, 'notification e-mail failed');
        continue;
      }
      if (key) await markEmailed(this.deps.knex, key, userId);
      result.emailed++;
    }
  }

  /** The record as the principal reads it, with the lookups the template follows expanded (two deep at most); undefined if it can't. */
  private async readAs(template: TemplateDoc, id: string, principal: Principal): Promise<RecordData | undefined> {
    if (!isUuid(id)) return undefined;
    const ctx = { principal };
    const paths = [template.subject, template.body]
      .flatMap((label) => Object.values(label ?? {}).flatMap((text) => scanTemplate(text).paths))
      .map((path) => path.split('.'))
      .filter((parts) => parts.length > 1);
    const record = await this.getOrUndefined(template.object!, id, this.expandable(template.object!, paths.map((p) => p[0]), ctx), ctx);
    if (!record) return undefined;
    for (const head of new Set(paths.map((p) => p[0]))) {
      const target = this.deps.registry.object(template.object!)?.fields.get(head)?.target;
      const linked = record[head] as RecordData | undefined;
      const seconds = paths.filter((p) => p.length > 2 && p[0] === head).map((p) => p[1]);
      if (!seconds.length || !target || typeof linked !== 'object' || linked === null || typeof linked.id !== 'string') continue;
      const deeper = await this.getOrUndefined(target, linked.id, this.expandable(target, seconds, ctx), ctx);
      if (deeper) record[head] = deeper;
    }
    return record;
  }

  /** The picklist options at a record path of `objectName` (`type`, `dealer.tier`), for `{{label …}}`. */
  private optionsAt(objectName: string | undefined): (path: string) => readonly PicklistOption[] | undefined {
    return (path) => {
      const parts = path.split('.');
      let object = objectName === undefined ? undefined : this.deps.registry.object(objectName);
      for (const lookup of parts.slice(0, -1)) object = this.deps.registry.object(object?.fields.get(lookup)?.target ?? '');
      return object?.fields.get(parts[parts.length - 1])?.options;
    };
  }

  /** Lookup fields the principal may read (RecordService refuses to expand others). */
  private expandable(objectName: string, names: string[], ctx: { principal: Principal }): string[] {
    const object = this.deps.registry.object(objectName);
    if (!object) return [];
    const scope = this.deps.records.scope(ctx);
    return [...new Set(names)].filter((name) => {
      const def = object.fields.get(name);
      return def !== undefined && (def.type === 'lookup' || def.type === 'master_detail') && scope.canRead(object, name);
    });
  }

  /** Not found and not readable are the same answer to a principal: 404. */
  private async getOrUndefined(object: string, id: string, expand: string[], ctx: { principal: Principal }): Promise<RecordData | undefined> {
    try {
      return await this.deps.records.get(object, id, { expand }, ctx);
    } catch (error) {
      if (error instanceof QudaoError && error.status === 404) return undefined;
      throw error;
    }
  }
}

function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

/**
 * The app's notifier, configured from the environment: QUDAO_SMTP_URL / QUDAO_SMTP_FROM (mailer.ts) and
 * QUDAO_PUBLIC_URL, the http(s) base of record links (unset: `{{link}}` renders empty).
 */
export function createNotifier(
  deps: Omit<NotifierDeps, 'mailer' | 'baseUrl'> & { log: NotifierDeps['log'] & { info(message: string): void } },
  env: NodeJS.ProcessEnv = process.env,
): Notifier & { close(): void } {
  const mailer = createMailer(mailerConfig(env), deps.log);
  const notifier = new Notifier({ ...deps, mailer, baseUrl: env.QUDAO_PUBLIC_URL ? parseBaseUrl(env.QUDAO_PUBLIC_URL) : undefined });
  return Object.assign(notifier, { close: () => mailer.close() });
}
