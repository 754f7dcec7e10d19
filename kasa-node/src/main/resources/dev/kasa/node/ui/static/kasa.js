// Every htmx request of a page carries the session's CSRF token (from the page's meta tag); the
// server refuses state-changing requests without it. No inline script anywhere: the CSP forbids it.
document.addEventListener("htmx:configRequest", function (event) {
  var meta = document.querySelector('meta[name="csrf-token"]');
  if (meta) {
    event.detail.headers["X-CSRF-Token"] = meta.getAttribute("content");
  }
});
