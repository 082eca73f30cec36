import { HttpErrorResponse, type HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { catchError, throwError } from 'rxjs';
import { SessionStore } from './session-store';

/** Adds the bearer token to API calls; a 401 on a signed-in call means the session is over. */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  const session = inject(SessionStore);
  const router = inject(Router);
  const token = session.token();
  const isApi = request.url.startsWith('/api/');
  const isAuthRoute = request.url.startsWith('/api/auth/');
  const authorised =
    token && isApi && !isAuthRoute
      ? request.clone({ setHeaders: { Authorization: `Bearer ${token}` } })
      : request;
  return next(authorised).pipe(
    catchError((error: unknown) => {
      if (error instanceof HttpErrorResponse && error.status === 401 && token && !isAuthRoute) {
        session.signOut();
        void router.navigate(['/login']);
      }
      return throwError(() => error);
    }),
  );
};
