"""JSON API routers, one module per resource; every one calls rankfile.web.services."""
