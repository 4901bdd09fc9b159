import nodemailer from 'nodemailer';
import { Logger } from '@nestjs/common';

// E-mail through the office's SMTP server (SMTP_URL, e.g. smtp://user:pass@mail.example.gov.cn:587).
// Without SMTP_URL mail is off: the alerts stay in the app and the webhooks still fire.
export interface Mail { to: string[]; subject: string; text: string }
export interface Mailer { send(m: Mail): Promise<void> }

export const MAILER = Symbol('MAILER');

export function smtpMailer(url: string | undefined, from: string): Mailer | undefined {
  if (!url) return undefined;
  const transport = nodemailer.createTransport(url);
  const log = new Logger('mail');
  return {
    async send(m) {
      if (!m.to.length) return;
      // one failed mail must not stop the day's run: the alerts are in the app and in the digest
      try {
        await transport.sendMail({ from, to: m.to, subject: m.subject, text: m.text });
      } catch (e) {
        log.warn(`mail "${m.subject}" to ${m.to.length} recipient(s) not sent: ${(e as Error).message}`);
      }
    },
  };
}
