import { Temporal } from '../kernel/time.ts';
const i = Temporal.Instant.fromEpochMilliseconds(1.7e12);
let s = 0; const t0 = performance.now();
for (let k = 0; k < 100000; k++) s += i.epochMilliseconds;
console.log('epochMs getter ns', (performance.now() - t0) * 10);
