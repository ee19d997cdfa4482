"""The PyTorch side of `vae bench --case 7`, `--case 8` and `--case 11`: experiments/quickstart.yaml as
a plain script, timed from process start to exit. An MLP VAE 784-400-20 (ReLU), or with --model cnn
the default CNN of `vae bench --case 3`, Bernoulli likelihood on the grey Fashion-MNIST intensities,
Adam 1e-3, batch 128, 10 epochs, the test ELBO after every epoch and a checkpoint; with --eval, then
the importance-sampled log p(x) with k = 1000 on the first 1000 test images (vaelab's final
evaluation also fits the gaps, a probe and the sample measures: more work).

    python3 bench/quickstart.py [--model mlp|cnn] [--epochs 10] [--eval] [--threads 2] [--data DIR]
"""
import argparse, math, os, sys, tempfile, time

START = time.time()
import torch
import torch.nn as nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from protocol_epoch import elbo, find, idx_images  # noqa: E402
from train_step import Vae  # noqa: E402


def log_px(model, x, k, rows=5):
    """log (1/k) sum_i p(x, z_i) / q(z_i | x), z_i ~ q(z | x): `rows` images x k samples per decoder call."""
    total = 0.0
    with torch.no_grad():
        for i in range(0, len(x), rows):
            xs = x[i:i + rows]
            mu, lv = model.posterior(xs)
            eps = torch.randn(len(xs), k, mu.shape[1])
            z = mu[:, None] + torch.exp(0.5 * lv)[:, None] * eps
            recon = -nn.functional.binary_cross_entropy_with_logits(
                model.dec(z.reshape(-1, mu.shape[1])), xs.repeat_interleave(k, 0), reduction="none").sum(1)
            log_p = -0.5 * (z * z).sum(2)
            log_q = -0.5 * (eps * eps + lv[:, None]).sum(2)
            w = recon.reshape(len(xs), k) + log_p - log_q
            total += (torch.logsumexp(w, 1) - math.log(k)).sum().item()
    return total / len(x)


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--model", choices=["mlp", "cnn"], default="mlp")
    a.add_argument("--epochs", type=int, default=10)
    a.add_argument("--eval", action="store_true")
    a.add_argument("--threads", type=int, default=2)
    a.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    args = a.parse_args()
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    train = torch.from_numpy(idx_images(find(args.data, "train-images-idx3-ubyte")))
    test = torch.from_numpy(idx_images(find(args.data, "t10k-images-idx3-ubyte")))
    model = Vae(args.model, [400], 20)
    opt = torch.optim.Adam(model.parameters(), lr=1e-3)
    out = tempfile.mkdtemp()
    for epoch in range(1, args.epochs + 1):
        t0 = time.time()
        for idx in torch.randperm(len(train)).split(128):
            r, k = model.terms(train[idx])
            loss = -(r - k).mean()
            opt.zero_grad()
            loss.backward()
            opt.step()
        t = elbo(model, test)
        torch.save({"model": model.state_dict(), "opt": opt.state_dict(), "epoch": epoch}, os.path.join(out, "checkpoint.pt"))
        print(f"epoch {epoch}: {time.time() - t0:.2f} s, test elbo {t:.2f}", flush=True)
    if args.eval:
        t0 = time.time()
        print(f"log p(x) = {log_px(model, test[:1000], 1000):.2f} (k = 1000, 1000 images, {time.time() - t0:.1f} s)")
    print(f"process: {time.time() - START:.1f} s from start to exit")


if __name__ == "__main__":
    main()
