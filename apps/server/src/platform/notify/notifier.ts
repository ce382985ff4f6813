/**
 * Notifications (SMS, e-mail, in-app, robocall tasks) through provider adapters. The built-in
 * `outbox` provider stores each message so the console's Outbox page shows it — what demos and
 * tests use to read one-time codes. A real provider implements `NotificationProvider` and is
 * chosen by `XINDAI_SMS_PROVIDER` (see docs/notifications.md).
 */
import type { Queryable } from '../db/open.ts'
import { notifications } from '../db/schema.ts'
import { maskPhone, type PiiCipher } from '../pii.ts'

export type Channel = 'sms' | 'email' | 'inapp' | 'robocall'

export type OutgoingMessage = {
  institutionId: string | null
  channel: Channel
  recipient: string
  template: string
  subject?: string
  body: string
}

export type NotificationProvider = {
  name: string
  /** delivers the message; throws on failure. The outbox provider delivers by storing. */
  deliver(message: OutgoingMessage): Promise<void>
}

export const outboxProvider: NotificationProvider = { name: 'outbox', deliver: async () => {} }

export type Notifier = {
  /** Records and delivers one message inside the caller's transaction. */
  send(tx: Queryable, message: OutgoingMessage): Promise<string>
}

export function createNotifier(
  pii: PiiCipher,
  providers: Partial<Record<Channel, NotificationProvider>> = {},
): Notifier {
  return {
    async send(tx, message) {
      const provider = providers[message.channel] ?? outboxProvider
      let status = 'sent'
      let error: string | null = null
      try {
        await provider.deliver(message)
      } catch (err) {
        status = 'failed'
        error = (err as Error).message.slice(0, 500)
      }
      const masked =
        message.channel === 'sms' || message.channel === 'robocall'
          ? maskPhone(message.recipient)
          : maskEmail(message.recipient)
      const [row] = await tx
        .insert(notifications)
        .values({
          institutionId: message.institutionId,
          channel: message.channel,
          provider: provider.name,
          recipientEnc: pii.encrypt(message.recipient),
          recipientHash: pii.blindIndex(message.recipient),
          recipientMasked: masked,
          template: message.template,
          subject: message.subject ?? null,
          body: message.body,
          status,
          error,
          sentAt: status === 'sent' ? new Date() : null,
        })
        .returning({ id: notifications.id })
      return row!.id
    },
  }
}

function maskEmail(v: string): string {
  const [user = '', domain = ''] = v.split('@')
  return `${user.slice(0, 1)}***@${domain}`
}
