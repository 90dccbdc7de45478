"""Hidden tests for tf_data_datasets: properties of the produced elements."""

import numpy as np

from grader.checker import Fail, Partial, Submission, test
from grader.checker.compare import as_array

N = 37


def _batches(sub: Submission, batch_size: int, seed: int) -> list[tuple[np.ndarray, np.ndarray]]:
    """Features row i is (i, 1000 + i) and its label is i, so alignment is easy to check."""
    ids = np.arange(N)
    features = np.stack([ids, 1000 + ids], axis=1).astype(np.float32)
    elements = sub.dataset("make_batches", 1000, features, ids.astype(np.int64), batch_size, seed)
    out = []
    for element in elements:
        if not isinstance(element, list) or len(element) != 2:
            raise Fail("Each element should be a pair (features batch, labels batch).")
        out.append((as_array(element[0], "features batch"), as_array(element[1], "labels")))
    return out


def _consecutive(batch: np.ndarray, first: int, size: int) -> bool:
    """Whether a batch is one block of the unshuffled data (what shuffle-after-batch gives)."""
    low = int(batch.min())
    return (low - first) % size == 0 and np.array_equal(np.sort(batch),
                                                         np.arange(low, low + len(batch)))


@test(points=1, name="squares of a hidden n / 隐藏 n")
def squares_hidden(sub: Submission) -> None:
    got = [float(as_array(e, "element")) for e in sub.dataset("squares", 1000, 23)]
    if got != [float(i * i) for i in range(23)]:
        raise Fail("squares(23) is wrong: map each i of range(n) to i * i.")


@test(points=2, name="features stay with their labels / 特征与标签对应")
def aligned(sub: Submission) -> None:
    for features, labels in _batches(sub, 8, 3):
        if features.ndim != 2 or features.shape[0] != labels.shape[0]:
            raise Fail(f"A batch has {features.shape} features but {labels.shape} labels.")
        if not np.array_equal(features[:, 0], labels):
            raise Fail("Some features are no longer next to their labels: shuffle the pairs "
                       "together (one dataset of (features, labels)), not each one separately.")


@test(points=1, name="all rows, last batch kept / 保留最后一批")
def batch_sizes(sub: Submission) -> None:
    sizes = sorted((len(labels) for _, labels in _batches(sub, 8, 3)), reverse=True)
    if sizes != [8, 8, 8, 8, 5]:
        raise Fail(f"37 rows in batches of 8 should give sizes [8, 8, 8, 8, 5], got {sizes}"
                   + (" (drop_remainder=True drops the last batch)." if sum(sizes) == 32 else "."))


@test(points=2, name="shuffled before batching / 先打乱再分批")
def shuffled_before_batch(sub: Submission) -> Partial:
    batches = _batches(sub, 8, 3)
    labels = np.concatenate([b for _, b in batches])
    if sorted(labels.tolist()) != list(range(N)):
        return Partial(0, "One pass over make_batches should contain every row exactly once.")
    if np.array_equal(labels, np.arange(N)):
        return Partial(0, "The rows come out in their original order: shuffle with a buffer as "
                          "large as the data set (shuffle(len(features), seed=seed)).")
    runs = all(_consecutive(b, 0, 8) for _, b in batches)
    if runs:
        return Partial(0.25, "Each batch holds consecutive rows: you shuffle after batch(), so "
                             "only whole batches move. Call shuffle() before batch().")
    return Partial(1.0)


@test(points=1, name="the seed decides the order / 种子决定顺序")
def seeded(sub: Submission) -> None:
    first = np.concatenate([b for _, b in _batches(sub, 8, 11)])
    again = np.concatenate([b for _, b in _batches(sub, 8, 11)])
    other = np.concatenate([b for _, b in _batches(sub, 8, 12)])
    if not np.array_equal(first, again):
        raise Fail("The same seed gave two different orders: pass seed=seed to shuffle().")
    if np.array_equal(first, other):
        raise Fail("Different seeds gave the same order: use the seed argument.")


@test(points=3, name="every epoch is a permutation, epochs differ / 每个 epoch 都是一个排列")
def epochs_are_permutations(sub: Submission) -> Partial:
    values = np.arange(10, 30, dtype=np.int64)  # 20 values, batches of 6: 6, 6, 6, 2
    elements = [as_array(e, "batch") for e in sub.dataset("epochs", 1000, values, 6, 3, 5)]
    sizes = [len(e) for e in elements]
    per_epoch = [sorted(sizes[i * 4:(i + 1) * 4]) for i in range(3)]
    if len(sizes) != 12 or per_epoch != [[2, 6, 6, 6]] * 3:
        hint = (" The last batch of an epoch is missing or merged with the next epoch: "
                "repeat() after batch() keeps epochs apart." if sum(sizes) == 60 else "")
        return Partial(0, f"3 epochs of 20 values in batches of 6 should give batch sizes "
                          f"[6, 6, 6, 2] × 3, got {sizes}.{hint}")
    passes = [np.concatenate(elements[i * 4:(i + 1) * 4]) for i in range(3)]
    permutations = [sorted(p.tolist()) == values.tolist() for p in passes]
    if not all(permutations):
        return Partial(0.3, "An epoch is not a permutation of the values: shuffle before "
                            "repeat(), otherwise elements of different epochs mix.")
    if all(_consecutive(batch, values[0], 6) for batch in elements):
        return Partial(0.3, "Each batch holds consecutive values: shuffle() comes after "
                            "batch(), so only whole batches move. Shuffle first.")
    if any(np.array_equal(p, values) for p in passes):
        return Partial(0.5, "An epoch keeps the original order: shuffle the values.")
    if np.array_equal(passes[0], passes[1]) or np.array_equal(passes[1], passes[2]):
        return Partial(0.7, "Every epoch has the same order: reshuffle each iteration "
                            "(shuffle before repeat, reshuffle_each_iteration=True).")
    return Partial(1.0)
