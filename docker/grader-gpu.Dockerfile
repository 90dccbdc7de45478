# syntax=docker/dockerfile:1.7
# The GPU grader runtime: CUDA TensorFlow for GPU exercises, run on GPU workers only
# (TFGRADER_GPU=1; the engine adds --gpus all / --device nvidia.com/gpu=all).
#   docker build -f docker/grader-gpu.Dockerfile -t localhost/tfgrader-grader:gpu .
# tensorflow[and-cuda] brings its own CUDA/cuDNN wheels; the CUDA base supplies the driver-facing
# libraries and matches what the NVIDIA container toolkit expects.

ARG CUDA_IMAGE=nvidia/cuda:12.8.1-cudnn-runtime-ubuntu24.04

FROM ${CUDA_IMAGE} AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1 DEBIAN_FRONTEND=noninteractive
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 python3-venv \
 && rm -rf /var/lib/apt/lists/*
RUN python3 -m venv /opt/tfgrader/runtime
COPY runtime-requirements.txt /tmp/
# The CPU pin is swapped for the CUDA build; every other pin stays the same.
RUN grep -v '^tensorflow-cpu' /tmp/runtime-requirements.txt > /tmp/gpu-requirements.txt \
 && echo 'tensorflow[and-cuda]==2.21.0' >> /tmp/gpu-requirements.txt \
 && /opt/tfgrader/runtime/bin/pip install -r /tmp/gpu-requirements.txt \
 && /opt/tfgrader/runtime/bin/pip uninstall -y pip setuptools

FROM ${CUDA_IMAGE} AS runtime
ENV DEBIAN_FRONTEND=noninteractive
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /opt/tfgrader/runtime /opt/tfgrader/runtime
COPY data/mnist /data/mnist
RUN groupadd --gid 10001 student \
 && useradd --uid 10001 --gid 10001 --home-dir /tmp --no-create-home --shell /usr/sbin/nologin student \
 && mkdir -p /work && chown 10001:10001 /work && chmod 700 /work \
 && chmod -R a+rX /opt/tfgrader /data
ENV TF_CPP_MIN_LOG_LEVEL=2 TF_ENABLE_ONEDNN_OPTS=0 MPLBACKEND=Agg
LABEL tfgrader.image=grader tfgrader.device=gpu
USER 10001:10001
WORKDIR /work
CMD ["/opt/tfgrader/runtime/bin/python", "-c", "import tensorflow as tf; print(tf.config.list_physical_devices('GPU'))"]
