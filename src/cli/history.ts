// RP-3: the options every history list shares on the command line (period, search, a page of
// results at a time), turned into the API's query string. The server checks them: a bad period is
// its 400, shown as a message with exit code 2.
import type { Command } from 'commander';

export function historyOptions(cmd: Command): Command {
  return cmd
    .option('--since <ISO>', 'started at or after this instant, e.g. 2026-11-01T00:00:00Z')
    .option('--until <ISO>', 'started before this instant')
    .option('--search <WORDS>', 'words of the title or subject, or the number')
    .option('--limit <N>', 'at most N results (1 to 500)')
    .option('--offset <N>', 'skip the first N results (the nextOffset of the previous answer)');
}

export function historyParams(o: { since?: string; until?: string; search?: string; limit?: string; offset?: string }, qs: URLSearchParams): URLSearchParams {
  if (o.since) qs.set('from', o.since);
  if (o.until) qs.set('to', o.until);
  if (o.search) qs.set('q', o.search);
  if (o.limit) qs.set('limit', o.limit);
  if (o.offset) qs.set('offset', o.offset);
  return qs;
}
