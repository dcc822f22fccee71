// Passkeys for external verifiers, with no library: adds one (navigator.credentials.create) on
// /s/{token}/eqa/passkeys and signs in with one (navigator.credentials.get) on /eqa/passkey. The server sends the
// options as JSON with base64url values and checks the answers (EqaPasskeys); the URLs are in data- attributes.
(function () {
  'use strict';

  function toBytes(base64url) {
    var s = base64url.replace(/-/g, '+').replace(/_/g, '/');
    while (s.length % 4) { s += '='; }
    var binary = atob(s);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) { bytes[i] = binary.charCodeAt(i); }
    return bytes;
  }

  function toBase64url(buffer) {
    var bytes = new Uint8Array(buffer);
    var s = '';
    for (var i = 0; i < bytes.length; i++) { s += String.fromCharCode(bytes[i]); }
    return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  function post(url, body) {
    return fetch(url, {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
      body: JSON.stringify(body || {})
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (answer) {
        if (!response.ok) { throw new Error(answer.error || ('Attest answered HTTP ' + response.status + '.')); }
        return answer;
      });
    });
  }

  function say(element, text, error) {
    element.textContent = text;
    element.hidden = false;
    element.classList.toggle('error', !!error);
  }

  function explain(e, what) {
    if (e && e.name === 'NotAllowedError') { return what + ' was cancelled or timed out. Try again.'; }
    if (e && e.name === 'InvalidStateError') { return 'This authenticator already holds a passkey for you here.'; }
    return (e && e.message) ? e.message : what + ' failed.';
  }

  var add = document.getElementById('add-passkey');
  if (add) {
    add.addEventListener('click', function () {
      var status = document.getElementById('passkey-status');
      if (!window.PublicKeyCredential || !navigator.credentials) {
        say(status, 'This browser cannot make passkeys; keep signing in with a link and code.', true);
        return;
      }
      add.disabled = true;
      say(status, 'Follow your browser or device to make the passkey...', false);
      post(add.dataset.options).then(function (o) {
        return navigator.credentials.create({ publicKey: {
          challenge: toBytes(o.challenge),
          rp: { id: o.rpId, name: o.rpName },
          user: { id: toBytes(o.userId), name: o.userName, displayName: o.userDisplayName },
          pubKeyCredParams: o.algorithms.map(function (alg) { return { type: 'public-key', alg: alg }; }),
          excludeCredentials: o.excludeCredentials.map(function (id) { return { type: 'public-key', id: toBytes(id) }; }),
          authenticatorSelection: { residentKey: 'required', requireResidentKey: true, userVerification: 'required' },
          attestation: 'none',
          timeout: o.timeoutMillis
        } });
      }).then(function (credential) {
        var label = document.getElementById('passkey-label');
        return post(add.dataset.register, {
          id: credential.id,
          clientDataJSON: toBase64url(credential.response.clientDataJSON),
          attestationObject: toBase64url(credential.response.attestationObject),
          transports: credential.response.getTransports ? credential.response.getTransports() : [],
          label: label ? label.value : ''
        });
      }).then(function () {
        window.location.assign(add.dataset.done);
      }).catch(function (e) {
        say(status, explain(e, 'Making the passkey'), true);
        add.disabled = false;
      });
    });
  }

  var signIn = document.getElementById('sign-in-with-passkey');
  if (signIn) {
    signIn.addEventListener('click', function () {
      var status = document.getElementById('passkey-status');
      if (!window.PublicKeyCredential || !navigator.credentials) {
        say(status, 'This browser cannot use passkeys; sign in with the link and code the centre gave you.', true);
        return;
      }
      signIn.disabled = true;
      say(status, 'Follow your browser or device to use your passkey...', false);
      post(signIn.dataset.options).then(function (o) {
        return navigator.credentials.get({ publicKey: {
          challenge: toBytes(o.challenge), rpId: o.rpId, userVerification: 'required', timeout: o.timeoutMillis
        } });
      }).then(function (credential) {
        return post(signIn.dataset.signIn, {
          id: credential.id,
          clientDataJSON: toBase64url(credential.response.clientDataJSON),
          authenticatorData: toBase64url(credential.response.authenticatorData),
          signature: toBase64url(credential.response.signature),
          userHandle: credential.response.userHandle ? toBase64url(credential.response.userHandle) : null
        });
      }).then(function (answer) {
        window.location.assign(answer.location);
      }).catch(function (e) {
        say(status, explain(e, 'Signing in with a passkey'), true);
        signIn.disabled = false;
      });
    });
  }
})();
