"""The PyTorch side of `vae bench --case 4`: the importance-sampled log p(x) of an MLP VAE
784-300-300-40 (ReLU, Bernoulli, freshly initialised: the cost does not depend on the weights) with
k samples on the first N test images, timed after a warm-up and projected to the 10,000 test images.
One image at a time, its samples in decoder calls of --chunk rows: 500-1000 ran fastest here (215 s
projected, against 232 s for all 5000 at once and 430 s for 5 images x 5000, quickstart.py's form).

    python3 bench/log_px.py [--images 256] [--k 5000] [--chunk 1000] [--threads 2] [--data /usr/share/datasets/fashion-mnist]
"""
import argparse, math, os, sys, time

import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from protocol_epoch import find, idx_images  # noqa: E402
from train_step import Vae, parse_and_seed  # noqa: E402


def log_px(model, x, k, chunk):
    """Mean over images of log (1/k) sum_i p(x, z_i) / q(z_i | x), z_i ~ q(z | x)."""
    total = 0.0
    with torch.inference_mode():
        for i in range(len(x)):
            xs = x[i:i + 1]
            mu, lv = model.posterior(xs)
            weights = []
            for c in range(0, k, chunk):
                eps = torch.randn(min(chunk, k - c), mu.shape[1])
                z = mu + torch.exp(0.5 * lv) * eps
                recon = -nn.functional.binary_cross_entropy_with_logits(
                    model.dec(z), xs.expand(len(z), -1), reduction="none").sum(1)
                weights.append(recon - 0.5 * (z * z).sum(1) + 0.5 * (eps * eps + lv).sum(1))
            total += (torch.logsumexp(torch.cat(weights), 0) - math.log(k)).item()
    return total / len(x)


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--images", type=int, default=256)
    a.add_argument("--k", type=int, default=5000)
    a.add_argument("--chunk", type=int, default=1000, help="samples per decoder call")
    o = parse_and_seed(a)
    test = torch.from_numpy(idx_images(find(o.data, "t10k-images-idx3-ubyte")))
    model = Vae("mlp", [300, 300], 40)
    log_px(model, test[:16], 50, o.chunk)
    t0 = time.time()
    value = log_px(model, test[:o.images], o.k, o.chunk)
    seconds = time.time() - t0
    print(f"log p(x) {value:.2f} on {o.images} images, k = {o.k}: {seconds:.2f} s; 10k: {seconds * 10000 / o.images:.0f} s")


if __name__ == "__main__":
    main()
