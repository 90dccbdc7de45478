"""tfgrader's grading library: exercises, sandbox, in-sandbox agent and trusted checker.

Nothing here imports Flask, SQLAlchemy or TensorFlow: the web app and the workers call
:func:`grader.grading.grade` and store the plain :class:`grader.result.GradingResult` it returns.
"""
