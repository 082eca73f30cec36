import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { beforeEach, describe, expect, it } from '@jest/globals';
import type { ImportJob } from '@todo/contracts';
import { SAVE_FILE } from '../../core/api/data-api';
import { provideFixedClock } from '../../../testing/clock';
import { byLabel, settle } from '../../../testing/dom';
import { DataSection, IMPORT_POLL_MS } from './data-section';

const job = (changes: Partial<ImportJob> = {}): ImportJob => ({
  id: '0f1e2d3c-4b5a-4968-8776-655443322110',
  source: 'todoist-csv',
  status: 'running',
  total: 55,
  processed: 0,
  created: 0,
  unchanged: 0,
  report: [],
  reportOmitted: 0,
  createdAt: '2026-12-01T10:00:00.000Z',
  finishedAt: null,
  ...changes,
});

describe('DataSection', () => {
  let saved: { blob: Blob; name: string }[];
  let http: HttpTestingController;

  function setup() {
    const fixture = TestBed.createComponent(DataSection);
    fixture.detectChanges();
    const el = fixture.nativeElement as HTMLElement;
    const button = (text: string) =>
      [...el.querySelectorAll('button')].find((b) => b.textContent?.trim() === text)!;
    const choose = (file: File) => {
      const input = byLabel(el, 'File to import');
      Object.defineProperty(input, 'files', { value: [file], configurable: true });
      input.dispatchEvent(new Event('change'));
      fixture.detectChanges();
    };
    const render = async () => {
      await settle();
      fixture.detectChanges();
    };
    return { el, button, choose, render };
  }

  beforeEach(() => {
    saved = [];
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideFixedClock('2026-12-01T10:00:00Z', 'Europe/Paris'),
        { provide: SAVE_FILE, useValue: (blob: Blob, name: string) => saved.push({ blob, name }) },
        { provide: IMPORT_POLL_MS, useValue: 0 },
      ],
    });
    http = TestBed.inject(HttpTestingController);
  });

  it('given a signed-in user, when they download JSON or CSV, then the export is saved under a dated name', async () => {
    const { button } = setup();
    button('Download JSON').click();
    http.expectOne({ method: 'GET', url: '/api/export/json' }).flush(new Blob(['{}']));
    await settle();
    button('Download CSV').click();
    http.expectOne({ method: 'GET', url: '/api/export/csv' }).flush(new Blob(['id\r\n']));
    await settle();
    expect(saved.map((s) => s.name)).toEqual(['todo-export-2026-12-01.json', 'todo-tasks-2026-12-01.csv']);
  });

  it('given a Todoist CSV, when imported, then it is sent as text/csv, its progress shows, then the report', async () => {
    const { el, button, choose, render } = setup();
    const file = new File(['TYPE,CONTENT\n'], 'Groceries.csv', { type: 'text/csv' });
    choose(file);
    button('Import').click();
    const started = http.expectOne({ method: 'POST', url: '/api/imports/todoist' });
    expect(started.request.headers.get('Content-Type')).toBe('text/csv');
    expect(started.request.body).toBe(file);
    started.flush(job({ processed: 25, created: 25 }), { status: 202, statusText: 'Accepted' });
    await render();
    expect(el.querySelector('.status')?.textContent).toBe(
      'Importing… 25 of 55 tasks: 25 created, 0 already there',
    );
    expect(el.querySelector('progress')?.getAttribute('value')).toBe('25');
    expect(button('Import').disabled).toBe(true);

    await settle(); // the pause between two looks
    http.expectOne(`/api/imports/jobs/${job().id}`).flush(
      job({
        status: 'done',
        processed: 55,
        created: 54,
        report: [
          {
            row: 69,
            column: 'DATE',
            outcome: 'partly',
            message: 'could not understand the date "sometime soon"',
          },
        ],
      }),
    );
    await render();
    expect(el.querySelector('.status')?.textContent).toBe(
      'Done. 55 of 55 tasks: 54 created, 0 already there.',
    );
    expect(el.querySelector('.report li')?.textContent?.replace(/\s+/g, ' ').trim()).toBe(
      'Line 69, DATE: imported — could not understand the date "sometime soon"',
    );
    http.verify();
  });

  it('given our JSON export, when imported, then it goes to the export import as JSON', async () => {
    const { button, choose } = setup();
    choose(new File(['{}'], 'todo-export-2026-12-01.json', { type: 'application/json' }));
    button('Import').click();
    const started = http.expectOne({ method: 'POST', url: '/api/imports/export' });
    expect(started.request.headers.get('Content-Type')).toBe('application/json');
    started.flush(job({ source: 'todo-json', status: 'done', total: 0 }), {
      status: 202,
      statusText: 'Accepted',
    });
    await settle();
    http.verify();
  });

  it('given a file the server refuses, when imported, then its problem is shown', async () => {
    const { el, button, choose, render } = setup();
    choose(new File(['\xff'], 'export.csv'));
    button('Import').click();
    http.expectOne('/api/imports/todoist').flush(
      {
        type: 'x',
        title: 'The file is not UTF-8',
        status: 415,
        detail: 'line 1: the file is UTF-16: save it as UTF-8',
      },
      { status: 415, statusText: 'Unsupported Media Type' },
    );
    await render();
    expect(el.querySelector('[role="alert"]')?.textContent).toBe(
      'line 1: the file is UTF-16: save it as UTF-8',
    );
  });

  it('given a file that is neither CSV nor JSON, when imported, then nothing is sent and it says why', async () => {
    const { el, button, choose, render } = setup();
    choose(new File(['x'], 'notes.txt'));
    button('Import').click();
    await render();
    http.verify();
    expect(el.querySelector('[role="alert"]')?.textContent).toMatch(
      /Choose a \.csv file exported from Todoist/,
    );
  });
});
