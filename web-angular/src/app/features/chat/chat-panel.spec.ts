import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { describe, expect, it } from '@jest/globals';
import type { ChatResponse } from '@todo/contracts';
import { aTask } from '../../../testing/tasks';
import { byLabel, submit, typeInto } from '../../../testing/dom';
import { ChatPanel } from './chat-panel';
import { provideFixedClock } from '../../../testing/clock';

const flush = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

describe('ChatPanel', () => {
  function setup() {
    TestBed.configureTestingModule({
      providers: [
        provideRouter([]),
        provideHttpClient(),
        provideHttpClientTesting(),
        provideFixedClock('2026-06-15T12:00:00Z', 'Europe/Paris'),
      ],
    });
    const fixture = TestBed.createComponent(ChatPanel);
    fixture.detectChanges();
    return { fixture, el: fixture.nativeElement as HTMLElement, http: TestBed.inject(HttpTestingController) };
  }

  it('sends the message, shows the reply and the action as a card linking to the task', async () => {
    const { fixture, el, http } = setup();
    typeInto(byLabel(el, 'Message'), 'add buy milk tomorrow');
    fixture.detectChanges();
    submit(el.querySelector('form'));
    await flush();
    const request = http.expectOne('/api/chat');
    expect(request.request.body).toEqual({ message: 'add buy milk tomorrow' });
    const response: ChatResponse = {
      conversationId: 'c1',
      reply: 'Added “buy milk”, due tomorrow.',
      actions: [{ kind: 'created', taskId: 't1', title: 'buy milk', version: 1 }],
    };
    request.flush(response);
    await flush();
    http.expectOne('/api/tasks/t1').flush(aTask({ id: 't1', title: 'buy milk' }));
    await flush();
    fixture.detectChanges();

    const log = el.querySelector('[role=log]')!;
    expect(log.textContent).toContain('add buy milk tomorrow');
    expect(log.textContent).toContain('Added “buy milk”, due tomorrow.');
    const card = log.querySelector<HTMLAnchorElement>('a.card')!;
    expect(card.textContent).toContain('Created');
    expect(card.getAttribute('href')).toBe('/task/t1');
    expect((byLabel(el, 'Message') as HTMLInputElement).value).toBe('');
  });

  it('answers a clarifying question by clicking a choice, in the same conversation', async () => {
    const { fixture, el, http } = setup();
    typeInto(byLabel(el, 'Message'), 'complete report');
    submit(el.querySelector('form'));
    await flush();
    const ref = { dueAt: null, allDay: false, priority: 'none' as const, status: 'open' as const };
    http.expectOne('/api/chat').flush({
      conversationId: 'c1',
      reply: 'Which one?',
      actions: [],
      choices: [
        { id: 'a', title: 'Report Q1', ...ref },
        { id: 'b', title: 'Report Q2', ...ref },
      ],
    } satisfies ChatResponse);
    await flush();
    fixture.detectChanges();
    const choice = [...el.querySelectorAll<HTMLButtonElement>('[role=group] button')].find((b) =>
      b.textContent?.includes('Report Q2'),
    )!;
    choice.click();
    await flush();
    expect(http.expectOne('/api/chat').request.body).toEqual({ message: '2', conversationId: 'c1' });
  });

  it('reopens the most recent conversation after a reload', async () => {
    const { fixture, el, http } = setup();
    http.expectOne('/api/chat/conversations').flush({
      items: [{ id: 'c9', title: 'milk', createdAt: '', updatedAt: '' }],
    });
    await flush();
    http.expectOne('/api/chat/conversations/c9/messages').flush({
      items: [
        { id: 'm1', role: 'user', text: 'add milk', actions: [], createdAt: '' },
        {
          id: 'm2',
          role: 'assistant',
          text: 'Added “milk”.',
          actions: [{ kind: 'created', taskId: 't1', title: 'milk', version: 1 }],
          createdAt: '',
        },
      ],
    });
    await flush();
    fixture.detectChanges();
    expect(el.querySelector('[role=log]')?.textContent).toContain('Added “milk”.');
    typeInto(byLabel(el, 'Message'), 'undo');
    fixture.detectChanges();
    submit(el.querySelector('form'));
    await flush();
    expect(http.expectOne('/api/chat').request.body).toEqual({ message: 'undo', conversationId: 'c9' });
  });
});
