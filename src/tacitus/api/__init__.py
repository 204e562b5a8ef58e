"""REST API and dashboard over a Tacitus store.

``create_app(db_path, token=None)`` builds the FastAPI app; ``serve(db_path, host, port)``
runs it with uvicorn (what ``tacitus serve`` calls). Endpoints (all under /api):
events (filtered, paged; CSV on request), events/{id}, dyads/{a}/{b}/timeseries,
actors/top, network, locations, status, articles/{doc_id}, and POST articles
(bearer token). OpenAPI at /openapi.json, its docs at /docs, the dashboard at /.
"""
from tacitus.api.app import app_from_env, create_app, serve

__all__ = ["app_from_env", "create_app", "serve"]
