import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { AuthResponse, LoginBody, SignupBody } from '@todo/contracts';
import { firstValueFrom } from 'rxjs';

@Injectable({ providedIn: 'root' })
export class AuthApi {
  private readonly http = inject(HttpClient);

  signup(body: SignupBody): Promise<AuthResponse> {
    return firstValueFrom(this.http.post<AuthResponse>('/api/auth/signup', body));
  }

  login(body: LoginBody): Promise<AuthResponse> {
    return firstValueFrom(this.http.post<AuthResponse>('/api/auth/login', body));
  }
}
