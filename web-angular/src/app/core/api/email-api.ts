import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { EmailAddressBody, EmailSettingsView } from '@todo/contracts';
import { firstValueFrom } from 'rxjs';

/** The user's email reminders: the address, whether it is verified, and turning them off. */
@Injectable({ providedIn: 'root' })
export class EmailApi {
  private readonly http = inject(HttpClient);

  get(): Promise<EmailSettingsView> {
    return firstValueFrom(this.http.get<EmailSettingsView>('/api/email'));
  }

  /** Sets the address; a confirmation link is mailed to it. */
  set(body: EmailAddressBody): Promise<EmailSettingsView> {
    return firstValueFrom(this.http.put<EmailSettingsView>('/api/email', body));
  }

  async turnOff(): Promise<void> {
    await firstValueFrom(this.http.delete('/api/email'));
  }
}
