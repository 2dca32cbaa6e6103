// HJHS form: show the joint totals and the running total while the assessor enters items.
// A preview only; the server scores the saved record with the clinical core.
(function () {
  "use strict";
  var form = document.getElementById("hjhs-form");
  if (!form) return;
  var neLabel = document.currentScript.getAttribute("data-ne-label");
  function value(select) {
    return select.value === "" || select.value === "NE" ? null : Number(select.value);
  }
  function update() {
    var total = 0, ne = 0;
    form.querySelectorAll("tr[data-joint]").forEach(function (row) {
      var sum = 0;
      row.querySelectorAll("select").forEach(function (s) {
        if (s.value === "NE") ne += 1;
        var v = value(s);
        if (v !== null) sum += v;
      });
      row.querySelector(".joint-total").textContent = sum;
      total += sum;
    });
    var gait = form.querySelector("select[name=gait]");
    if (gait) {
      if (gait.value === "NE") ne += 1;
      if (value(gait) !== null) total += value(gait);
    }
    document.getElementById("hjhs-total").textContent = total;
    document.getElementById("hjhs-ne").textContent = ne ? "(" + ne + " " + neLabel + ")" : "";
  }
  form.addEventListener("change", update);
  update();
})();
