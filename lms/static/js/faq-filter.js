// Preguntas Frecuentes: filter the questions as the visitor types.
// The search form works without this file (it submits a GET request).
(function () {
  "use strict";
  var form = document.querySelector("[data-faq-search]");
  if (!form) return;
  var input = form.querySelector("input[type=search]");
  var status = document.querySelector("[data-faq-status]");
  var empty = document.querySelector("[data-faq-empty]");
  var topics = Array.prototype.slice.call(document.querySelectorAll("[data-faq-topic]"));

  function normalize(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  var items = Array.prototype.slice.call(document.querySelectorAll("[data-faq-item]")).map(function (el) {
    return { el: el, text: normalize(el.textContent) };
  });

  function apply() {
    var terms = normalize(input.value).match(/[\p{L}\p{N}_]+/gu) || [];
    var shown = 0;
    items.forEach(function (item) {
      var match = terms.every(function (term) { return item.text.indexOf(term) !== -1; });
      item.el.hidden = !match;
      if (match) shown += 1;
    });
    topics.forEach(function (topic) {
      topic.hidden = !topic.querySelector("[data-faq-item]:not([hidden])");
      var link = document.querySelector('.faq-topics a[href="#' + topic.id + '"]');
      if (link) link.parentNode.hidden = topic.hidden;
    });
    if (empty) empty.hidden = shown > 0;
    if (status) {
      status.textContent = terms.length
        ? (shown === 1 ? "1 pregunta" : shown + " preguntas") + " para «" + input.value.trim() + "»."
        : "";
    }
  }

  var timer;
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(apply, 150);
  });
})();
