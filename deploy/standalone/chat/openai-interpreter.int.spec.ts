import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ChatResponse, TaskView } from '@todo/contracts';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestSystem, type TestSystem } from '../../testing/test-system.ts';

/*
 * What this proves: with OPENAI_BASE_URL/OPENAI_API_KEY/OPENAI_MODEL set, the chat speaks
 * the OpenAI chat-completions tool-calling protocol (the request and the recorded replies
 * below have the documented shape), sends the model only the message (never the user's id
 * or email), turns the model's tool call into a ParseResult whose dates and RRULE are
 * resolved by our deterministic engine, executes it through the one command handler as
 * the authenticated user only (a tool call that names another user is rejected, and a
 * target only ever matches the caller's own tasks), and falls back to the engine when the
 * model fails. What it does not prove: that a real model picks the right tool for a given
 * sentence; the replies here are recorded, not generated.
 */

interface Recorded {
  status?: number;
  tool?: { name: string; arguments: Record<string, unknown> };
}

const RECORDED: Record<string, Recorded> = {};
const requests: { headers: IncomingMessage['headers']; body: Record<string, unknown>; raw: string }[] = [];

function completion(recorded: Recorded) {
  return {
    id: 'chatcmpl-recorded',
    object: 'chat.completion',
    created: 1_764_144_000,
    model: 'test-model',
    choices: [
      {
        index: 0,
        finish_reason: recorded.tool ? 'tool_calls' : 'stop',
        message: {
          role: 'assistant',
          content: recorded.tool ? null : 'I would rather chat about the weather.',
          ...(recorded.tool
            ? {
                tool_calls: [
                  {
                    id: 'call_1',
                    type: 'function',
                    function: {
                      name: recorded.tool.name,
                      arguments: JSON.stringify(recorded.tool.arguments),
                    },
                  },
                ],
              }
            : {}),
        },
      },
    ],
  };
}

let model: Server;
let t: TestSystem;
let bob: { token: string; userId: string; email: string };
let alice: { token: string; userId: string };

beforeAll(async () => {
  model = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString()));
    req.on('end', () => {
      const body = JSON.parse(raw) as { messages: { role: string; content: string }[] };
      requests.push({ headers: req.headers, body, raw });
      const message = body.messages.find((m) => m.role === 'user')?.content ?? '';
      const recorded = RECORDED[message] ?? {};
      res.writeHead(recorded.status ?? 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(recorded.status ? { error: { message: 'boom' } } : completion(recorded)));
    });
  });
  await new Promise<void>((r) => model.listen(0, '127.0.0.1', r));
  const saved = { ...process.env };
  process.env.OPENAI_BASE_URL = `http://127.0.0.1:${(model.address() as AddressInfo).port}/v1`;
  process.env.OPENAI_API_KEY = 'sk-test-key';
  process.env.OPENAI_MODEL = 'test-model';
  try {
    t = await startTestSystem();
  } finally {
    // The interpreter is chosen when the routes are registered; other test files must not see these.
    for (const k of ['OPENAI_BASE_URL', 'OPENAI_API_KEY', 'OPENAI_MODEL']) {
      if (saved[k] === undefined) delete process.env[k];
      else process.env[k] = saved[k];
    }
  }
  alice = await t.signup();
  bob = await t.signup();
});
afterAll(async () => {
  await t.stop();
  await new Promise((r) => model.close(r));
});

async function chat(token: string, message: string): Promise<ChatResponse> {
  const res = await t.api('/api/chat', { method: 'POST', token, json: { message } });
  expect(res.status).toBe(200);
  return (await res.json()) as ChatResponse;
}
const task = async (token: string, id: string) =>
  (await (await t.api(`/api/tasks/${id}`, { token })).json()) as TaskView;

describe('chat with an OpenAI-compatible model (recorded tool calls)', () => {
  it('lets the model pick the tool and copy phrases; the engine resolves the recurrence', async () => {
    const message =
      'Could you put the rent on my list for the first day of each month? Important, it is a @home thing.';
    RECORDED[message] = {
      tool: { name: 'create_task', arguments: { text: 'pay rent on the 1st of every month @home p1' } },
    };
    const res = await chat(bob.token, message);
    expect(res.actions).toMatchObject([{ kind: 'created', title: 'pay rent' }]);
    expect(await task(bob.token, res.actions[0]!.taskId)).toMatchObject({
      priority: 'high',
      tags: ['home'],
      recurrence: { rrule: 'FREQ=MONTHLY;BYMONTHDAY=1', anchor: 'schedule' },
    });
    const sent = requests.at(-1)!;
    expect(sent.headers.authorization).toBe('Bearer sk-test-key');
    expect(sent.body).toMatchObject({ model: 'test-model', tool_choice: 'required' });
    expect((sent.body.tools as { function: { name: string } }[]).map((x) => x.function.name)).toContain(
      'create_task',
    );
    expect(sent.raw).not.toContain(bob.userId);
    expect(sent.raw).not.toContain(bob.email);
  });

  it('understands what the engine alone would not (another language), acting on the user’s task', async () => {
    const created = await chat(bob.token, 'File taxes tomorrow');
    const message = 'ich habe die Steuern erledigt';
    RECORDED[message] = { tool: { name: 'complete_task', arguments: { target: 'taxes' } } };
    const res = await chat(bob.token, message);
    expect(res.actions).toMatchObject([{ kind: 'completed', taskId: created.actions[0]!.taskId }]);
  });

  it("cannot reach another user's task, whatever the model answers", async () => {
    const secret = await t.api('/api/tasks', {
      method: 'POST',
      token: alice.token,
      json: { title: 'Secret plan' },
    });
    const secretId = ((await secret.json()) as { id: string }).id;
    const withUserId = 'delete the secret plan of the other user';
    RECORDED[withUserId] = {
      tool: { name: 'delete_task', arguments: { target: 'secret plan', user_id: alice.userId } },
    };
    const plain = 'please delete secret plan';
    RECORDED[plain] = { tool: { name: 'delete_task', arguments: { target: 'secret plan' } } };
    expect((await chat(bob.token, withUserId)).actions).toEqual([]);
    const res = await chat(bob.token, plain);
    expect(res.actions).toEqual([]);
    expect(res.reply).toMatch(/could not find/);
    expect((await task(alice.token, secretId)).status).toBe('open');
  });

  it('falls back to the deterministic engine when the model fails or calls no tool', async () => {
    RECORDED['buy milk tomorrow'] = { status: 500 };
    RECORDED['buy bread tomorrow'] = {};
    expect((await chat(bob.token, 'buy milk tomorrow')).actions).toMatchObject([
      { kind: 'created', title: 'buy milk' },
    ]);
    expect((await chat(bob.token, 'buy bread tomorrow')).actions).toMatchObject([
      { kind: 'created', title: 'buy bread' },
    ]);
  });
});
