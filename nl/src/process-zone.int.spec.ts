import { describe, expect, it } from '@jest/globals';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const corpus = fileURLToPath(new URL('./testing/corpus.ts', import.meta.url));
const evaluation = fileURLToPath(new URL('./testing/evaluate.ts', import.meta.url));

// The engine resolves dates in the user's zone from a given "now"; the zone of the server
// process must not matter. Jest sandboxes process.env, so each zone gets its own process.
const script = `
  const { loadCorpus } = await import(${JSON.stringify(corpus)});
  const { evaluate } = await import(${JSON.stringify(evaluation)});
  const { misses } = evaluate(loadCorpus());
  console.log(JSON.stringify(misses.map((m) => m.text + ' → ' + m.actual)));
`;

describe('natural-language engine in any process zone', () => {
  it('reads the whole corpus the same on a server at UTC-11 and at UTC+14', async () => {
    const zones = ['Pacific/Pago_Pago', 'Pacific/Kiritimati'];
    const results = await Promise.all(
      zones.map(async (TZ) => {
        const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
          env: { ...process.env, TZ },
        });
        return [TZ, JSON.parse(stdout.trim().split('\n').at(-1)!)];
      }),
    );
    expect(results).toEqual(zones.map((zone) => [zone, []]));
  });
});
