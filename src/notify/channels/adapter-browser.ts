// In-app browser notifications: a message for a person becomes a live event addressed to that
// person only; every tab they have open on Hotline shows it (Notification API, a tone, a badge on
// the tab). Nothing leaves the server, so there is nothing to configure: the channel always exists.
import { delivered, failed, type Channel, type Delivery, type SendResult } from './channel.ts';

export interface BrowserNotice {
  title: string;
  body: string;
  /** Where the notification leads in the web app (a path such as /pages/12). */
  url: string | null;
}

/** The live event channel's shape: one person, one notice. */
export type PublishNotice = (userId: string, notice: BrowserNotice, id: string) => void;

const BODY_MAX = 300;

/** A page's e-mail subject is `[Hotline] Page #12: title`; a browser shows the title without the tag. */
export function browserNotice(d: Pick<Delivery, 'subject' | 'text'>, url: string | null): BrowserNotice {
  const title = (d.subject ?? '').replace(/^\[Hotline\]\s*/, '').trim() || 'Hotline';
  const first = d.text.split('\n').find((l) => l.trim() !== '') ?? '';
  return { title, body: first.length > BODY_MAX ? `${first.slice(0, BODY_MAX - 1)}…` : first, url };
}

export class BrowserChannel implements Channel {
  readonly kind = 'browser' as const;
  constructor(private readonly publish: PublishNotice, private readonly url: string | null = null) {}

  async send(d: Delivery): Promise<SendResult> {
    // `to` is the person's user id: a browser method reaches every tab that person has open
    if (!d.to) return failed(false, 'no person to notify');
    this.publish(d.to, browserNotice(d, this.url), d.idempotencyKey);
    return delivered(`browser:${d.to}`);
  }
}
