# Tandem in a container: one image, two targets — `api` (tandem serve, healthy when /readyz
# answers) and `worker` (tandem worker, healthy when `tandem worker --check` finds a heartbeat).
# compose.yaml builds both; `docker build --target api .` builds one.
FROM python:3.11-slim AS base

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1 \
    PATH=/app/.venv/bin:$PATH \
    TANDEM_VAR_DIR=/app/var

RUN apt-get update \
 && apt-get install -y --no-install-recommends make \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --create-home --uid 10001 --user-group tandem

WORKDIR /app
COPY Makefile pyproject.toml README.md ./
COPY adapters ./adapters
COPY api ./api
COPY domain ./domain
COPY workers ./workers
# The install `make` does (a virtualenv in .venv, pip upgraded, the package), without the
# test tools of the dev extra.
RUN make install PACKAGE=. \
 && mkdir -p /app/var \
 && chown tandem:tandem /app/var

USER tandem

FROM base AS api
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=6s --start-period=20s --retries=3 \
  CMD ["python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/readyz', timeout=5)"]
CMD ["tandem", "serve", "--host", "0.0.0.0", "--port", "8000", "--workers", "2"]

FROM base AS worker
HEALTHCHECK --interval=15s --timeout=10s --start-period=30s --retries=3 \
  CMD ["tandem", "worker", "--check"]
CMD ["tandem", "worker"]
