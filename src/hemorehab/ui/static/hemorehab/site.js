// Behaviour for every page, kept out of the HTML so that the Content-Security-Policy can
// refuse inline script: a <select data-autosubmit> sends its form when changed.
document.addEventListener("change", function (event) {
  var target = event.target;
  if (target.matches && target.matches("select[data-autosubmit]") && target.form) {
    target.form.submit();
  }
});
