"""Hidden tests for mnist_softmax: accuracy on all 10,000 test images, computed here.

The images go to the sandbox disguised (hidden permutation, faint noise) and the labels never
do, so looking answers up in x_test/y_test inside the sandbox does not help.
"""

import weakref

import numpy as np

from grader.checker import Fail, Partial, Submission, test
from grader.checker.data import disguise, mnist_test_set
from grader.checker.mnist import predictions
from grader.checker.plots import confusion_matrix, misclassified_digits

FULL_ACCURACY = 0.90
ZERO_ACCURACY = 0.50
_SEED = 20240917
_cache: "weakref.WeakKeyDictionary[Submission, np.ndarray]" = weakref.WeakKeyDictionary()


def _full_test_set(sub: Submission) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Disguised images, their labels, and the submission's predictions (asked once)."""
    images, labels = mnist_test_set()
    disguised, permutation = disguise(images, _SEED)
    if sub not in _cache:
        _cache[sub] = predictions(sub, disguised)
    return disguised, labels[permutation], _cache[sub]


@test(points=6, name="accuracy on the 10,000 test images / 全部测试集准确率")
def test_set_accuracy(sub: Submission) -> Partial:
    images, labels, predicted = _full_test_set(sub)
    accuracy = float(np.mean(predicted == labels))
    sub.add_image("Confusion matrix on the test set",
                  confusion_matrix(labels, predicted, f"accuracy {accuracy:.4f}"))
    sub.add_image("Some misclassified digits",
                  misclassified_digits(images, labels, predicted, "Misclassified"))
    fraction = float(np.clip((accuracy - ZERO_ACCURACY) / (FULL_ACCURACY - ZERO_ACCURACY), 0, 1))
    if fraction >= 1:
        return Partial(1.0, f"Accuracy {accuracy:.4f}.")
    hint = (
        " Predictions are all the same digit: training diverged (NaN weights?) or never ran."
        if len(np.unique(predicted)) == 1 else
        " Check that the loss is the cross-entropy of the logits (softmax applied once), that "
        "inputs are scaled the same way in training and in predict, and that training runs "
        "enough batches."
    )
    return Partial(fraction, f"Accuracy {accuracy:.4f}; full marks from {FULL_ACCURACY}.{hint}")


@test(points=2, name="every digit is recognised / 每个数字都能识别")
def every_digit(sub: Submission) -> None:
    _, labels, predicted = _full_test_set(sub)
    recalls = {d: float(np.mean(predicted[labels == d] == d)) for d in range(10)}
    weak = {d: r for d, r in recalls.items() if r < 0.75}
    if weak:
        listed = ", ".join(f"{d} ({r:.0%})" for d, r in sorted(weak.items()))
        raise Fail(f"These digits are rarely recognised: {listed}. Look at the confusion "
                   "matrix; check that labels and images stay aligned when you batch/shuffle.")


@test(points=1, name="one image or a batch: same answer / 单张与整批一致")
def batch_independent(sub: Submission) -> None:
    images, _ = mnist_test_set()
    sample = images[100:112]
    together = predictions(sub, sample)
    alone = np.array([predictions(sub, sample[i:i + 1])[0] for i in range(len(sample))])
    if not np.array_equal(together, alone):
        raise Fail("predict gives different digits for the same image alone and in a batch: "
                   "do not normalise with statistics of the batch, and do not train in predict.")


@test(points=1, name="BATCHSIZE is a sensible integer / BATCHSIZE")
def batch_size(sub: Submission) -> None:
    if not sub.has("BATCHSIZE"):
        raise Fail("Define BATCHSIZE, the number of examples per training batch.")
    value = sub.get("BATCHSIZE")
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 10_000:
        raise Fail(f"BATCHSIZE should be an integer between 1 and 10000, not {value!r}.")
    predictions(sub, mnist_test_set()[0][:1])  # and the model must exist
