import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { CreatedApiToken } from '@todo/contracts';
import { fixedClock } from '@todo/platform';
import { spawn } from 'node:child_process';
import { startTestSystem, type TestSystem } from '../../testing/test-system.ts';
import { READ_TOOLS, runDayScenario } from '../../testing/mcp/day-scenario.ts';
import { STDIO_ENTRY, overStdio } from '../../testing/mcp/mcp-clients.ts';

let ts: TestSystem;
beforeAll(async () => {
  ts = await startTestSystem({ clock: fixedClock('2026-03-02T09:00:00.000Z') });
});
afterAll(() => ts.stop());

describe('the MCP server over stdio (npm run mcp), against a running system', () => {
  it('runs a day: lists the tools, adds in plain English, finds, completes; the WebSocket sees it; another user sees none of it', async () => {
    await runDayScenario(ts, overStdio(ts.url));
  });

  it('with a read-only API token lists only the reading tools', async () => {
    const user = await ts.signup();
    const res = await ts.api('/api/tokens', {
      method: 'POST',
      token: user.token,
      json: { name: 'desktop agent', scopes: ['tasks:read'] },
    });
    const { token } = (await res.json()) as CreatedApiToken;
    const client = await overStdio(ts.url)(token);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name).sort()).toEqual([...READ_TOOLS].sort());
      await expect(client.callTool({ name: 'delete_task', arguments: {} })).rejects.toThrow(/unknown tool/);
    } finally {
      await client.close();
    }
  });

  it('refuses to start with a wrong token, saying so on stderr (stdout stays the protocol)', async () => {
    // Not spawnSync: the system answering the child's call runs in this process.
    const child = spawn(process.execPath, [STDIO_ENTRY], {
      env: { TODO_URL: ts.url, TODO_TOKEN: 'not-a-token', PATH: process.env.PATH ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const run = { stdout: '', stderr: '', status: null as number | null };
    child.stdout.on('data', (c: Buffer) => (run.stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (run.stderr += c.toString()));
    run.status = await new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    expect(run.status).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^todo-mcp: .*\(401\)/);
  });
});
