#!/usr/bin/env python3
"""PyTorch side of the kit's speed benchmark: the same networks as lib's
Presets.orl() and Presets.koch(), timed the same way (synthetic inputs, since
only speed is measured here). Prints one line per measurement:
    torch <network> <metric> <value>
Run through bench/run.sh, which runs the kit's side too and prints the ratios."""
import argparse
import time

import torch
import torch.nn as nn
import torch.nn.functional as F


class OrlNet(nn.Module):
    """conv 6@3x3 ReLU, pool 2, dropout .25, conv 12@3x3 ReLU, pool 2, dropout .25,
    dense 128 ReLU, dropout .1, dense 50 ReLU; input 1x56x46."""
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(1, 6, 3)
        self.c2 = nn.Conv2d(6, 12, 3)
        self.d1 = nn.Linear(12 * 12 * 10, 128)
        self.d2 = nn.Linear(128, 50)

    def forward(self, x):
        x = F.dropout(F.max_pool2d(F.relu(self.c1(x)), 2), 0.25, self.training)
        x = F.dropout(F.max_pool2d(F.relu(self.c2(x)), 2), 0.25, self.training)
        x = F.dropout(F.relu(self.d1(x.flatten(1))), 0.1, self.training)
        return F.relu(self.d2(x))


class KochNet(nn.Module):
    """Koch et al. 2015: 64@10x10, pool, 128@7x7, pool, 128@4x4, pool, 256@4x4,
    dense 4096 sigmoid; input 1x105x105."""
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(1, 64, 10)
        self.c2 = nn.Conv2d(64, 128, 7)
        self.c3 = nn.Conv2d(128, 128, 4)
        self.c4 = nn.Conv2d(128, 256, 4)
        self.d = nn.Linear(256 * 6 * 6, 4096)
        self.out = nn.Linear(4096, 1)

    def embed(self, x):
        x = F.max_pool2d(F.relu(self.c1(x)), 2)
        x = F.max_pool2d(F.relu(self.c2(x)), 2)
        x = F.max_pool2d(F.relu(self.c3(x)), 2)
        x = F.relu(self.c4(x))
        return torch.sigmoid(self.d(x.flatten(1)))

    def forward(self, a, b):
        return torch.sigmoid(self.out(torch.abs(self.embed(a) - self.embed(b))))


def contrastive(d, y, margin=1.0):
    return (y * d.pow(2) + (1 - y) * F.relu(margin - d).pow(2)).mean()


def orl_epochs(pairs, batch, warmup_batches, epochs):
    """Seconds of each of `epochs` epochs after the warm-up batches (as the kit's side)."""
    net = OrlNet()
    opt = torch.optim.RMSprop(net.parameters(), lr=1e-3)
    g = torch.Generator().manual_seed(0)
    a = torch.rand(pairs, 1, 56, 46, generator=g)
    b = torch.rand(pairs, 1, 56, 46, generator=g)
    y = torch.randint(0, 2, (pairs,), generator=g).float()

    def step(i):
        s = slice(i, i + batch)
        ea, eb = net(a[s]), net(b[s])
        d = torch.sqrt(((ea - eb) ** 2).sum(1) + 1e-9)
        loss = contrastive(d, y[s])
        opt.zero_grad()
        loss.backward()
        opt.step()

    for i in range(warmup_batches):
        step(i * batch)
    seconds = []
    for _ in range(epochs):
        t = time.perf_counter()
        for i in range(0, pairs, batch):
            step(i)
        seconds.append(time.perf_counter() - t)
    return seconds, net


def koch_iter(iters, batch, warmup):
    net = KochNet()
    opt = torch.optim.Adam(net.parameters(), lr=6e-5)
    g = torch.Generator().manual_seed(0)
    a = torch.rand(batch, 1, 105, 105, generator=g)
    b = torch.rand(batch, 1, 105, 105, generator=g)
    y = torch.randint(0, 2, (batch, 1), generator=g).float()

    def step():
        loss = F.binary_cross_entropy(net(a, b), y)
        opt.zero_grad()
        loss.backward()
        opt.step()

    for _ in range(warmup):
        step()
    t = time.perf_counter()
    for _ in range(iters):
        step()
    return (time.perf_counter() - t) / iters, net


def throughput(fn, n, batch, shape):
    x = torch.rand(batch, *shape)
    with torch.no_grad():
        fn(x)
        t = time.perf_counter()
        done = 0
        while done < n:
            fn(x)
            done += batch
    return done / (time.perf_counter() - t)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--orl-pairs", type=int, default=15000)
    p.add_argument("--orl-epochs", type=int, default=3)
    p.add_argument("--koch-iters", type=int, default=5)
    args = p.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    secs, orl = orl_epochs(args.orl_pairs, 128, 3, args.orl_epochs)
    print(f"torch orl seconds_first_epoch {secs[0]:.3f}", flush=True)
    print(f"torch orl seconds_per_epoch {secs[-1]:.3f}", flush=True)
    orl.eval()
    print(f"torch orl embed_images_per_second {throughput(orl, 20000, 256, (1, 56, 46)):.1f}", flush=True)
    sec, koch = koch_iter(args.koch_iters, 32, 1)
    print(f"torch koch seconds_per_iteration {sec:.3f}", flush=True)
    koch.eval()
    print(f"torch koch embed_images_per_second {throughput(koch.embed, 256, 64, (1, 105, 105)):.1f}", flush=True)


if __name__ == "__main__":
    main()
