"""Public tests for tensorboard_summaries."""

from grader.checker import Submission, test
from grader.checker.summaries import logged_scalars, series


@test(points=1, visibility="visible", name="an event file in logdir / 写出事件文件")
def writes_events(sub: Submission) -> None:
    sub.call("train_with_summaries", "tb/public", 20)
    logged_scalars(sub, "tb/public")


@test(points=1, visibility="visible", name="a scalar named loss / 名为 loss 的标量")
def has_loss(sub: Submission) -> None:
    found, hint = logged_scalars(sub, "tb/public")
    series(found, "loss", hint)
