"""PyTorch solvers for the torch adapter's specs: a model and a loss function written the way
a PyTorch user writes them (Zhang et al. eq. (1): f(x) = sum_k relu(w_k . x), loss
sum_i (f(x_i) - y_i)^2 / (2N)), and two planted bugs."""
import torch

import relucheck.torch


class Net(torch.nn.Module):
    """One hidden ReLU layer, output weights fixed to 1."""

    def __init__(self, d, K):
        super().__init__()
        self.hidden = torch.nn.Linear(d, K, bias=False)

    def forward(self, X):
        return torch.relu(self.hidden(X)).sum(dim=1)


def loss(X, y, W):
    r = torch.relu(X @ W).sum(dim=1) - y
    return r @ r / (2 * X.shape[0])


def softplus_loss(X, y, W):
    """Planted: a smooth stand-in for relu. Autograd stays consistent with this loss, so the
    finite-difference claims hold; W* no longer is a stationary point of it."""
    r = torch.nn.functional.softplus(X @ W).sum(dim=1) - y
    return r @ r / (2 * X.shape[0])


model64 = relucheck.torch.from_model(Net)
model32 = relucheck.torch.from_model(Net, dtype=torch.float32)
loss64 = relucheck.torch.from_loss(loss)
planted_softplus = relucheck.torch.from_loss(softplus_loss, name="planted softplus")
# Planted: momentum in the user's optimizer; gradient descent is then not plain GD.
planted_momentum = relucheck.torch.from_model(Net, optimizer=lambda params, lr: torch.optim.SGD(params, lr=lr, momentum=0.9),
                                              name="planted momentum")
