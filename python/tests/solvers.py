"""Small NumPy solvers for the package's tests, written from the protocol document
(docs/protocol.md "Messages") and Zhang et al. eq. (3.2): not from relucheck's code."""
import numpy as np


class EmpiricalSolver:
    """Loss, gradient (mask z >= 0), Gauss-Newton HVP and plain gradient descent."""

    name = "tests EmpiricalSolver"

    def loss(self, X, y, W):
        r = np.maximum(X @ W, 0.0).sum(axis=1) - y
        return float(r @ r) / (2 * len(y))

    def gradient(self, X, y, W):
        Z = X @ W
        r = np.maximum(Z, 0.0).sum(axis=1) - y
        return X.T @ ((Z >= 0) * r[:, None]) / len(y)

    def hvp(self, X, y, W, U):
        D = (X @ W >= 0).astype(float)
        s = (D * (X @ U)).sum(axis=1)          # directional derivative of the output along U
        return X.T @ (D * s[:, None]) / len(y)

    def gradient_descent(self, X, y, W0, eta, iterations):
        W = W0.copy()
        losses = [self.loss(X, y, W)]
        for _ in range(iterations):
            W = W - eta * self.gradient(X, y, W)
            losses.append(self.loss(X, y, W))
        return W, losses


class GradientSignBug(EmpiricalSolver):
    """Planted bug: the gradient's sign is flipped (gradient descent too, through it)."""

    name = "tests GradientSignBug"

    def gradient(self, X, y, W):
        return -super().gradient(X, y, W)


class Float32Solver(EmpiricalSolver):
    """Computes the gradient in float32 without declaring it."""

    def gradient(self, X, y, W):
        return super().gradient(X.astype(np.float32), y.astype(np.float32), W.astype(np.float32))


class Chatty(EmpiricalSolver):
    """Prints from inside its methods, as debugging solvers do."""

    def loss(self, X, y, W):
        print("computing the loss")
        return super().loss(X, y, W)
