import pg from 'pg';

/** One dedicated connection that LISTENs on a channel and calls back on each NOTIFY. */
export async function listen(
  connectionString: string,
  channel: string,
  onNotify: (payload: string) => void,
  onError: (error: Error) => void,
): Promise<{ close(): Promise<void> }> {
  const client = new pg.Client({ connectionString });
  client.on('notification', (msg) => onNotify(msg.payload ?? ''));
  client.on('error', onError);
  await client.connect();
  await client.query(`listen ${channel}`);
  return { close: () => client.end().catch(() => undefined) };
}
