# syntax=docker/dockerfile:1.7
# The grader runtime: what a submission runs in (one container per submission, started by the
# container engine with --network none --read-only --user 10001 ...). CPU TensorFlow.
#   docker build -f docker/grader-cpu.Dockerfile -t localhost/tfgrader-grader:cpu .
# Where no registry is reachable, docker/build-grader-image.sh makes the same image from this
# host's runtime instead.

ARG PYTHON_IMAGE=python:3.11.11-slim-bookworm

FROM ${PYTHON_IMAGE} AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
RUN python -m venv /opt/tfgrader/runtime
COPY runtime-requirements.txt /tmp/
RUN /opt/tfgrader/runtime/bin/pip install -r /tmp/runtime-requirements.txt \
 && /opt/tfgrader/runtime/bin/pip uninstall -y pip setuptools \
 && find /opt/tfgrader/runtime -name '__pycache__' -prune -o -name 'tests' -type d -prune -print | xargs rm -rf

FROM ${PYTHON_IMAGE} AS runtime
COPY --from=build /opt/tfgrader/runtime /opt/tfgrader/runtime
COPY data/mnist /data/mnist
RUN groupadd --gid 10001 student \
 && useradd --uid 10001 --gid 10001 --home-dir /tmp --no-create-home --shell /usr/sbin/nologin student \
 && mkdir -p /work && chown 10001:10001 /work && chmod 700 /work \
 && chmod -R a+rX /opt/tfgrader /data
ENV PATH=/usr/local/bin:/usr/bin:/bin \
    TF_CPP_MIN_LOG_LEVEL=2 \
    TF_ENABLE_ONEDNN_OPTS=0 \
    MPLBACKEND=Agg
LABEL tfgrader.image=grader tfgrader.device=cpu
USER 10001:10001
WORKDIR /work
CMD ["/opt/tfgrader/runtime/bin/python", "-c", "print('tfgrader grader runtime')"]
