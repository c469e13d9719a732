// Interactive API docs from the vendored Swagger UI, reading our own OpenAPI description.
"use strict";
window.addEventListener("load", function () {
  window.SwaggerUIBundle({ url: "/api/openapi.json", dom_id: "#swagger-ui" });
});
