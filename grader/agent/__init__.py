"""The only tfgrader code that runs *inside* the sandbox.

It imports nothing from the trusted side (standard library, numpy, and TensorFlow/IPython when a
submission needs them), because the host copies this package into the sandbox as ``agent``.
Modules use relative imports so the same files work as ``grader.agent`` on the host, which only
imports :mod:`grader.agent.protocol` (to decode what the agent sends).
"""
