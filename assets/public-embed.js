/* S3 Monitor public page in an iframe: tell the embedding page how tall the content is, so
   that it can size the iframe (see the "embed this" snippet). Served to both apps; does
   nothing outside /public/ or outside a frame. The message carries only a height. */
(function () {
  "use strict";
  if (window.parent === window || location.pathname.indexOf("/public") !== 0) { return; }
  if (typeof ResizeObserver !== "function") { return; }
  var last = 0;
  function send() {
    var height = Math.ceil(document.body.getBoundingClientRect().height);
    if (height > 0 && height !== last) {
      last = height;
      window.parent.postMessage({ type: "s3monitor:height", height: height }, "*");
    }
  }
  function start() { new ResizeObserver(send).observe(document.body); send(); }
  if (document.body) { start(); } else { document.addEventListener("DOMContentLoaded", start); }
}());
