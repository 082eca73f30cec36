import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { NlParseBody, ParseResult } from '@todo/contracts';
import { firstValueFrom } from 'rxjs';

@Injectable({ providedIn: 'root' })
export class NlApi {
  private readonly http = inject(HttpClient);

  parse(body: NlParseBody): Promise<ParseResult> {
    return firstValueFrom(this.http.post<ParseResult>('/api/nl/parse', body));
  }
}
