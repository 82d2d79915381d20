// A calendar that publishes an iCalendar feed (RFC 5545, text/calendar) over HTTP on loopback, as
// Google Calendar, Outlook or a vendor's "subscribe" link does: the feed's text and its HTTP status
// can be changed between reads, and every read is recorded.
import { listenLoopback, type Listening } from './http-util.ts';

export interface IcsFeed extends Listening {
  /** The feed's URL. */
  feedUrl: string;
  reads: number;
  set(body: string, status?: number): void;
}

export async function startIcsFeed(body: string, path = '/team/oncall.ics'): Promise<IcsFeed> {
  let text = body;
  let status = 200;
  const l = await listenLoopback((req, res) => {
    feed.reads++;
    if (new URL(req.url!, 'http://x').pathname !== path) { res.writeHead(404, { 'content-type': 'text/plain' }); res.end('not found'); return; }
    if (status !== 200) { res.writeHead(status, { 'content-type': 'text/plain' }); res.end('calendar unavailable'); return; }
    res.writeHead(200, { 'content-type': 'text/calendar; charset=utf-8' });
    res.end(text);
  });
  const feed: IcsFeed = Object.assign(l, { feedUrl: `${l.url.replace(/\/$/, '')}${path}`, reads: 0, set(b: string, s = 200) { text = b; status = s; } });
  return feed;
}
