import { beforeEach, describe, expect, it } from '@jest/globals';
import { provideHttpClient } from '@angular/common/http';
import { provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideFixedClock } from '../../../testing/clock';
import { SettingsPage } from './settings-page';

describe('SettingsPage', () => {
  beforeEach(() => {
    // The sections load their own data and show times in the user's zone.
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideFixedClock('2026-06-15T12:00:00Z', 'UTC'),
      ],
    });
  });

  it('given a signed-in user, when the settings open, then the page is headed "Settings"', async () => {
    const fixture = TestBed.createComponent(SettingsPage);
    await fixture.whenStable();
    const heading = (fixture.nativeElement as HTMLElement).querySelector('h1');
    expect(heading?.textContent).toBe('Settings');
  });

  it('given a signed-in user, when the settings open, then the API tokens section is there', async () => {
    const fixture = TestBed.createComponent(SettingsPage);
    fixture.detectChanges();
    const sections = [...(fixture.nativeElement as HTMLElement).querySelectorAll('h2')].map(
      (h) => h.textContent,
    );
    expect(sections).toContain('API tokens');
  });
});
