"""The PyTorch side of `vae bench --case 5`: epochs of the Fashion-MNIST protocol
(experiments/fmnist-protocol-gaussian.yaml) with everything an epoch does in vaelab: 500 steps on
50,000 training images re-binarised every batch, the validation ELBO on 10,000 images, the test
ELBO, the checkpoint and the best checkpoint. A plain script, as a researcher would write it after
the VampPrior code (gated dense layers, He init, hardtanh log-variance, AdamNormGrad).

    python3 bench/protocol_epoch.py [--epochs 3] [--threads 2] [--data /usr/share/datasets/fashion-mnist]

Prints one line per epoch with its wall time, and the process time from start to exit.
"""
import argparse, gzip, math, os, struct, tempfile, time

START = time.time()
import numpy as np
import torch
import torch.nn as nn


def idx_images(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        _, n, rows, cols = struct.unpack(">IIII", f.read(16))
        return np.frombuffer(f.read(), dtype=np.uint8).reshape(n, rows * cols).astype(np.float32) / 255.0


def find(directory, stem):
    for name in (stem, stem + ".gz"):
        if os.path.exists(os.path.join(directory, name)):
            return os.path.join(directory, name)
    raise SystemExit(f"no {stem} in {directory}")


class Gated(nn.Module):
    def __init__(self, n_in, n_out):
        super().__init__()
        self.h, self.g = nn.Linear(n_in, n_out), nn.Linear(n_in, n_out)

    def forward(self, x):
        return self.h(x) * torch.sigmoid(self.g(x))


class Vae(nn.Module):
    def __init__(self):
        super().__init__()
        self.enc = nn.Sequential(Gated(784, 300), Gated(300, 300))
        self.mean, self.logvar = nn.Linear(300, 40), nn.Linear(300, 40)
        self.dec = nn.Sequential(Gated(40, 300), Gated(300, 300), nn.Linear(300, 784))
        for m in self.modules():
            if isinstance(m, nn.Linear):
                m.weight.data.normal_(0, math.sqrt(2.0 / m.in_features))

    def terms(self, x):
        h = self.enc(x)
        mu, lv = self.mean(h), torch.clamp(self.logvar(h), -6.0, 2.0)
        z = mu + torch.exp(0.5 * lv) * torch.randn_like(mu)
        logits = self.dec(z)
        recon = -nn.functional.binary_cross_entropy_with_logits(logits, x, reduction="none").sum(1)
        kl = 0.5 * (mu * mu + lv.exp() - lv - 1).sum(1)
        return recon, kl


def norm_grads(model):
    for p in model.parameters():
        p.grad.div_(p.grad.norm() + 1e-7)


def elbo(model, x):
    total = 0.0
    with torch.no_grad():
        for i in range(0, len(x), 100):
            r, k = model.terms(x[i:i + 100])
            total += (r - k).sum().item()
    return total / len(x)


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--epochs", type=int, default=3)
    a.add_argument("--threads", type=int, default=2)
    a.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    args = a.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    train = torch.from_numpy(idx_images(find(args.data, "train-images-idx3-ubyte")))
    test = torch.from_numpy(idx_images(find(args.data, "t10k-images-idx3-ubyte")))
    g = torch.Generator().manual_seed(777)
    valid = torch.bernoulli(train[50000:], generator=g)
    train = train[:50000]
    test = torch.bernoulli(test, generator=g)
    model = Vae()
    opt = torch.optim.Adam(model.parameters(), lr=5e-4)
    out = tempfile.mkdtemp()
    best = -math.inf
    for epoch in range(1, args.epochs + 1):
        t0 = time.time()
        beta = min(1.0, epoch / 100)
        for idx in torch.randperm(50000).split(100):
            x = torch.bernoulli(train[idx])
            r, k = model.terms(x)
            loss = -(r - beta * k).mean()
            opt.zero_grad()
            loss.backward()
            norm_grads(model)
            opt.step()
        v = elbo(model, valid)
        t = elbo(model, test)
        state = {"model": model.state_dict(), "opt": opt.state_dict(), "epoch": epoch}
        torch.save(state, os.path.join(out, "checkpoint.pt"))
        if v > best:
            best = v
            torch.save(model.state_dict(), os.path.join(out, "best.pt"))
        print(f"epoch {epoch}: {time.time() - t0:.2f} s, valid elbo {v:.2f}, test elbo {t:.2f}", flush=True)
    print(f"process: {time.time() - START:.1f} s from start to exit")


if __name__ == "__main__":
    main()
