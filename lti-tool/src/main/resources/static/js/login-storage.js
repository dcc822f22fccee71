// LTI client-side postMessage storage: keep state and nonce in the platform's frame, not in a cookie.
// The values come from this script element's data attributes (no inline script, so the CSP can be script-src 'self').
(function () {
  var me = document.currentScript;
  var authUrl = me.dataset.authUrl;
  var origin = me.dataset.platformOrigin;
  var targetName = me.dataset.storageTarget;
  var items = {};
  items['state_' + me.dataset.state] = me.dataset.state;
  items['nonce_' + me.dataset.nonce] = me.dataset.nonce;
  var target = targetName === '_parent' ? window.parent : (window.parent.frames[targetName] || window.parent);
  var pending = Object.keys(items).length;
  var done = false;
  function go() { if (!done) { done = true; window.location.replace(authUrl); } }
  window.addEventListener('message', function (e) {
    if (e.origin !== origin || !e.data || e.data.subject !== 'lti.put_data.response') { return; }
    if (--pending === 0) { go(); }
  });
  Object.keys(items).forEach(function (key, i) {
    target.postMessage({ subject: 'lti.put_data', message_id: 'attest-' + i + '-' + Date.now(), key: key, value: items[key] }, origin);
  });
  setTimeout(go, 2000);
})();
