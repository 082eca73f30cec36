import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { ApiTokenList, ApiTokenView, CreateApiTokenBody, CreatedApiToken } from '@todo/contracts';
import { firstValueFrom } from 'rxjs';

/** Typed client of `/api/tokens`: personal API tokens, managed from the password session. */
@Injectable({ providedIn: 'root' })
export class ApiTokensApi {
  private readonly http = inject(HttpClient);

  async list(): Promise<ApiTokenView[]> {
    return (await firstValueFrom(this.http.get<ApiTokenList>('/api/tokens'))).items;
  }

  create(body: CreateApiTokenBody): Promise<CreatedApiToken> {
    return firstValueFrom(this.http.post<CreatedApiToken>('/api/tokens', body));
  }

  async revoke(id: string): Promise<void> {
    await firstValueFrom(this.http.delete(`/api/tokens/${encodeURIComponent(id)}`));
  }
}
