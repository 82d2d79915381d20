// A LISTEN connection that survives its server going away: errors are logged, and it reconnects
// with a growing delay until closed. Without this, a restarted PostgreSQL would crash the node.
import type pg from 'pg';

export interface Listener {
  close(): Promise<void>;
}

export function listen(
  pool: pg.Pool,
  channel: string,
  onNotify: (payload: string | undefined) => void,
  log?: (msg: string) => void,
): Listener {
  let client: { conn: pg.PoolClient; giveBack: (e?: Error) => void } | null = null;
  let closed = false;
  let delay = 250;
  let timer: NodeJS.Timeout | null = null;

  const connect = async () => {
    if (closed) return;
    try {
      const c = await pool.connect();
      let released = false; // the error handler and close() may both want to give it back
      const giveBack = (e?: Error) => {
        if (released) return;
        released = true;
        c.release(e);
      };
      c.on('notification', (n) => n.channel === channel && onNotify(n.payload));
      c.on('error', (e) => {
        log?.(`LISTEN ${channel} lost its connection (${e.message}); reconnecting`);
        giveBack(e);
        if (client?.conn === c) client = null;
        schedule();
      });
      await c.query(`listen ${channel}`);
      client = { conn: c, giveBack };
      delay = 250;
      if (closed) await stop();
    } catch (e) {
      log?.(`LISTEN ${channel} could not connect (${(e as Error).message}); retrying`);
      schedule();
    }
  };
  const schedule = () => {
    if (closed || timer) return;
    timer = setTimeout(() => {
      timer = null;
      void connect();
    }, delay);
    delay = Math.min(delay * 2, 10_000);
  };
  const stop = async () => {
    const c = client;
    client = null;
    if (c) {
      await c.conn.query(`unlisten ${channel}`).catch(() => {});
      c.giveBack();
    }
  };
  void connect();
  return {
    async close() {
      closed = true;
      if (timer) clearTimeout(timer);
      await stop();
    },
  };
}
