import { bootstrapApplication } from '@angular/platform-browser';
import { App } from './app/app';
import { appConfig } from './app/app.config';
import { OfflineShell } from './app/core/offline/service-worker';

bootstrapApplication(App, appConfig)
  .then((app) =>
    // Installing and opening offline is a bonus: the app runs without its worker.
    app.injector
      .get(OfflineShell)
      .register()
      .catch((error: unknown) => console.warn('no offline support:', error)),
  )
  .catch((error: unknown) => console.error(error));
