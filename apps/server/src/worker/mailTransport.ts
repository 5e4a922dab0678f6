import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import nodemailer from 'nodemailer';

export interface MailMessage {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** One per delivery: the file name in the mail folder, and a header for de-duplication downstream. */
  idempotencyKey: string;
}

export interface MailSender {
  send(message: MailMessage): Promise<void>;
  close(): void;
}

/** Safe as a file name: the key is ours, but a name never escapes the folder whatever it holds. */
function fileNameFor(key: string): string {
  return `${key.replace(/[^A-Za-z0-9._-]/g, '_').slice(0, 200)}.eml`;
}

/** The same message over SMTP and into the mail folder. */
function nodemailerMessage(m: MailMessage) {
  return {
    from: m.from,
    to: m.to,
    subject: m.subject,
    text: m.text,
    html: m.html,
    headers: { 'Idempotency-Key': m.idempotencyKey },
  };
}

/**
 * SMTP_URL set: nodemailer over SMTP. Unset (the embedded default): each message rendered by
 * nodemailer's stream transport into DATA_DIR/mail/<idempotency-key>.eml (written to a temporary name
 * and renamed, so a reader never sees half a file; a redelivery overwrites the same file).
 */
export function createMailSender(opts: { smtpUrl: string | null; mailDir: string }): MailSender {
  if (opts.smtpUrl) {
    const transport = nodemailer.createTransport(opts.smtpUrl);
    return {
      async send(m) {
        await transport.sendMail(nodemailerMessage(m));
      },
      close: () => transport.close(),
    };
  }
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  let folderReady: Promise<unknown> | null = null;
  return {
    async send(m) {
      folderReady ??= mkdir(opts.mailDir, { recursive: true });
      await folderReady;
      const info = await transport.sendMail(nodemailerMessage(m));
      const file = join(opts.mailDir, fileNameFor(m.idempotencyKey));
      const temporary = `${file}.${process.pid}.tmp`;
      await writeFile(temporary, info.message as Buffer);
      await rename(temporary, file);
    },
    close: () => transport.close(),
  };
}
