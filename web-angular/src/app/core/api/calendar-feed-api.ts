import { HttpClient, HttpErrorResponse } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { CalendarFeedCreated, CalendarFeedStatus } from '@todo/contracts';
import { firstValueFrom } from 'rxjs';

/** Typed client of the calendar feed routes (query-api). */
@Injectable({ providedIn: 'root' })
export class CalendarFeedApi {
  private readonly http = inject(HttpClient);

  /** The feed's status, or null when the user has none (the API's 404). */
  async status(): Promise<CalendarFeedStatus | null> {
    try {
      return await firstValueFrom(this.http.get<CalendarFeedStatus>('/api/calendar-feed'));
    } catch (error) {
      if (error instanceof HttpErrorResponse && error.status === 404) return null;
      throw error;
    }
  }

  /** A new secret URL; the one before stops working. */
  regenerate(): Promise<CalendarFeedCreated> {
    return firstValueFrom(this.http.post<CalendarFeedCreated>('/api/calendar-feed', null));
  }

  revoke(): Promise<void> {
    return firstValueFrom(this.http.delete<void>('/api/calendar-feed'));
  }
}
