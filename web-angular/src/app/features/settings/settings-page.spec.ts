import { TestBed } from '@angular/core/testing';
import { SettingsPage } from './settings-page';

describe('SettingsPage', () => {
  it('given a signed-in user, when the settings open, then the page is headed "Settings"', async () => {
    const fixture = TestBed.createComponent(SettingsPage);
    await fixture.whenStable();
    const heading = (fixture.nativeElement as HTMLElement).querySelector('h1');
    expect(heading?.textContent).toBe('Settings');
  });
});
