// LTI client-side postMessage storage, platform side (as Canvas offers it): the tool keeps its login
// state and nonce here, in the LMS's frame, instead of in a third-party cookie. Loaded by the course
// page (lti.capabilities) and by its hidden post_message_forwarding frame (lti.put_data, lti.get_data).
(function () {
  'use strict';
  var config = document.currentScript.dataset;
  var toolOrigin = config.toolOrigin;
  var frame = config.storageFrame;
  var stored = {}; // origin -> key -> value, for as long as the course page is open

  window.addEventListener('message', function (event) {
    var message = event.data;
    if (!message || typeof message !== 'object' || typeof message.subject !== 'string'
        || !/^lti\.[a-z_]+$/.test(message.subject)) {
      return; // not an LTI request (responses end in .response)
    }
    if (event.origin !== toolOrigin) {
      console.warn('Attest sandbox: ignored ' + message.subject + ' from ' + event.origin + ', which is not the tool (' + toolOrigin + ')');
      return;
    }
    var reply = { subject: message.subject + '.response', message_id: message.message_id };
    var values = stored[event.origin] || (stored[event.origin] = {});
    if (message.subject === 'lti.capabilities') {
      reply.supported_messages = [
        { subject: 'lti.capabilities' },
        { subject: 'lti.put_data', frame: frame },
        { subject: 'lti.get_data', frame: frame }
      ];
    } else if (message.subject !== 'lti.put_data' && message.subject !== 'lti.get_data') {
      reply.error = { code: 'unsupported_subject', message: message.subject + ' is not supported by the Attest sandbox' };
    } else if (typeof message.key !== 'string' || message.key === '') {
      reply.error = { code: 'bad_request', message: message.subject + ' needs a key' };
    } else if (message.subject === 'lti.put_data') {
      if (typeof message.value !== 'string') {
        reply.error = { code: 'bad_request', message: 'lti.put_data needs a string value for ' + message.key };
      } else {
        values[message.key] = message.value;
        reply.key = message.key;
        reply.value = message.value;
      }
    } else if (Object.prototype.hasOwnProperty.call(values, message.key)) {
      reply.key = message.key;
      reply.value = values[message.key];
    } else {
      reply.key = message.key;
      reply.error = { code: 'bad_request', message: 'nothing is stored under ' + message.key + ' for ' + event.origin };
    }
    event.source.postMessage(reply, event.origin);
  });
})();
