"""PyTorch on the CPU: the yardstick for Netwright's CPU training speed.

Trains the models of bench/engine.ts with the same optimizer (Adam, 0.001),
loss (cross-entropy over 10 classes), batch sizes and data shapes (random
MNIST-shaped images), and prints one JSON line per model:

    {"model": "mlp", "batch": 32, "samples_per_sec": 2957.1, "threads": 2, "torch": "1.13.0"}

Each figure is the fastest epoch after the first, best of --repeats runs, as
in bench/engine.ts. Uses every core unless --threads says otherwise.

    python3 bench/reference/torch_cpu.py [--samples 2048] [--epochs 4] [--repeats 2] [--models mlp,cnn,lenet]
"""
import argparse
import json
import os
import time

import torch
from torch import nn


def mlp():
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 300), nn.ReLU(), nn.Linear(300, 100), nn.ReLU(), nn.Linear(100, 10))


def cnn():
    # conv8-pool-conv16-pool-dense10, 'valid' 3x3 convolutions as in the engine bench.
    return nn.Sequential(
        nn.Conv2d(1, 8, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(8, 16, 3), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(16 * 5 * 5, 10),
    )


def lenet():
    # The lenet-cnn template: 5x5 'same' conv 6, pool, 5x5 conv 16, pool, dense 120, dense 10.
    return nn.Sequential(
        nn.Conv2d(1, 6, 5, padding=2), nn.ReLU(), nn.MaxPool2d(2),
        nn.Conv2d(6, 16, 5), nn.ReLU(), nn.MaxPool2d(2),
        nn.Flatten(), nn.Linear(16 * 5 * 5, 120), nn.ReLU(), nn.Linear(120, 10),
    )


MODELS = {"mlp": (mlp, [32, 256]), "cnn": (cnn, [64]), "lenet": (lenet, [64])}


def best_epoch_rate(build, batch, samples, epochs):
    torch.manual_seed(1)
    model = build()
    optimizer = torch.optim.Adam(model.parameters(), lr=0.001)
    loss_fn = nn.CrossEntropyLoss()
    x = torch.rand(samples, 1, 28, 28)
    y = torch.randint(0, 10, (samples,))
    seconds = []
    for _ in range(epochs):
        order = torch.randperm(samples)
        start = time.perf_counter()
        for i in range(0, samples, batch):
            idx = order[i:i + batch]
            optimizer.zero_grad(set_to_none=True)
            loss = loss_fn(model(x[idx]), y[idx])
            loss.backward()
            optimizer.step()
        loss.item()
        seconds.append(time.perf_counter() - start)
    return samples / min(seconds[1:])


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--samples", type=int, default=2048)
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--repeats", type=int, default=2)
    parser.add_argument("--threads", type=int, default=os.cpu_count())
    parser.add_argument("--models", default="mlp,cnn,lenet")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    for name in args.models.split(","):
        build, batches = MODELS[name]
        for batch in batches:
            rate = max(best_epoch_rate(build, batch, args.samples, args.epochs) for _ in range(args.repeats))
            print(json.dumps({"model": name, "batch": batch, "samples_per_sec": round(rate, 1), "threads": torch.get_num_threads(), "torch": torch.__version__}), flush=True)


if __name__ == "__main__":
    main()
