"""The PyTorch side of `vae bench --case 10`: training steps of an MLP VAE 784-H-L (ReLU, one hidden
layer each side, Bernoulli on the grey Fashion-MNIST intensities, Adam 1e-3) at batch B; prints the
median step's samples/s after --warmup steps, the figure vaelab's case prints.

    python3 bench/train_step.py [--hidden 400] [--latent 20] [--batch 128] [--steps 300] [--warmup 200] [--threads 2]
"""
import argparse, os, sys, time

import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from protocol_epoch import find, idx_images  # noqa: E402


class Vae(nn.Module):
    def __init__(self, hidden, latent):
        super().__init__()
        self.enc = nn.Sequential(nn.Linear(784, hidden), nn.ReLU())
        self.mean, self.logvar = nn.Linear(hidden, latent), nn.Linear(hidden, latent)
        self.dec = nn.Sequential(nn.Linear(latent, hidden), nn.ReLU(), nn.Linear(hidden, 784))

    def loss(self, x):
        h = self.enc(x)
        mu, lv = self.mean(h), self.logvar(h)
        z = mu + torch.exp(0.5 * lv) * torch.randn_like(mu)
        recon = nn.functional.binary_cross_entropy_with_logits(self.dec(z), x, reduction="sum")
        return recon + 0.5 * (mu * mu + lv.exp() - lv - 1).sum()


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--hidden", type=int, default=400)
    a.add_argument("--latent", type=int, default=20)
    a.add_argument("--batch", type=int, default=128)
    a.add_argument("--steps", type=int, default=300)
    a.add_argument("--warmup", type=int, default=200)
    a.add_argument("--threads", type=int, default=2)
    a.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    o = a.parse_args()
    torch.set_num_threads(o.threads)
    torch.set_flush_denormal(True)
    torch.manual_seed(1)
    train = torch.from_numpy(idx_images(find(o.data, "train-images-idx3-ubyte")))
    model = Vae(o.hidden, o.latent)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    order = torch.randperm(len(train))
    times = []
    for s in range(o.warmup + o.steps):
        start = (s * o.batch) % (len(train) - o.batch)
        x = train[order[start:start + o.batch]]
        t0 = time.perf_counter()
        loss = model.loss(x)
        opt.zero_grad()
        loss.backward()
        opt.step()
        if s >= o.warmup:
            times.append(time.perf_counter() - t0)
    times.sort()
    print(f"samples/s: {o.batch / times[len(times) // 2]:.0f}")


if __name__ == "__main__":
    main()
