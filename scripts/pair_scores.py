"""How a judge's four probabilities (none, support, oppose, neutral) become a
label, and how labels are scored pair by pair: shared by
train-cross-judge.py and compare-pair-judges.py (numpy only, so the
comparison runs without PyTorch)."""


def decide(probs, cut):
    """The label of each row: `none` (0) where p(none) reaches `cut`, else the
    likeliest of support, oppose and neutral."""
    lab = probs[:, 1:].argmax(1) + 1
    lab[probs[:, 0] >= cut] = 0
    return lab


def score(gold, pred):
    """Pairs found (the same label, not `none`), with precision, recall and F1."""
    tp = int(((gold == pred) & (gold != 0)).sum())
    fp = int(((pred != 0) & (gold != pred)).sum())
    fn = int(((gold != 0) & (gold != pred)).sum())
    p = tp / max(1, tp + fp)
    r = tp / max(1, tp + fn)
    return {"tp": tp, "fp": fp, "fn": fn, "p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}
