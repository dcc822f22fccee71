// Read the state back from the platform's storage: only the browser that began the login holds it.
(function () {
  var me = document.currentScript;
  var origin = me.dataset.platformOrigin;
  var targetName = me.dataset.storageTarget;
  var state = me.dataset.state;
  var target = targetName === '_parent' ? window.parent : (window.parent.frames[targetName] || window.parent);
  var form = document.getElementById('confirm');
  var sent = false;
  function submit(value) { if (!sent) { sent = true; form.state.value = value || ''; form.submit(); } }
  window.addEventListener('message', function (e) {
    if (e.origin !== origin || !e.data || e.data.subject !== 'lti.get_data.response') { return; }
    submit(e.data.value);
  });
  target.postMessage({ subject: 'lti.get_data', message_id: 'attest-get-' + Date.now(), key: 'state_' + state }, origin);
  setTimeout(function () { submit(''); }, 3000);
})();
