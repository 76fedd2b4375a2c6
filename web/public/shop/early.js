// The shop's first screen asks for its data here, while the browser is still downloading and
// compiling the app's JavaScript: the answers wait in `window.linliEarly` and the app's API client
// takes each one the first time it asks for the same path (web/src/shared/api.ts). A plain script,
// not part of the bundle, so that it runs before any of it; the paths must stay those the app asks
// for (web/src/shop/hooks.ts), else the app simply asks again.
(() => {
  const early = new Map();
  window.linliEarly = { at: Date.now(), answers: early };
  let session = null;
  try {
    session = JSON.parse(localStorage.getItem('linli.shop.session') || 'null');
  } catch {
    // an unreadable session is the app's to handle
  }
  const token = session?.token;
  const ask = (path) => {
    const answer = fetch(`/api/v1${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    early.set(`${token ?? ''} ${path}`, answer);
    // a failed early request is asked again by the app, so its rejection must not be reported here
    answer.catch(() => {});
    return answer;
  };
  const deals = (pointId) => ask(`/campaigns/active${pointId ? `?pickupPointId=${encodeURIComponent(pointId)}` : ''}`);
  ask('/categories');
  ask('/pickup-points');
  const linked = sessionStorage.getItem('linli.shop.sharedPoint');
  if (!token) deals(linked);
  else
    ask('/me')
      .then((res) => (res.ok ? res.clone().json() : null))
      .then((me) => me && deals(me.pickupPointId ?? linked))
      .catch(() => {});
})();
