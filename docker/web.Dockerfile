# syntax=docker/dockerfile:1.7
# tfgrader's web app and Celery worker (one image, two targets). Build from the repository root:
#   docker build -f docker/web.Dockerfile --target web    -t tfgrader-web:0.1.0 .
#   docker build -f docker/web.Dockerfile --target worker -t tfgrader-worker:0.1.0 .
# The worker grades with the container engine: it starts one grader container per submission
# (docker/grader-cpu.Dockerfile) through the engine socket it is given; it runs no student code.

ARG PYTHON_IMAGE=python:3.11.11-slim-bookworm

# --- build: dependencies first (cached until pyproject.toml changes), then the project -------
FROM ${PYTHON_IMAGE} AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
RUN python -m venv /opt/tfgrader/app
WORKDIR /src
COPY pyproject.toml ./
RUN python -c "import tomllib; print('\n'.join(tomllib.load(open('pyproject.toml','rb'))['project']['dependencies']))" > requirements.txt \
 && /opt/tfgrader/app/bin/pip install -r requirements.txt
COPY grader ./grader
COPY webapp ./webapp
COPY tfgrader ./tfgrader
COPY exercises ./exercises
RUN /opt/tfgrader/app/bin/pip install --no-deps . \
 && /opt/tfgrader/app/bin/python -m compileall -q /opt/tfgrader/app

# --- web: gunicorn serving webapp.wsgi:app -----------------------------------------------------
FROM ${PYTHON_IMAGE} AS web
RUN groupadd --system --gid 10000 tfgrader \
 && useradd --system --uid 10000 --gid tfgrader --home-dir /var/lib/tfgrader --no-create-home tfgrader \
 && mkdir -p /var/lib/tfgrader && chown tfgrader:tfgrader /var/lib/tfgrader
COPY --from=build /opt/tfgrader/app /opt/tfgrader/app
COPY --from=build /src/exercises /opt/tfgrader/exercises
ENV PATH=/opt/tfgrader/app/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    TFGRADER_STORAGE=/var/lib/tfgrader \
    TFGRADER_EXERCISES=/opt/tfgrader/exercises
USER 10000:10000
WORKDIR /var/lib/tfgrader
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=5s --retries=3 \
  CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/auth/login', timeout=4)"
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "--workers", "3", "--access-logfile", "-", "webapp.wsgi:app"]

# --- worker: the same app plus the engine CLI, grading from one Celery queue ------------------
FROM web AS worker
USER 0:0
COPY --from=docker:27.3.1-cli /usr/local/bin/docker /usr/local/bin/docker
# The podman client, for a Podman service reached with --remote (the Kubernetes sidecar).
RUN apt-get update \
 && apt-get install -y --no-install-recommends podman \
 && rm -rf /var/lib/apt/lists/*
USER 10000:10000
ENV TFGRADER_QUEUE=celery \
    TFGRADER_SANDBOX=container \
    TFGRADER_CONTAINER_ENGINE=docker \
    TFGRADER_CONTAINER_DATA=image \
    TFGRADER_CONTAINER_IMAGE=localhost/tfgrader-grader:cpu
HEALTHCHECK NONE
CMD ["tfgrader", "worker", "--queue", "cpu", "--concurrency", "2"]
