"""The service's HTTP side: a FastAPI application served by uvicorn."""
