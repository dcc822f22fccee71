// Tells the LMS that registration is done (LTI Dynamic Registration's close message), now and when Close is pressed.
(function () {
  function close() {
    (window.opener || window.parent).postMessage({ subject: 'org.imsglobal.lti.close' }, '*');
  }
  var button = document.getElementById('close');
  if (button) { button.addEventListener('click', close); }
  close();
})();
