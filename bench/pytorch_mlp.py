"""PyTorch peer of `npm run bench`: times full-batch SGD steps of an MLP on the CPU.

Reads one JSON object on stdin from bench/run.ts:
  {"layers": [1, 1024, 1], "hidden": "relu", "lr": 0.001, "inputs": [[x], ...], "targets": [[y], ...],
   "budgetMs": 1000, "warmupMs": 200, "minSteps": 3}
and prints one JSON line: {"msPerStep", "stepsPerSecond", "steps", "loss", "torch", "threads"}.
Each step is what the lecture notebook does: zero_grad, forward, MSELoss, backward, SGD step; the timed
stretch ends with loss.item(), the CPU equivalent of the browser's awaited readback.
"""
import json
import sys
import time

import torch
from torch import nn


def main() -> None:
    job = json.load(sys.stdin)
    torch.manual_seed(42)
    sizes = job["layers"]
    activation = {"relu": nn.ReLU, "tanh": nn.Tanh, "sigmoid": nn.Sigmoid}[job.get("hidden", "relu")]
    modules = []
    for i in range(1, len(sizes)):
        modules.append(nn.Linear(sizes[i - 1], sizes[i]))
        if i < len(sizes) - 1:
            modules.append(activation())
    model = nn.Sequential(*modules)
    x = torch.tensor(job["inputs"], dtype=torch.float32)
    y = torch.tensor(job["targets"], dtype=torch.float32)
    loss_fn = nn.MSELoss()
    optimizer = torch.optim.SGD(model.parameters(), lr=job["lr"])

    def step() -> torch.Tensor:
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()
        return loss

    budget = job.get("budgetMs", 1000) / 1000
    warmup = job.get("warmupMs", 200) / 1000
    min_steps = job.get("minSteps", 3)

    start = time.perf_counter()
    step().item()
    while time.perf_counter() - start < warmup:
        step().item()

    steps = 0
    start = time.perf_counter()
    elapsed = 0.0
    loss = float("nan")
    while elapsed < budget or steps < min_steps:
        for _ in range(10):
            last = step()
        steps += 10
        loss = last.item()
        elapsed = time.perf_counter() - start
    ms = elapsed * 1000 / steps
    print(json.dumps({
        "msPerStep": ms,
        "stepsPerSecond": 1000 / ms,
        "steps": steps,
        "loss": loss,
        "torch": torch.__version__,
        "threads": torch.get_num_threads(),
    }))


if __name__ == "__main__":
    main()
