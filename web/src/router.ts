import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { onSessionLost } from './api/http';
import { MENU, homeOf } from './menu';
import { forgetSession, restoreSession, session } from './session';

const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: () => import('./pages/LoginPage.vue') },
  {
    // The citizens' page: public, outside the staff shell.
    path: '/citizen',
    component: () => import('./citizen/CitizenPage.vue'),
    meta: { public: true },
    children: [
      { path: '', redirect: { name: 'citizen-submit' } },
      {
        path: 'submit',
        name: 'citizen-submit',
        component: () => import('./citizen/SubmitDemand.vue'),
      },
      {
        path: 'progress',
        name: 'citizen-progress',
        component: () => import('./citizen/ProgressLookup.vue'),
      },
      { path: ':unknown(.*)*', redirect: { name: 'citizen-submit' } },
    ],
  },
  {
    path: '/',
    component: () => import('./layout/AppShell.vue'),
    meta: { requiresLogin: true },
    children: [
      // Sent on by the guard to the user's first menu page (a redirect here would be resolved
      // before the guard knows who is logged in).
      { path: '', name: 'home', component: { render: () => null } },
      {
        path: 'workbench/:taskKey?',
        name: 'workbench',
        component: () => import('./pages/WorkbenchPage.vue'),
        props: true,
        meta: { menu: 'workbench' },
      },
      {
        path: 'demands/:code?',
        name: 'demands',
        component: () => import('./pages/DemandsPage.vue'),
        props: true,
        meta: { menu: 'demands' },
      },
      {
        path: 'ledgers',
        name: 'ledgers',
        component: () => import('./pages/LedgersPage.vue'),
        meta: { menu: 'ledgers' },
      },
      {
        path: 'rankings',
        name: 'rankings',
        component: () => import('./pages/RankingsPage.vue'),
        meta: { menu: 'rankings' },
      },
      {
        path: 'dashboard',
        name: 'dashboard',
        component: () => import('./pages/DashboardPage.vue'),
        meta: { menu: 'dashboard' },
      },
      {
        path: 'replay/:code?',
        name: 'replay',
        component: () => import('./pages/ReplayPage.vue'),
        props: true,
        meta: { menu: 'replay' },
      },
      {
        path: 'ops',
        name: 'ops',
        component: () => import('./pages/OpsPage.vue'),
        meta: { menu: 'ops' },
      },
      { path: ':unknown(.*)*', redirect: '/' },
    ],
  },
];

export const router = createRouter({ history: createWebHistory(), routes });

/** Not logged in: to the login page, which sends the user back here afterwards. */
router.beforeEach(async (to) => {
  // Citizens have no session to restore: the page never asks the staff API.
  if (to.matched.some((record) => record.meta.public)) return true;
  await restoreSession();
  const user = session.user;
  if (to.name === 'login') return user ? homeOf(user.role) : true;
  if (to.matched.some((record) => record.meta.requiresLogin) && !user) {
    return { name: 'login', query: { redirect: to.fullPath } };
  }
  if (user && to.name === 'home') return homeOf(user.role);
  const menu = MENU.find((entry) => entry.name === to.meta.menu);
  if (user && menu && !menu.roles.includes(user.role)) return homeOf(user.role);
  return true;
});

/** A request found the session gone (expired, ended elsewhere): log in again, then come back. */
onSessionLost((problem) => {
  if (!session.user) return;
  forgetSession();
  const current = router.currentRoute.value;
  if (current.name === 'login') return;
  // Expired or ended elsewhere (problem.type tells which): either way the user logs in again.
  void problem;
  void router.replace({ name: 'login', query: { redirect: current.fullPath, reason: 'expired' } });
});

declare module 'vue-router' {
  interface RouteMeta {
    requiresLogin?: boolean;
    /** Open to everyone (the citizens' page): no session is looked for. */
    public?: boolean;
    /** The menu entry the route belongs to (its roles guard it). */
    menu?: string;
  }
}
