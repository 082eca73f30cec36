import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { beforeEach, describe, expect, it } from '@jest/globals';
import { aTask } from '../../../testing/tasks';
import { ToastService } from '../notifications/toast-service';
import { TaskActions } from './task-actions';
import { provideFixedClock } from '../../../testing/clock';

const flush = async () => {
  for (let i = 0; i < 10; i++) await Promise.resolve();
};

describe('TaskActions', () => {
  let http: HttpTestingController;
  let toasts: ToastService;
  let actions: TaskActions;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideFixedClock('2026-06-15T12:00:00Z', 'Europe/Paris'),
      ],
    });
    http = TestBed.inject(HttpTestingController);
    toasts = TestBed.inject(ToastService);
    actions = TestBed.inject(TaskActions);
  });

  it('completes, and Undo in the toast reopens', async () => {
    const task = aTask({ id: 't1', title: 'Pay rent' });
    const done = actions.complete(task);
    http.expectOne({ method: 'POST', url: '/api/tasks/t1/complete' }).flush({ id: 't1', version: 2 });
    await flush();
    http.expectOne('/api/tasks/t1').flush(aTask({ id: 't1', status: 'completed', version: 2 }));
    await done;
    const toast = toasts.toasts()[0]!;
    expect(toast.message).toBe('Completed “Pay rent”');

    void toasts.runAction(toast, toast.actions[0]!);
    await flush();
    http.expectOne({ method: 'POST', url: '/api/tasks/t1/reopen' }).flush({ id: 't1', version: 3 });
    await flush();
    http.expectOne('/api/tasks/t1').flush(aTask({ id: 't1', version: 3 }));
    await flush();
    // Undoing does not offer to undo the undo.
    expect(toasts.toasts()).toEqual([]);
  });

  it('deletes, and Undo creates the task again with the same fields', async () => {
    const task = aTask({ id: 't1', title: 'Pay rent', priority: 'high', tags: ['home'] });
    const done = actions.delete(task);
    http
      .expectOne({ method: 'DELETE', url: '/api/tasks/t1' })
      .flush(null, { status: 204, statusText: 'No Content' });
    await done;
    const toast = toasts.toasts()[0]!;
    void toasts.runAction(toast, toast.actions[0]!);
    await flush();
    const create = http.expectOne({ method: 'POST', url: '/api/tasks' });
    expect(create.request.body).toMatchObject({ title: 'Pay rent', priority: 'high', tags: ['home'] });
  });

  it('shows the server error as a toast when a write fails', async () => {
    const done = actions.reopen(aTask({ id: 't1' }));
    http
      .expectOne('/api/tasks/t1/reopen')
      .flush(
        { type: 'x', title: 'Conflict', status: 409, detail: 'the task is deleted' },
        { status: 409, statusText: 'Conflict' },
      );
    await done;
    expect(toasts.toasts().map((t) => [t.kind, t.message])).toEqual([['error', 'the task is deleted']]);
  });
});
