// Posts the form marked data-autosubmit as soon as the page loads (its <noscript> button does it without script).
document.querySelectorAll('form[data-autosubmit]').forEach(function (form) { form.submit(); });
