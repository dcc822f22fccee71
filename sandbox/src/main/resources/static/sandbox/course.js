// The course page: launch options, and the "Register Attest again" frame, which the tool closes
// with the org.imsglobal.lti.close message when Dynamic Registration is done.
(function () {
  'use strict';
  var toolOrigin = document.currentScript.dataset.toolOrigin;

  var storage = document.getElementById('use-storage');
  function offerStorage() {
    document.querySelectorAll('input.storage-flag').forEach(function (input) {
      input.value = storage.checked ? 'on' : 'off';
    });
  }
  storage.addEventListener('change', offerStorage);
  offerStorage();

  var added = document.querySelector('.activity.new');
  if (added && added.getBoundingClientRect().bottom > window.innerHeight) {
    added.scrollIntoView({ block: 'end' }); // the activity deep linking just added
  }

  var tool = document.getElementById('tool');
  document.querySelectorAll('form[target="tool-frame"]').forEach(function (form) {
    form.addEventListener('submit', function () {
      if (tool.getBoundingClientRect().top > window.innerHeight / 2) {
        tool.scrollIntoView(); // on a narrow screen the frame sits below the course
      }
    });
  });

  var dialog = document.getElementById('registration');
  document.getElementById('register-again').addEventListener('submit', function () { dialog.hidden = false; });
  document.getElementById('registration-close').addEventListener('click', function () { dialog.hidden = true; });
  window.addEventListener('message', function (event) {
    if (event.origin !== toolOrigin || !event.data || event.data.subject !== 'org.imsglobal.lti.close') {
      return;
    }
    dialog.hidden = true;
    window.location.assign('/sandbox?notice=' + encodeURIComponent('Attest registered with the sandbox again'));
  });
})();
