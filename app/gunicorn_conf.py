"""gunicorn settings used by `make run` (production deployments pass their own)."""
timeout = 60
graceful_timeout = 20
