"""PyTorch peer of `npm run bench` for the layered workloads (issue 18): ms per epoch of minibatch Adam on the CPU.

Reads one JSON object on stdin from bench/pytorch-layered.ts:
  {"workload": "cnn-digits",
   "model": "model = nn.Sequential(...)",   # components/shared/pytorch.ts's pytorchLayeredModel, as "Show code" prints it
   "loss": "nn.CrossEntropyLoss()", "optimizer": "torch.optim.Adam(model.parameters(), lr=0.001)",
   "classes": true,                          # targets are one-hot rows: CrossEntropyLoss takes their argmax
   "inputShape": [1, 28, 28], "samples": 2000, "targetWidth": 10, "batch": 64, "seed": 42,
   "inputs": "/tmp/…/x.f32", "targets": "/tmp/…/y.f32",   # raw little-endian float32, samples × features
   "budgetMs": 1000, "minEpochs": 2, "threads": ["default", 1, "cores"]}
Threads: "default" is PyTorch's own choice (torch.get_num_threads() at start), "cores" every core, left out
when an earlier setting already ran that many. Prints one JSON line:
  {"torch", "blas", "defaultThreads", "cores", "runs": [{"threads", "default", "msPerEpoch", "msPerStep", "epochs", "steps", "loss"}]}.

The model, loss and optimizer are the generator's own Python, executed here, so the bench trains exactly the
code a student reads. An epoch is what that code's loop does, minus DataLoader's per-sample collation (which
would only slow PyTorch down): a fresh permutation, then zero_grad, forward, loss, backward, Adam step per
minibatch of `batch`. Each thread setting gets a fresh model from the same seed and one warm-up epoch, then
whole epochs are timed until the budget is spent; the timed stretch ends with loss.item().
"""
import json
import os
import sys
import time

import numpy as np
import torch
from torch import nn


def load(path: str, samples: int, shape: list) -> torch.Tensor:
    values = np.fromfile(path, dtype="<f4")
    return torch.from_numpy(values.copy()).reshape(samples, *shape)


def blas_libraries() -> list:
    """The BLAS libraries loaded after training: Debian's torch uses whichever libblas.so.3 the system's
    alternatives name (the reference netlib BLAS unless OpenBLAS is installed), and dense layers' speed hangs on it."""
    try:
        with open("/proc/self/maps") as maps:
            paths = {line.split()[-1] for line in maps if "blas" in line.rsplit("/", 1)[-1]}
    except OSError:
        return []
    return sorted(os.path.basename(os.path.realpath(path)) for path in paths)


def build(job: dict):
    """The generator's model, loss and optimizer, from the same seed."""
    torch.manual_seed(job["seed"])
    scope = {"torch": torch, "nn": nn}
    exec(job["model"], scope)  # defines `model`
    model = scope["model"]
    loss_fn = eval(job["loss"], scope)
    optimizer = eval(job["optimizer"], scope)
    return model, loss_fn, optimizer


def time_epochs(job: dict, x: torch.Tensor, y: torch.Tensor) -> dict:
    model, loss_fn, optimizer = build(job)
    model.train()
    batch = job["batch"]
    samples = x.shape[0]

    def epoch() -> torch.Tensor:
        order = torch.randperm(samples)
        loss = None
        for start in range(0, samples, batch):
            index = order[start:start + batch]
            optimizer.zero_grad()
            loss = loss_fn(model(x[index]), y[index])
            loss.backward()
            optimizer.step()
        return loss

    epoch().item()  # warm-up: first-touch allocations, oneDNN's kernel choice
    budget = job.get("budgetMs", 1000) / 1000
    min_epochs = job.get("minEpochs", 2)
    epochs = 0
    loss = float("nan")
    start = time.perf_counter()
    elapsed = 0.0
    while elapsed < budget or epochs < min_epochs:
        loss = epoch().item()
        epochs += 1
        elapsed = time.perf_counter() - start
    steps_per_epoch = -(-samples // batch)
    ms_per_epoch = elapsed * 1000 / epochs
    return {
        "msPerEpoch": ms_per_epoch,
        "msPerStep": ms_per_epoch / steps_per_epoch,
        "epochs": epochs,
        "steps": epochs * steps_per_epoch,
        "loss": loss,
    }


def main() -> None:
    job = json.load(sys.stdin)
    samples = job["samples"]
    x = load(job["inputs"], samples, job["inputShape"])
    y = load(job["targets"], samples, [job["targetWidth"]])
    if job.get("classes"):
        y = y.argmax(dim=1)  # CrossEntropyLoss takes class indices; the engine's rows are one-hot
    default_threads = torch.get_num_threads()
    runs = []
    cores = os.cpu_count() or 1
    for setting in job.get("threads", ["default", 1]):
        count = default_threads if setting == "default" else cores if setting == "cores" else int(setting)
        if setting == "cores" and any(run["threads"] == count for run in runs):
            continue
        torch.set_num_threads(count)
        result = time_epochs(job, x, y)
        runs.append({"threads": count, "default": setting == "default", **result})
    torch.set_num_threads(default_threads)
    print(json.dumps({"torch": torch.__version__, "blas": blas_libraries(), "defaultThreads": default_threads, "cores": cores, "runs": runs}))


if __name__ == "__main__":
    main()
