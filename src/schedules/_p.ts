import { run } from '../../bench/schedules.bench.ts';
const r = await run({ runs: 200 });
console.log(r.onCallNow500MedianMs, r.onCallNow500CpuMedianMs);
