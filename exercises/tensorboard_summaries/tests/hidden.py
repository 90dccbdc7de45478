"""Hidden tests for tensorboard_summaries: the event files, parsed outside the sandbox."""

import weakref

import numpy as np

from grader.checker import Fail, Partial, Submission, test
from grader.checker.compare import as_numbers
from grader.checker.events import Scalars
from grader.checker.plots import loss_curve
from grader.checker.summaries import logged_scalars, series

STEPS = 60
LOGDIR = "tb/hidden"
_runs: "weakref.WeakKeyDictionary[Submission, float]" = weakref.WeakKeyDictionary()


def _loss(sub: Submission) -> tuple[Scalars, float, str]:
    """The logged loss, the returned loss, and a hint when the writer was not closed."""
    if sub not in _runs:
        (_runs[sub],) = as_numbers([sub.call("train_with_summaries", LOGDIR, STEPS)], 1,
                                   "train_with_summaries' result")
    found, hint = logged_scalars(sub, LOGDIR)
    return series(found, "loss", hint), _runs[sub], hint


@test(points=2, name="one loss value per step / 每步一个值")
def one_per_step(sub: Submission) -> None:
    loss, _, hint = _loss(sub)
    if len(set(loss.steps)) == 1 and len(loss.steps) > 1:
        raise Fail(f"All {len(loss.steps)} values were logged at step {loss.steps[0]}: pass "
                   "step=step to tf.summary.scalar (or add_summary(summary, step)).")
    if loss.steps != list(range(STEPS)):
        shown = loss.steps[:5] + (["…"] if len(loss.steps) > 5 else [])
        raise Fail(f"Expected steps 0..{STEPS - 1} ({STEPS} values), found {len(loss.steps)} "
                   f"values at steps {shown}." + (hint or " If values are missing at the end, "
                                                  "flush() or close() the writer."))


@test(points=2, name="the logged loss decreases / 损失下降")
def decreases(sub: Submission) -> Partial:
    loss, _, _ = _loss(sub)
    values = np.asarray(loss.values)
    sub.add_image("Your loss curve (from your event file)",
                  loss_curve(np.asarray(loss.steps), values, "loss as logged"))
    if len(values) < 2 or not np.all(np.isfinite(values)):
        return Partial(0, "The logged loss is missing values or contains NaN/inf.")
    if values[-1] > 0.2 * values[0]:
        return Partial(0, f"The logged loss goes from {values[0]:.4g} to {values[-1]:.4g}: it "
                          "should fall to a fraction of its start. Log the loss of the current "
                          "step (not a constant or the learning rate) and train the model.")
    rises = int(np.sum(np.diff(values) > 1e-6))
    return Partial(1.0 if rises <= len(values) // 10 else 0.5,
                   "" if rises <= len(values) // 10 else f"The loss rose at {rises} steps.")


@test(points=1, name="the returned loss is the last logged one / 返回最后的损失")
def returned_loss(sub: Submission) -> None:
    loss, returned, _ = _loss(sub)
    if not np.isclose(returned, loss.values[-1], rtol=1e-3, atol=1e-6):
        raise Fail(f"train_with_summaries returned {returned:.5g}, but the last logged loss is "
                   f"{loss.values[-1]:.5g}.")
