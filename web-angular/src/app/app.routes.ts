import type { Routes } from '@angular/router';
import { signedInGuard, signedOutGuard } from './core/auth/auth.guards';

/** Every screen is lazy so the initial bundle holds only the shell and the core services. */
export const routes: Routes = [
  {
    path: 'login',
    canActivate: [signedOutGuard],
    title: 'Log in · Todo',
    loadComponent: () => import('./features/auth/auth-page').then((m) => m.AuthPage),
    data: { mode: 'login' },
  },
  {
    path: 'signup',
    canActivate: [signedOutGuard],
    title: 'Sign up · Todo',
    loadComponent: () => import('./features/auth/auth-page').then((m) => m.AuthPage),
    data: { mode: 'signup' },
  },
  {
    path: '',
    canActivate: [signedInGuard],
    loadComponent: () => import('./features/shell/shell').then((m) => m.Shell),
    children: [
      { path: '', pathMatch: 'full', redirectTo: 'tasks/today' },
      {
        path: 'tasks/:view',
        title: 'Tasks · Todo',
        loadComponent: () => import('./features/tasks/task-list-page').then((m) => m.TaskListPage),
      },
      {
        path: 'views/:id',
        title: 'View · Todo',
        loadComponent: () => import('./features/views/saved-view-page').then((m) => m.SavedViewPage),
      },
      {
        // A list's tasks (`inbox`: those in no list), with the list's own actions.
        path: 'lists/:list',
        title: 'List · Todo',
        loadComponent: () => import('./features/tasks/task-list-page').then((m) => m.TaskListPage),
      },
      {
        path: 'task/:id',
        title: 'Edit task · Todo',
        loadComponent: () => import('./features/tasks/editor/task-editor-page').then((m) => m.TaskEditorPage),
      },
      {
        path: 'task/:id/history',
        title: 'History · Todo',
        loadComponent: () => import('./features/tasks/history/history-page').then((m) => m.HistoryPage),
      },
      {
        path: 'settings',
        title: 'Settings · Todo',
        loadComponent: () => import('./features/settings/settings-page').then((m) => m.SettingsPage),
      },
    ],
  },
  { path: '**', redirectTo: '' },
];
