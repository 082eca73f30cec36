import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { describe, expect, it } from '@jest/globals';
import { provideFixedClock } from '../../../testing/clock';
import { SettingsPage } from './settings-page';

describe('SettingsPage', () => {
  it('given a signed-in user, when the settings open, then the page is headed "Settings"', async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideFixedClock('2026-03-01T12:00:00Z', 'UTC'),
      ],
    });
    const fixture = TestBed.createComponent(SettingsPage);
    await fixture.whenStable();
    const heading = (fixture.nativeElement as HTMLElement).querySelector('h1');
    expect(heading?.textContent).toBe('Settings');
  });
});
