// The console's dashboard asks for its figures here, while the browser is still downloading and
// compiling the console's JavaScript: the answers wait in `window.linliEarly` and the app's API
// client takes each one the first time it asks for the same path (web/src/shared/api.ts). A plain
// script, not part of the bundle, so that it runs before any of it; the paths must stay those the
// dashboard asks for (web/src/admin/queries.ts, pages/Dashboard*.tsx), else it simply asks again.
(() => {
  const early = new Map();
  window.linliEarly = { at: Date.now(), answers: early };
  let session = null;
  try {
    session = JSON.parse(localStorage.getItem('linli.admin.session') || 'null');
  } catch {
    // an unreadable session is the app's to handle
  }
  // operators land on the dashboard (/admin/ redirects there); warehouse staff do not
  const page = location.pathname.replace(/\/+$/, '');
  if (!session?.token || !session.user?.roles?.includes('admin')) return;
  if (page !== '/admin' && page !== '/admin/dashboard') return;
  for (const path of ['/admin/analytics/dashboard?days=30', '/admin/regions', '/admin/network']) {
    const answer = fetch(`/api/v1${path}`, { headers: { authorization: `Bearer ${session.token}` } });
    // a failed early request is asked again by the app, so its rejection must not be reported here
    answer.catch(() => {});
    early.set(`${session.token} ${path}`, answer);
  }
})();
