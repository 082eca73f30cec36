import { loadConfig, openDatabase, runCli } from '@todo/platform';
import { parseArgs } from 'node:util';
import { rebuildTasks } from './rebuild-tasks.ts';

const USAGE = `usage: npm run replay -- tasks [--dry-run]

Rebuilds the tasks projection (with the lists read model) from position 0 of the log into a fresh table, shows
progress, swaps it in (unless --dry-run) and prints checksums of the rebuilt and the live
projection so that two builds can be compared. Uses DATABASE_URL, or the embedded
PostgreSQL under DATA_DIR (attaching to it if \`npm start\` is running).`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { 'dry-run': { type: 'boolean', default: false }, help: { type: 'boolean', default: false } },
});

if (values.help || positionals[0] !== 'tasks') {
  process.stderr.write(`${USAGE}\n`);
  process.exit(values.help ? 0 : 2);
}

await runCli(async () => {
  const db = await openDatabase(loadConfig());
  try {
    const started = Date.now();
    let lastPrint = 0;
    const result = await rebuildTasks(db.knex, {
      swap: !values['dry-run'],
      onProgress: ({ applied, total }) => {
        if (Date.now() - lastPrint < 500 && applied < total) return;
        lastPrint = Date.now();
        const pct = total ? Math.min(100, Math.round((applied / total) * 100)) : 100;
        process.stderr.write(`replayed ${applied}/${total} events (${pct}%)\n`);
      },
    });
    const match =
      result.checksum.md5 === result.liveChecksum.md5 &&
      result.lists.checksum.md5 === result.lists.liveChecksum.md5;
    process.stdout.write(
      [
        `events replayed: ${result.events} in ${Date.now() - started} ms`,
        `rebuilt  tasks: ${result.checksum.rows} rows, checksum ${result.checksum.md5}`,
        `live     tasks: ${result.liveChecksum.rows} rows, checksum ${result.liveChecksum.md5}`,
        `rebuilt  lists: ${result.lists.checksum.rows} rows, checksum ${result.lists.checksum.md5}`,
        `live     lists: ${result.lists.liveChecksum.rows} rows, checksum ${result.lists.liveChecksum.md5}`,
        match
          ? 'checksums match'
          : `CHECKSUMS DIFFER${result.swapped ? ': the live table was replaced by the rebuilt one' : ''}`,
        result.swapped ? 'rebuilt table swapped in' : 'dry run: rebuilt table dropped',
      ].join('\n') + '\n',
    );
    return match || result.swapped ? 0 : 1;
  } finally {
    await db.close();
  }
});
