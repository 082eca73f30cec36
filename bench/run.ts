import { cpus, freemem, totalmem, type as osType, release } from 'node:os';
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `npm run bench [-- name…]`: runs every benchmark module in bench/ (or the named ones) and
 * writes docs/benchmarks.md with the machine, the command and the figures.
 */
const ALL = ['foundation', 'reminders', 'recurrence', 'realtime', 'nl', 'kafka'];
const here = resolve(fileURLToPath(import.meta.url), '..');
const wanted = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const names = (wanted.length ? wanted : ALL).filter((n) => existsSync(resolve(here, `${n}.ts`)));

const sections: string[] = [];
for (const name of names) {
  process.stderr.write(`[bench] ${name}…\n`);
  const started = Date.now();
  try {
    const mod = (await import(resolve(here, `${name}.ts`))) as { run(): Promise<string> };
    sections.push(await mod.run());
    process.stderr.write(`[bench] ${name} done in ${((Date.now() - started) / 1000).toFixed(0)} s\n`);
  } catch (error) {
    sections.push(`## ${name}\n\nFAILED: ${(error as Error).stack ?? String(error)}\n`);
    process.stderr.write(`[bench] ${name} failed: ${String(error)}\n`);
    process.exitCode = 1;
  }
}

const cpu = cpus();
const header = [
  '# Benchmarks',
  '',
  `Written by \`npm run bench${wanted.length ? ` -- ${wanted.join(' ')}` : ''}\` on ${new Date().toISOString()}.`,
  '',
  `Machine: ${cpu.length} × ${cpu[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM (${(freemem() / 2 ** 30).toFixed(1)} GiB free at start), ${osType()} ${release()}, Node ${process.version}.`,
  '',
].join('\n');
const out = resolve(here, '../docs/benchmarks.md');
writeFileSync(out, `${header}\n${sections.join('\n')}`);
process.stderr.write(`[bench] wrote ${out}\n`);
