"""The PyTorch side of `vae bench` cases 1-3 and 10: training steps of a VAE on the grey Fashion-MNIST
intensities (Bernoulli, Adam 1e-3, ReLU), the models of vaelab's cases: an MLP 784-H...-L (one hidden
layer list, mirrored in the decoder) or the default CNN (convolutions 1-32-64, kernel 4, stride 2,
padding 1, dense 256, latent 20; transposed convolutions back). Prints the samples/s of the first
--first steps (a fresh process: its warm-up included, as vaelab's "1st epoch") and of the median
step of the next --steps.

    python3 bench/train_step.py [--model mlp|cnn] [--hidden 400] [--latent 20] [--batch 128] [--steps 300] [--first 469]
"""
import argparse, os, sys, time

import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from protocol_epoch import find, idx_images  # noqa: E402


def parse_and_seed(parser):
    """Adds --threads and --data, parses, and sets the threads, denormal flushing and seed of a bench script."""
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    o = parser.parse_args()
    torch.set_num_threads(o.threads)
    torch.set_flush_denormal(True)
    torch.manual_seed(1)
    return o


def mlp(sizes):
    layers = []
    for a, b in zip(sizes, sizes[1:]):
        layers += [nn.Linear(a, b), nn.ReLU()]
    return nn.Sequential(*layers)


class Vae(nn.Module):
    def __init__(self, model, hidden, latent):
        super().__init__()
        if model == "cnn":
            self.enc = nn.Sequential(nn.Unflatten(1, (1, 28, 28)), nn.Conv2d(1, 32, 4, 2, 1), nn.ReLU(),
                                     nn.Conv2d(32, 64, 4, 2, 1), nn.ReLU(), nn.Flatten(), nn.Linear(3136, 256), nn.ReLU())
            self.dec = nn.Sequential(nn.Linear(latent, 256), nn.ReLU(), nn.Linear(256, 3136), nn.ReLU(),
                                     nn.Unflatten(1, (64, 7, 7)), nn.ConvTranspose2d(64, 32, 4, 2, 1), nn.ReLU(),
                                     nn.ConvTranspose2d(32, 1, 4, 2, 1), nn.Flatten())
            width = 256
        else:
            self.enc = mlp([784] + hidden)
            self.dec = nn.Sequential(mlp([latent] + hidden[::-1]), nn.Linear(hidden[0], 784))
            width = hidden[-1]
        self.mean, self.logvar = nn.Linear(width, latent), nn.Linear(width, latent)

    def posterior(self, x):
        h = self.enc(x)
        return self.mean(h), self.logvar(h)

    def terms(self, x):
        """Per example: the one-sample reconstruction log-likelihood and the analytic KL."""
        mu, lv = self.posterior(x)
        z = mu + torch.exp(0.5 * lv) * torch.randn_like(mu)
        recon = -nn.functional.binary_cross_entropy_with_logits(self.dec(z), x, reduction="none").sum(1)
        kl = 0.5 * (mu * mu + lv.exp() - lv - 1).sum(1)
        return recon, kl

    def loss(self, x):
        recon, kl = self.terms(x)
        return (kl - recon).sum()


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--model", choices=["mlp", "cnn"], default="mlp")
    a.add_argument("--hidden", default="400", help="hidden widths of the MLP, comma-separated")
    a.add_argument("--latent", type=int, default=20)
    a.add_argument("--batch", type=int, default=128)
    a.add_argument("--steps", type=int, default=300)
    a.add_argument("--first", type=int, default=469)
    o = parse_and_seed(a)
    train = torch.from_numpy(idx_images(find(o.data, "train-images-idx3-ubyte")))
    model = Vae(o.model, [int(h) for h in o.hidden.split(",")], o.latent)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    order = torch.randperm(len(train))
    times = []
    for s in range(o.first + o.steps):
        start = (s * o.batch) % (len(train) - o.batch)
        x = train[order[start:start + o.batch]]
        t0 = time.perf_counter()
        loss = model.loss(x)
        opt.zero_grad()
        loss.backward()
        opt.step()
        times.append(time.perf_counter() - t0)
    steady = sorted(times[o.first:])
    print(f"first {o.first} steps: {o.batch * o.first / sum(times[:o.first]):.0f} samples/s")
    print(f"samples/s: {o.batch / steady[len(steady) // 2]:.0f}")


if __name__ == "__main__":
    main()
