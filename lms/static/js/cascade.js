// Región → Provincia → Comuna: re-send the form to narrow the next list as soon as a
// choice changes. Without JavaScript the "Actualizar listas" button does the same.
(function () {
  "use strict";
  document.querySelectorAll("form[data-cascade-form]").forEach(function (form) {
    var refresh = form.querySelector("[data-cascade-refresh]");
    if (!refresh) { return; }
    var building = form.querySelector('select[name="building"]');
    form.querySelectorAll("select[data-cascade]").forEach(function (select) {
      // The comuna narrows only the building list, when the form has one.
      if (select.getAttribute("data-cascade") === "comuna" && !building) { return; }
      select.addEventListener("change", function () {
        var order = ["region", "province", "comuna"];
        var index = order.indexOf(select.getAttribute("data-cascade"));
        // A new region or province invalidates the choices below it.
        order.slice(index + 1).forEach(function (name) {
          var below = form.querySelector('select[data-cascade="' + name + '"]');
          if (below) { below.value = ""; }
        });
        if (building) { building.value = ""; }
        if (form.requestSubmit) { form.requestSubmit(refresh); } else { refresh.click(); }
      });
    });
  });
})();
