/**
 * E-mail over SMTP with nodemailer, configured by QUDAO_SMTP_URL (e.g. `smtp://user:pass@mail.example.cn:587`,
 * `smtps://…:465`); unset, e-mail is off and says so once in the log. QUDAO_SMTP_FROM sets the sender.
 */
import nodemailer, { type Transporter } from 'nodemailer';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
  html: string;
}

export interface Mailer {
  readonly enabled: boolean;
  send(message: MailMessage): Promise<void>;
  close(): void;
}

export interface MailerLog {
  info(message: string): void;
}

export interface MailerConfig {
  smtpUrl?: string;
  from?: string;
}

export const DEFAULT_FROM = 'Qudao <noreply@qudao.local>';

export function mailerConfig(env: NodeJS.ProcessEnv = process.env): MailerConfig {
  return { smtpUrl: env.QUDAO_SMTP_URL || undefined, from: env.QUDAO_SMTP_FROM || undefined };
}

export function createMailer(config: MailerConfig, log?: MailerLog): Mailer {
  if (!config.smtpUrl) {
    log?.info('e-mail is off: QUDAO_SMTP_URL is not set');
    return { enabled: false, send: async () => {}, close: () => {} };
  }
  const transport: Transporter = nodemailer.createTransport(config.smtpUrl);
  const from = config.from ?? DEFAULT_FROM;
  return {
    enabled: true,
    async send(message) {
      await transport.sendMail({ from, to: message.to, subject: message.subject, text: message.text, html: message.html });
    },
    close: () => transport.close(),
  };
}
