// Small enhancements; every page works without them.
document.addEventListener('DOMContentLoaded', () => {
  // Print and Go back buttons (links with javascript: URLs would be blocked by the Content-Security-Policy).
  document.querySelectorAll('[data-print]').forEach(b => b.addEventListener('click', () => window.print()));
  document.querySelectorAll('[data-back]').forEach(b => b.addEventListener('click', () => history.back()));
  // A select that applies itself (the caseload's unit filter); its form's button does the same without script.
  document.querySelectorAll('select[data-submit-on-change]').forEach(select => {
    select.addEventListener('change', () => select.form.submit());
  });
  // Mapping picker: filter criteria and range items by code or words.
  document.querySelectorAll('input[data-filter]').forEach(input => {
    const root = document.querySelector(input.dataset.filter);
    input.addEventListener('input', () => {
      const words = input.value.toLowerCase().split(/\s+/).filter(Boolean);
      root.querySelectorAll('.item').forEach(item => {
        const text = item.textContent.toLowerCase();
        item.hidden = !words.every(w => text.includes(w));
      });
      root.querySelectorAll('fieldset').forEach(group => {
        group.hidden = [...group.querySelectorAll('.item')].every(i => i.hidden);
      });
    });
  });
  // Evidence form: upload with a progress bar, then follow the server's answer.
  document.querySelectorAll('form[data-progress]').forEach(form => {
    form.addEventListener('submit', event => {
      const files = form.querySelector('input[type=file]');
      if (!files || files.files.length === 0 || !window.XMLHttpRequest) {
        return;
      }
      event.preventDefault();
      const bar = document.getElementById(form.dataset.progress);
      const status = document.getElementById('upload-status');
      const xhr = new XMLHttpRequest();
      xhr.open('POST', form.action);
      bar.hidden = false;
      xhr.upload.addEventListener('progress', e => {
        if (e.lengthComputable) {
          bar.value = Math.round(e.loaded * 100 / e.total);
          status.textContent = 'Uploading: ' + bar.value + '%';
        }
      });
      xhr.addEventListener('load', () => {
        if (xhr.responseURL && xhr.status < 400 && xhr.responseURL !== form.action) {
          window.location.assign(xhr.responseURL);
        } else {
          document.open();
          document.write(xhr.responseText);
          document.close();
        }
      });
      xhr.addEventListener('error', () => {
        status.textContent = 'The upload failed; nothing was saved. Check your connection and try again.';
        bar.hidden = true;
      });
      form.querySelector('button[type=submit]').disabled = true;
      status.textContent = 'Uploading…';
      xhr.send(new FormData(form));
    });
  });
});
